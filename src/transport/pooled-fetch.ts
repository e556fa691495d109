import { pipeline, type Readable, type Transform } from 'node:stream';
import { constants, createGunzip, createInflate, type ZlibOptions } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { contentCodings, decodingOf } from './content-codings.js';
import { MAX_BODY_BYTES } from './read-body.js';
import { BufferedResponse } from './buffered-response.js';

/** Statuses whose response has no body (`new Response` refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** As fetch: a response with more codings than this is a network error (each decoder holds a window). */
const MAX_CODINGS = 5;

/** Lenient about a stream cut short, as fetch is. */
const ZLIB_OPTIONS = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };

const EMPTY = Buffer.alloc(0);

type Decoder = (options: ZlibOptions) => Transform;

const DECODERS: Record<'gzip' | 'deflate', Decoder> = { gzip: createGunzip, deflate: createInflate };

/**
 * The decoders for a `Content-Encoding`, outermost coding last: none for identity, `undefined` when a coding is
 * not one we decode (the body is then passed on as it came, and `readBody` refuses its coding).
 */
function decodersFor(contentEncoding: string | string[] | undefined): Decoder[] | undefined {
  const codings = contentCodings(contentEncoding);
  if (codings.length > MAX_CODINGS) throw new Error('too many content codings');
  const decoders = codings.reverse().map((coding) => {
    const decoding = decodingOf(coding);
    return decoding && DECODERS[decoding];
  });
  return decoders.every((decoder) => decoder !== undefined) ? (decoders as Decoder[]) : undefined;
}

/**
 * The body, decoded (gzip, deflate) as fetch decodes it, read until its end or until it passes `MAX_BODY_BYTES`:
 * then reading stops (the socket is closed, the decoding stops), and what was read, one chunk past the bound, is
 * handed on so that `readBody` refuses it as too large, exactly as it refuses a longer body from fetch. A declared
 * `Content-Length` past the bound is not read at all (`readBody` refuses it from the header).
 */
async function readBounded({ headers, body }: Dispatcher.ResponseData): Promise<Buffer> {
  if (Number(headers['content-length']) > MAX_BODY_BYTES) {
    body.destroy();
    return EMPTY;
  }
  let source: Readable = body;
  try {
    const decoders = decodersFor(headers['content-encoding']) ?? [];
    // Destroying the last stream destroys every one before it: each pipeline passes it on.
    for (const decoder of decoders) source = pipeline(source, decoder(ZLIB_OPTIONS), () => {});
  } catch (error) {
    body.destroy();
    throw error;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  // Leaving the loop, by the bound or by an error, destroys the stream (and the pipeline with it).
  for await (const chunk of source) {
    chunks.push(chunk as Buffer);
    received += (chunk as Buffer).length;
    if (received > MAX_BODY_BYTES) break;
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
}

function responseHeaders(headers: Dispatcher.ResponseData['headers']): Headers {
  const result = new Headers();
  for (const name in headers) {
    const value = headers[name];
    if (typeof value === 'string') result.append(name, value);
    else if (value) for (const one of value) result.append(name, one);
  }
  return result;
}

/**
 * A `fetch` for ky over an undici dispatcher's `request()`: a fraction of the cost of WHATWG fetch, which streams
 * every body through web streams. Its callers see fetch's behaviour: failures reject as fetch's do (a `TypeError`
 * whose `cause` is the socket's error; the signal's reason once aborted), and redirects are never followed (a 3xx is
 * the response). The body is read before the response is handed on, bounded and decoded as `readBody` expects (see
 * `readBounded`), in a `BufferedResponse`. `init` is ignored when `input` is a `Request` (ky passes its own options).
 */
export function pooledFetch(dispatcher: () => Dispatcher | Promise<Dispatcher>): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const { signal } = request;
    try {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const body = request.body ? Buffer.from(await request.arrayBuffer()) : null;
      const answer = await (await dispatcher()).request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: request.method as Dispatcher.HttpMethod,
        headers,
        body,
        signal,
      });
      const bytes = await readBounded(answer);
      const init = { status: answer.statusCode, headers: responseHeaders(answer.headers) };
      return NULL_BODY_STATUSES.has(answer.statusCode) ? new Response(null, init) : new BufferedResponse(bytes as Uint8Array<ArrayBuffer>, init);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new TypeError('fetch failed', { cause: error });
    }
  };
}
