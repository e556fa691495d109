import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendFault, sendJson } from '../../sandbox/faults.js';
import { findTrigger, SHORT_LIVED_EXPIRES_IN_S } from '../../sandbox/trigger.js';
import {
  MTN_MESSAGES,
  MTN_SANDBOX_CREDENTIALS,
  MTN_SANDBOX_PERSON,
  MTN_SHORT_LIVED_TOKEN_USER,
  MTN_TRIGGERS,
  type MtnUserInfo,
} from './mtn-momo-fixtures.js';
import type { SandboxLog } from '../../sandbox/sandbox-log.js';
import type { SandboxTokens } from '../../sandbox/sandbox-tokens.js';

/** The fake also answers under this path, as a gateway that hosts the API below its root would. */
export const MTN_SANDBOX_MOUNT = '/momo';

const ROUTE = /^(?:\/momo)?\/(collection|disbursement)\/(?:(token)\/|v1_0\/accountholder\/msisdn\/([^/]+)\/(active|basicuserinfo))$/;

const API_USERS: Record<string, number> = {
  [MTN_SANDBOX_CREDENTIALS.apiUser]: 3600,
  [MTN_SHORT_LIVED_TOKEN_USER]: SHORT_LIVED_EXPIRES_IN_S,
};

/** What Azure API Management (MTN's gateway) answers for a wrong or missing subscription key. */
const INVALID_SUBSCRIPTION_KEY = {
  statusCode: 401,
  message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
};

const basicOf = (user: string, key: string) => `Basic ${Buffer.from(`${user}:${key}`, 'utf8').toString('base64')}`;

/** Answers as the MTN MoMo Open API does: per-product tokens, `active` and `basicuserinfo`, from the fixtures. */
export function createMtnMomoHandler(log: SandboxLog, tokens: SandboxTokens) {
  const failuresSoFar = new Map<string, number>();
  const { subscriptionKeys, apiKey, targetEnvironment } = MTN_SANDBOX_CREDENTIALS;

  const issueToken = (product: 'collection' | 'disbursement', req: IncomingMessage, res: ServerResponse) => {
    const user = Object.keys(API_USERS).find((candidate) => req.headers.authorization === basicOf(candidate, apiKey));
    if (!user) return sendJson(res, 401, { error: 'login_failed' });
    const expiresIn = API_USERS[user];
    const token = tokens.issue('mtn-momo', product, expiresIn);
    return sendJson(res, 200, { access_token: token, token_type: 'access_token', expires_in: expiresIn });
  };

  const error = (res: ServerResponse, status: number, code?: string, headers: Record<string, string> = {}): void => {
    if (!code) {
      res.writeHead(status, headers).end();
      return;
    }
    const text = JSON.stringify({ code, message: MTN_MESSAGES[code] ?? code });
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
  };

  const userInfo = (info: MtnUserInfo | { status: number; code?: string } | 'html', req: IncomingMessage, res: ServerResponse): void => {
    if (info === 'html') return sendFault('html-200', req, res);
    if (typeof info.status === 'number') return error(res, info.status, typeof info.code === 'string' ? info.code : undefined);
    return sendJson(res, 200, info);
  };

  const accountHolder = (phone: string, operation: string, token: { token: string; issuedAt: number }, req: IncomingMessage, res: ServerResponse): void => {
    const scenario = findTrigger(MTN_TRIGGERS, phone)?.answer ?? { kind: 'active', info: MTN_SANDBOX_PERSON };
    const answer = (info: MtnUserInfo | { status: number; code?: string } | 'html'): void =>
      operation === 'active' ? sendJson(res, 200, { result: true }) : userInfo(info, req, res);
    switch (scenario.kind) {
      case 'active':
        return answer(scenario.info);
      case 'inactive':
        return operation === 'active' ? sendJson(res, 200, { result: false }) : error(res, 404, 'RESOURCE_NOT_FOUND');
      case 'error':
        return error(res, scenario.status, scenario.code, scenario.retryAfter ? { 'retry-after': String(scenario.retryAfter) } : {});
      case 'wrong-shape':
        return sendJson(res, 200, { result: 'yes' });
      case 'fault':
        return sendFault(scenario.fault, req, res);
      case 'token-refused':
        return sendJson(res, 401, { statusCode: 401, message: 'Access token is invalid or expired.' });
      case 'token-revoked':
        if (operation === 'active' && tokens.refusedFor(`mtn-momo ${phone}`, token)) {
          return sendJson(res, 401, { statusCode: 401, message: 'Access token is invalid or expired.' });
        }
        return answer(scenario.info);
      case 'flaky': {
        const failures = failuresSoFar.get(phone) ?? 0;
        if (operation === 'active' && failures < scenario.failures) {
          failuresSoFar.set(phone, failures + 1);
          return error(res, 500, 'INTERNAL_PROCESSING_ERROR');
        }
        if (operation === 'basicuserinfo') failuresSoFar.delete(phone);
        return answer(scenario.info);
      }
      case 'echo':
        return sendJson(res, 400, {
          code: 'BAD_REQUEST',
          message: `Rejected: ${req.headers.authorization} with key ${req.headers['ocp-apim-subscription-key']}`,
        });
    }
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0];
    log.record('mtn-momo', req.method ?? '', path);
    const route = ROUTE.exec(path);
    const isToken = route?.[2] === 'token';
    if (!route || req.method !== (isToken ? 'POST' : 'GET')) {
      // The gateway, not MTN: no `{ code, message }`.
      return sendJson(res, 404, { statusCode: 404, message: 'Resource not found' });
    }
    const product = route[1] as 'collection' | 'disbursement';
    if (req.headers['ocp-apim-subscription-key'] !== subscriptionKeys[product]) return sendJson(res, 401, INVALID_SUBSCRIPTION_KEY);
    if (isToken) return issueToken(product, req, res);
    const token = tokens.use('mtn-momo', product, req.headers.authorization);
    if (!token) return sendJson(res, 401, { statusCode: 401, message: 'Access token is invalid or expired.' });
    if (req.headers['x-target-environment'] !== targetEnvironment) return error(res, 500, 'NOT_ALLOWED_TARGET_ENVIRONMENT');
    return accountHolder(`+${decodeURIComponent(route[3])}`, route[4], token, req, res);
  };
}
