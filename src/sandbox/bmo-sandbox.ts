import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendFault, sendJson } from './faults.js';
import { BMO_TRIGGERS, findTrigger, SANDBOX_CREDENTIALS } from './fixtures.js';
import type { SandboxLog } from './sandbox-log.js';

const CUSTOMER_PATH = /^\/external\/customer\/([^/?]+)$/;

/** Answers as B-MO's Customer Verification does, from the fixtures. */
export function createBmoHandler(log: SandboxLog) {
  const failuresSoFar = new Map<string, number>();
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0];
    log.record('bmo', req.method ?? '', path);
    const match = req.method === 'GET' ? CUSTOMER_PATH.exec(path) : null;
    if (!match) {
      sendJson(res, 404, { status: 404, error: 'Not Found', message: 'No such route.' });
      return;
    }
    const { apiKey, apiSecret } = SANDBOX_CREDENTIALS.bmo;
    if (req.headers['x-auth-apikey'] !== apiKey || req.headers['x-auth-apisecret'] !== apiSecret) {
      sendJson(res, 401, { status: 401, error: 'Unauthorized', message: 'Invalid API key or secret.' });
      return;
    }
    const phone = decodeURIComponent(match[1]);
    const scenario = findTrigger(BMO_TRIGGERS, phone)?.answer;
    if (!scenario) {
      sendJson(res, 404, { status: 404, error: 'Not Found', message: 'Customer not found.' });
      return;
    }
    switch (scenario.kind) {
      case 'identity':
        return sendJson(res, 200, scenario.body);
      case 'status':
        return sendJson(res, scenario.status, { status: scenario.status, message: 'Customer not found.' });
      case 'wrong-shape':
        return sendJson(res, 200, [{ customer: phone }]);
      case 'fault':
        return sendFault(scenario.fault, req, res);
      case 'flaky': {
        const failures = failuresSoFar.get(phone) ?? 0;
        if (failures < scenario.failures) {
          failuresSoFar.set(phone, failures + 1);
          return sendFault('html-500', req, res);
        }
        failuresSoFar.delete(phone);
        return sendJson(res, 200, scenario.then);
      }
    }
  };
}
