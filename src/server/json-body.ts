import { readBoundedBody } from '../util/read-bounded-body.js';
import { problemResponse } from './problem.js';

/** Bodies are a few hundred bytes; 16 KiB leaves room for `extra` and refuses anything else early. */
export const MAX_BODY_BYTES = 16 * 1024;

export type JsonBody =
  /** `value` is undefined for an empty body (allowed only where the body is optional). `text`: the exact bytes, decoded. */
  | { ok: true; text: string; value: unknown }
  | { ok: false; response: Response };

const isJsonMediaType = (contentType: string | null) => contentType !== null && /^application\/json\s*(;|$)/i.test(contentType.trim());

async function readText(request: Request): Promise<string | 'too-large' | 'not-utf8'> {
  const bytes = await readBoundedBody(request, MAX_BODY_BYTES);
  if (bytes === 'too-large') return bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'not-utf8';
  }
}

/**
 * The request's JSON body, or the HTTP error it deserves: 413 over 16 KiB (by `Content-Length` before reading, or
 * while reading), 415 when a body is not `application/json`, 400 when it is not JSON. Whether its fields are right
 * is not decided here: that is the engine's (a decision, not an HTTP error).
 */
export async function readJsonBody(request: Request, options: { optional: boolean }): Promise<JsonBody> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) {
    return { ok: false, response: problemResponse('payload-too-large', `The body must be at most ${MAX_BODY_BYTES} bytes.`) };
  }
  const contentType = request.headers.get('content-type');
  if (!isJsonMediaType(contentType) && !(options.optional && contentType === null)) {
    return { ok: false, response: problemResponse('unsupported-media-type', 'The body must be application/json.') };
  }
  const text = await readText(request);
  if (text === 'too-large') {
    return { ok: false, response: problemResponse('payload-too-large', `The body must be at most ${MAX_BODY_BYTES} bytes.`) };
  }
  if (text === 'not-utf8') return { ok: false, response: problemResponse('malformed-json', 'The body is not UTF-8.') };
  if (text.trim() === '') {
    if (options.optional) return { ok: true, text, value: undefined };
    return { ok: false, response: problemResponse('malformed-json', 'The body is empty: send the request as JSON.') };
  }
  if (contentType === null) return { ok: false, response: problemResponse('unsupported-media-type', 'The body must be application/json.') };
  try {
    return { ok: true, text, value: JSON.parse(text) };
  } catch {
    // Not the parser's message: it quotes the body, which may hold a phone number or names.
    return { ok: false, response: problemResponse('malformed-json', 'The body is not valid JSON.') };
  }
}
