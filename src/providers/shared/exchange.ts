import type { LookupOutcome } from '../../core/account-provider.js';
import { describeTransportFailure } from '../../transport/transport-failure.js';
import { readBody, UnreadableBodyError } from '../../transport/read-body.js';
import { parseRetryAfter } from '../../core/retry-after.js';

/** One HTTP request and its whole (bounded) body, or why there is none. Never rejects. */
export type Exchange =
  | { kind: 'answered'; status: number; retryAfterMs?: number; body: string }
  /** `detail`: the socket's error code; `description`: what it means, for the TLS and proxy failures worth explaining. */
  | { kind: 'transport-failed'; detail: string; description?: string }
  | { kind: 'unreadable-body'; status: number; detail: string };

export async function exchange(send: () => Promise<Response>): Promise<Exchange> {
  let status = 0;
  try {
    const response = await send();
    status = response.status;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const body = await readBody(response);
    return { kind: 'answered', status, retryAfterMs, body };
  } catch (error) {
    if (error instanceof UnreadableBodyError) return { kind: 'unreadable-body', status, detail: error.detail };
    // fetch's TypeError hides the socket error in `cause`; only its code is kept (messages may echo URLs).
    const { code, description } = describeTransportFailure((error as { cause?: unknown } | undefined)?.cause);
    return { kind: 'transport-failed', detail: code, ...(description !== undefined && { description }) };
  }
}

/** The answers that mean the same whichever provider gives them. `undefined`: the provider must read the body. */
export function transportOutcome(result: Exchange): LookupOutcome | undefined {
  if (result.kind === 'transport-failed') {
    const { detail: code, description } = result;
    return { kind: 'unavailable', reason: 'provider-unavailable', providerStatus: { code, ...(description !== undefined && { description }) } };
  }
  if (result.kind === 'unreadable-body') {
    // A 5xx says the provider is failing whatever its body; any other status needed the body to mean something.
    return result.status >= 500
      ? { kind: 'unavailable', reason: 'provider-unavailable', providerStatus: { code: result.status } }
      : { kind: 'unexpected', detail: result.detail, providerStatus: { code: result.status } };
  }
  const { status, retryAfterMs } = result;
  const providerStatus = { code: status };
  if (status === 429) return { kind: 'unavailable', reason: 'rate-limited', retryAfterMs, providerStatus };
  if (status >= 500) return { kind: 'unavailable', reason: 'provider-unavailable', retryAfterMs, providerStatus };
  if (status === 401 || status === 403) return { kind: 'refused', reason: 'auth-failed', providerStatus };
  return undefined;
}
