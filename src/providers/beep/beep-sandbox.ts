import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, parseJson } from '../../transport/read-body.js';
import { DEFAULT_BEEP_PATH } from './beep-provider.js';
import { readRequestBody, sendFault, sendJson } from '../../sandbox/faults.js';
import { findTrigger } from '../../sandbox/trigger.js';
import { BEEP_SANDBOX_CREDENTIALS, BEEP_TRIGGERS } from './beep-fixtures.js';
import type { SandboxLog } from '../../sandbox/sandbox-log.js';

const AUTH_DESCRIPTIONS: Record<number, string> = {
  131: 'Authentication was a success',
  132: 'Client authentication failed',
  174: 'Generic failure status code',
};

const RESULT_DESCRIPTIONS: Record<number, string> = {
  167: 'Invalid service, Service access is not configured for Partner to use',
  200: 'Action on the client profile account was successful',
  301: 'Validation feature not available. Validation is not set up for this service',
  306: 'Invalid Account Number. The merchant does not recognize this account number',
  307: 'Account number provided is valid',
  308: 'Bill info available. The merchant has a bill for the account.',
};

interface ResultFields {
  statusCode: number;
  customerName?: string;
  extra?: string;
  /** Default: `yes` when there is a customer name. */
  active?: 'yes' | 'no';
}

function answer(authStatusCode: number, packet?: Record<string, unknown>, result?: ResultFields) {
  return {
    authStatus: { authStatusCode, authStatusDescription: AUTH_DESCRIPTIONS[authStatusCode] ?? 'Unknown status' },
    results: result
      ? [
          {
            statusCode: result.statusCode,
            statusDescription: RESULT_DESCRIPTIONS[result.statusCode] ?? 'Unknown status',
            serviceID: '1650',
            accountNumber: String(packet?.accountNumber ?? ''),
            active: result.active ?? (result.customerName ? 'yes' : 'no'),
            customerName: result.customerName ?? '',
            responseExtraData: result.extra ?? '',
          },
        ]
      : [],
  };
}

/** Answers as BEEP's `validateAccount` does on the v1 global API, from the fixtures. */
export function createBeepHandler(log: SandboxLog, path = DEFAULT_BEEP_PATH) {
  const failuresSoFar = new Map<string, number>();
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = (req.url ?? '/').split('?')[0];
    log.record('beep', req.method ?? '', url);
    if (req.method !== 'POST' || url !== path) {
      sendJson(res, 404, { error: 'Not Found' });
      return;
    }
    const body = parseJson(await readRequestBody(req).catch(() => ''));
    const payload = isRecord(body) && isRecord(body.payload) ? body.payload : undefined;
    const packet = payload && Array.isArray(payload.packet) && isRecord(payload.packet[0]) ? payload.packet[0] : undefined;
    if (!isRecord(body) || body.function !== 'BEEP.validateAccount' || !payload || !packet) {
      sendJson(res, 400, { error: 'Bad Request' });
      return;
    }
    const credentials = isRecord(payload.credentials) ? payload.credentials : {};
    const { username, password } = BEEP_SANDBOX_CREDENTIALS;
    if (credentials.username !== username || credentials.password !== password) {
      sendJson(res, 200, answer(132));
      return;
    }
    const scenario = findTrigger(BEEP_TRIGGERS, String(packet.accountNumber))?.answer;
    if (!scenario) return sendJson(res, 200, answer(131, packet, { statusCode: 306 }));
    switch (scenario.kind) {
      case 'result':
        if (scenario.statusCode === undefined) return sendJson(res, 200, answer(scenario.authStatusCode));
        return sendJson(
          res,
          200,
          answer(scenario.authStatusCode, packet, {
            statusCode: scenario.statusCode,
            customerName: scenario.customerName,
            extra: scenario.extra,
            active: scenario.active,
          }),
        );
      case 'fault':
        return sendFault(scenario.fault, req, res);
      case 'wrong-shape':
        return sendJson(res, 200, { status: 'ok', data: [1, 2, 3] });
      case 'flaky': {
        const key = String(packet.payerTransactionID);
        const failures = failuresSoFar.get(key) ?? 0;
        if (failures < scenario.failures) {
          failuresSoFar.set(key, failures + 1);
          return sendFault('html-500', req, res);
        }
        failuresSoFar.delete(key);
        return sendJson(res, 200, answer(131, packet, { statusCode: 307, customerName: scenario.customerName }));
      }
    }
  };
}
