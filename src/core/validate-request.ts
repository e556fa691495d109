import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import type { AccountProvider } from './account-provider.js';
import type { LookupTarget } from './request.js';
import { describeIssues, requestSchema } from './request-schema.js';

export type Validation =
  | { valid: true; target: LookupTarget; displayName: string; createsAccounts: boolean }
  | { valid: false; message: string };

/** Checks a request before any I/O: its shape, that its provider is registered, and that it has what that provider needs. */
export function validateRequest(input: unknown, findProvider: (name: string) => AccountProvider | undefined): Validation {
  if (input === undefined || input === null) return { valid: false, message: 'no request given: the request must be a JSON object' };
  if (typeof input !== 'object' || Array.isArray(input)) return { valid: false, message: 'invalid request: the request must be a JSON object' };
  let parsed: ReturnType<typeof v.safeParse<typeof requestSchema>>;
  try {
    parsed = v.safeParse(requestSchema, input);
  } catch {
    return { valid: false, message: 'invalid request: it could not be read (a property threw when read)' };
  }
  if (!parsed.success) return { valid: false, message: `invalid request: ${describeIssues(parsed.issues)}` };
  const request = parsed.output;
  const provider = findProvider(request.provider);
  if (!provider) return { valid: false, message: `invalid request: provider "${request.provider}" is not registered` };
  const missing = provider.requiredFields.filter((field) => request[field] === undefined);
  if (missing.length > 0) {
    return { valid: false, message: `invalid request: ${provider.displayName} needs ${missing.join(', ')}` };
  }
  const target: LookupTarget = { ...request, transactionId: request.transactionId ?? randomUUID() };
  const refusal = provider.refusal?.(target);
  if (refusal !== undefined) return { valid: false, message: `invalid request: ${refusal}` };
  return { valid: true, target, displayName: provider.displayName, createsAccounts: provider.createsAccounts };
}
