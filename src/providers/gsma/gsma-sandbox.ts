import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRequestBody, sendFault, sendJson } from '../../sandbox/faults.js';
import { findTrigger, SHORT_LIVED_EXPIRES_IN_S } from '../../sandbox/trigger.js';
import { GSMA_SANDBOX_CREDENTIALS, GSMA_SHORT_LIVED_TOKEN_USER, GSMA_TRIGGERS, type GsmaErrorAnswer, type GsmaName } from './gsma-fixtures.js';
import type { SandboxLog } from '../../sandbox/sandbox-log.js';
import type { SandboxTokens } from '../../sandbox/sandbox-tokens.js';

/** Where the fake serves the API, as the GSMA simulator does: Basic authentication, and OAuth 2.0 tokens. */
export const GSMA_SANDBOX_PATHS = {
  basic: '/simulator/v1.2/passthrough/mm',
  oauth2: '/2/oauth/simulator/v1.2/mm',
  token: '/v1/oauth/accesstoken',
} as const;

const ROUTE = /^(\/simulator\/v1\.2\/passthrough\/mm|\/2\/oauth\/simulator\/v1\.2\/mm)\/accounts\/([a-z]+)\/([^/]+)\/(status|accountname)$/;

const CLIENTS: Record<string, number> = {
  [GSMA_SANDBOX_CREDENTIALS.oauth2.clientId]: 3600,
  [GSMA_SHORT_LIVED_TOKEN_USER]: SHORT_LIVED_EXPIRES_IN_S,
};

const basicOf = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

const sendError = (res: ServerResponse, error: GsmaErrorAnswer) => {
  const body = {
    errorCategory: error.category,
    errorCode: error.code,
    [error.specSpelling ? 'errordescription' : 'errorDescription']: error.description,
    errorDateTime: new Date().toISOString(),
  };
  const text = JSON.stringify(body);
  res
    .writeHead(error.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-date': new Date().toUTCString(),
      ...(error.retryAfter && { 'retry-after': String(error.retryAfter) }),
    })
    .end(text);
};

const AUTHORISATION_ERROR: GsmaErrorAnswer = {
  status: 401,
  category: 'authorisation',
  code: 'clientAuthorisationError',
  description: 'Client authentication failed',
};

/** Answers as a GSMA Mobile Money API provider does: account status and account name, from the fixtures. */
export function createGsmaHandler(log: SandboxLog, tokens: SandboxTokens) {
  const failuresSoFar = new Map<string, number>();
  const { apiKey, basic, oauth2 } = GSMA_SANDBOX_CREDENTIALS;

  const issueToken = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readRequestBody(req).catch(() => '');
    const client = Object.keys(CLIENTS).find((id) => req.headers.authorization === basicOf(id, oauth2.clientSecret));
    if (!client || req.headers['x-api-key'] !== apiKey) return sendJson(res, 401, { error: 'invalid_client' });
    if (new URLSearchParams(body).get('grant_type') !== 'client_credentials') return sendJson(res, 400, { error: 'unsupported_grant_type' });
    const expiresIn = CLIENTS[client];
    return sendJson(res, 200, { access_token: tokens.issue('gsma', 'api', expiresIn), token_type: 'Bearer', expires_in: expiresIn });
  };

  const name = (res: ServerResponse, given: GsmaName | GsmaErrorAnswer | 'none' | undefined): void => {
    if (given === 'none') return sendJson(res, 200, { lei: 'AAAA0012345678901299' });
    if (given && typeof given.status === 'number') return sendError(res, given as GsmaErrorAnswer);
    return sendJson(res, 200, { name: given ?? {}, lei: 'AAAA0012345678901299' });
  };

  const account = (key: string, operation: string, token: { issuedAt: number } | 'basic', req: IncomingMessage, res: ServerResponse): void => {
    const scenario = findTrigger(GSMA_TRIGGERS, key)?.answer;
    const available = (given: GsmaName | GsmaErrorAnswer | 'none' | undefined): void =>
      operation === 'status' ? sendJson(res, 200, { accountStatus: 'available' }) : name(res, given);
    if (!scenario) {
      const [, identifier] = key.split('/');
      return sendError(res, { status: 404, category: 'identification', code: 'identifierError', description: `Account ${identifier.length > 32 ? '' : identifier} does not exist` });
    }
    switch (scenario.kind) {
      case 'status':
        if (operation === 'accountname') return name(res, scenario.name);
        return sendJson(res, 200, { accountStatus: scenario.accountStatus, ...(scenario.subStatus && { subStatus: scenario.subStatus }) });
      case 'error':
        return sendError(res, scenario.error);
      case 'status-code':
        res.writeHead(scenario.status, { 'content-type': 'text/html' }).end(`<h1>${scenario.status}</h1>`);
        return;
      case 'fault':
        return sendFault(scenario.fault, req, res);
      case 'wrong-shape':
        return sendJson(res, 200, { accountStatus: 'frozen' });
      case 'token-refused':
        return sendError(res, AUTHORISATION_ERROR);
      case 'token-revoked':
        if (operation === 'status' && token !== 'basic' && tokens.refusedFor(`gsma ${key}`, token)) {
          return sendError(res, { ...AUTHORISATION_ERROR, code: 'requestDeclined', description: 'Access token revoked' });
        }
        return available(scenario.name);
      case 'flaky': {
        const failures = failuresSoFar.get(key) ?? 0;
        if (operation === 'status' && failures < scenario.failures) {
          failuresSoFar.set(key, failures + 1);
          return sendError(res, { status: 500, category: 'internal', code: 'genericError', description: 'Internal error' });
        }
        if (operation === 'accountname') failuresSoFar.delete(key);
        return available(scenario.name);
      }
      case 'echo':
        return sendError(res, {
          status: 400,
          category: 'validation',
          code: 'genericError',
          description: `Rejected ${req.headers.authorization} with X-API-Key ${req.headers['x-api-key']}`,
        });
    }
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    log.record('gsma', req.method ?? '', path);
    if (req.method === 'POST' && path === GSMA_SANDBOX_PATHS.token) return issueToken(req, res);
    const route = req.method === 'GET' ? ROUTE.exec(path) : null;
    if (!route) {
      // The gateway, not the API: no errorObject.
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>404 Not Found</h1></body></html>');
      return;
    }
    const [, mount, identifierType, identifier, operation] = route;
    let token: { issuedAt: number } | 'basic' | undefined;
    if (mount === GSMA_SANDBOX_PATHS.basic) {
      token = req.headers.authorization === basicOf(basic.username, basic.password) ? 'basic' : undefined;
    } else {
      token = tokens.use('gsma', 'api', req.headers.authorization);
    }
    if (!token || req.headers['x-api-key'] !== apiKey) return sendError(res, AUTHORISATION_ERROR);
    return account(`${identifierType}/${decodeURIComponent(identifier)}`, operation, token, req, res);
  };
}
