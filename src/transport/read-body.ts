import { BufferedResponse } from './buffered-response.js';
import { contentCodings, decodingOf } from './content-codings.js';

/** Largest provider body we read, counted after decoding; a documented answer is a few hundred bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A body not read, or not read to its end: too large once decoded, or in a coding we do not read. */
export class UnreadableBodyError extends Error {
  constructor(readonly detail: 'response body too large' | 'response body in a content coding we do not read') {
    super(detail);
    this.name = 'UnreadableBodyError';
  }
}

/**
 * Reads a body as text without holding more than `maxBytes`. A cut connection rejects (a network error).
 *
 * fetch decodes `Content-Encoding` as the body is read, so a declared `Content-Length` says nothing about the size
 * of what is read (2.5 KB of `gzip, gzip` decode to 1 GiB): the bound is applied to the decoded bytes, chunk by
 * chunk, and cancelling the stream stops the decoding.
 */
export async function readBody(response: Response, maxBytes = MAX_BODY_BYTES): Promise<string> {
  // Read ahead by `pooledFetch`, bounded and decoded as below: the same checks, on bytes already in hand.
  const ahead = response instanceof BufferedResponse ? response.bytesReadAhead : undefined;
  if (ahead) {
    refuseUnreadable(response.headers, maxBytes);
    if (ahead.byteLength > maxBytes) throw new UnreadableBodyError('response body too large');
    return new TextDecoder().decode(ahead);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  try {
    refuseUnreadable(response.headers, maxBytes);
  } catch (error) {
    await reader.cancel();
    throw error;
  }
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw new UnreadableBodyError('response body too large');
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** A body in a coding we do not read, or declared larger than `maxBytes`, is not read at all. */
function refuseUnreadable(headers: Headers, maxBytes: number): void {
  if (!contentCodings(headers.get('content-encoding')).every(decodingOf)) {
    throw new UnreadableBodyError('response body in a content coding we do not read');
  }
  if (Number(headers.get('content-length')) > maxBytes) throw new UnreadableBodyError('response body too large');
}

/**
 * JSON.parse that answers `undefined` for anything that is not JSON. A `"__proto__"` key becomes an own property
 * (JSON.parse never touches prototypes), and answers are only read field by field, never merged into objects.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
