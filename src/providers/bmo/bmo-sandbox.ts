import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, parseJson } from '../../transport/read-body.js';
import { readRequestBody, sendFault, sendJson } from '../../sandbox/faults.js';
import { findTrigger } from '../../sandbox/trigger.js';
import { BMO_SANDBOX_CREDENTIALS, BMO_TRIGGERS } from './bmo-fixtures.js';
import type { SandboxLog } from '../../sandbox/sandbox-log.js';

const CUSTOMER_PATH = /^\/external\/customer\/([^/?]+)$/;
const CREDIT_PATH = '/external/operations/credit';

type Identity = Record<string, string>;

/** Answers as B-MO does: Customer Verification from the fixtures, and the credit operation that creates customers. */
export function createBmoHandler(log: SandboxLog) {
  const failuresSoFar = new Map<string, number>();
  /** Customers created by credits during this sandbox's life. */
  const created = new Map<string, Identity>();

  const authorised = (req: IncomingMessage) => {
    const { apiKey, apiSecret } = BMO_SANDBOX_CREDENTIALS;
    return req.headers['x-auth-apikey'] === apiKey && req.headers['x-auth-apisecret'] === apiSecret;
  };

  const lookUp = (phone: string, req: IncomingMessage, res: ServerResponse): void => {
    const customer = created.get(phone);
    if (customer) return sendJson(res, 200, customer);
    const scenario = findTrigger(BMO_TRIGGERS, phone)?.answer;
    if (!scenario) return sendJson(res, 404, { status: 404, error: 'Not Found', message: 'Customer not found.' });
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

  const credit = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = parseJson(await readRequestBody(req).catch(() => ''));
    const customer = isRecord(body) && isRecord(body.customer) ? body.customer : undefined;
    const amount = isRecord(body) ? body.amount : undefined;
    if (!customer || typeof customer.phone !== 'string' || typeof amount !== 'number' || !(amount > 0)) {
      return sendJson(res, 400, { status: 400, error: 'Bad Request', message: 'amount and customer.phone are required.' });
    }
    const phone = customer.phone;
    const known = created.get(phone) ?? (findTrigger(BMO_TRIGGERS, phone)?.answer.kind === 'identity' ? {} : undefined);
    const partnerReference = isRecord(body) ? body.partnerReference : undefined;
    if (known) return sendJson(res, 200, { status: 'SUCCESS', amount, partnerReference, accountCreated: false });
    const { firstname, lastname } = customer;
    if (typeof firstname !== 'string' || typeof lastname !== 'string' || !firstname.trim() || !lastname.trim()) {
      return sendJson(res, 404, {
        status: 404,
        error: 'Not Found',
        message: 'Customer not found: firstname and lastname are required to create the account.',
      });
    }
    created.set(phone, { phone, firstname: firstname.trim(), lastname: lastname.trim() });
    return sendJson(res, 201, { status: 'SUCCESS', amount, partnerReference, accountCreated: true });
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    log.record('bmo', req.method ?? '', path);
    const lookup = req.method === 'GET' ? CUSTOMER_PATH.exec(path) : null;
    const isCredit = req.method === 'POST' && path === CREDIT_PATH;
    if (!lookup && !isCredit) {
      return sendJson(res, 404, { status: 404, error: 'Not Found', message: 'No such route.' });
    }
    if (!authorised(req)) {
      return sendJson(res, 401, { status: 401, error: 'Unauthorized', message: 'Invalid API key or secret.' });
    }
    return lookup ? lookUp(decodeURIComponent(lookup[1]), req, res) : credit(req, res);
  };
}
