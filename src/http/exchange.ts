import type { LookupOutcome } from '../providers/account-provider.js';
import { BodyTooLargeError, readBody } from './read-body.js';
import { parseRetryAfter } from './retry-after.js';

/** One HTTP request and its whole (bounded) body, or why there is none. Never rejects. */
export type Exchange =
  | { kind: 'answered'; status: number; retryAfterMs?: number; body: string }
  | { kind: 'transport-failed'; detail: string }
  | { kind: 'too-large'; status: number };

export async function exchange(send: () => Promise<Response>): Promise<Exchange> {
  let status = 0;
  try {
    const response = await send();
    status = response.status;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const body = await readBody(response);
    return { kind: 'answered', status, retryAfterMs, body };
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { kind: 'too-large', status };
    // fetch's TypeError hides the socket error in `cause`; only its code is kept (messages may echo URLs).
    const code = (error as { cause?: { code?: unknown } })?.cause?.code;
    return { kind: 'transport-failed', detail: typeof code === 'string' ? code : 'network error' };
  }
}

/** The answers that mean the same whichever provider gives them. `undefined`: the provider must read the body. */
export function transportOutcome(result: Exchange): LookupOutcome | undefined {
  if (result.kind === 'transport-failed') {
    return { kind: 'unavailable', reason: 'provider-unavailable', providerStatus: { code: result.detail } };
  }
  if (result.kind === 'too-large') {
    return result.status >= 500
      ? { kind: 'unavailable', reason: 'provider-unavailable', providerStatus: { code: result.status } }
      : { kind: 'unexpected', detail: 'response body too large', providerStatus: { code: result.status } };
  }
  const { status, retryAfterMs } = result;
  const providerStatus = { code: status };
  if (status === 429) return { kind: 'unavailable', reason: 'rate-limited', retryAfterMs, providerStatus };
  if (status >= 500) return { kind: 'unavailable', reason: 'provider-unavailable', retryAfterMs, providerStatus };
  if (status === 401 || status === 403) return { kind: 'refused', reason: 'auth-failed', providerStatus };
  return undefined;
}
