import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliBomb, gzipGzipBomb } from './bombs.js';

/** Ways a provider or its gateway misbehaves, each triggered by a fixture value. */
export type Fault =
  | 'hang'
  | 'reset'
  | 'drip'
  | 'html-500'
  | 'bad-gateway'
  | 'unavailable'
  | 'rate-limited'
  | 'html-200'
  | 'truncated-json'
  | 'gzip-bomb'
  | 'brotli-bomb'
  | 'gzip-bomb-503';

export const FAULT_DESCRIPTIONS: Record<Fault, string> = {
  hang: 'accepts the request and never answers',
  reset: 'resets the connection mid-body',
  drip: 'sends the headers, then one body byte a second',
  'html-500': '500 with an HTML error page',
  'bad-gateway': '502 gateway error page',
  unavailable: '503 with Retry-After: 1',
  'rate-limited': '429 with Retry-After: 1',
  'html-200': '200 with an HTML page',
  'truncated-json': '200 with a complete body of JSON cut short',
  'gzip-bomb': '200 JSON, Content-Encoding: gzip, gzip: 2.5 KB that decode to 1 GiB',
  'brotli-bomb': '200 JSON, Content-Encoding: br: 203 bytes that decode to 256 MiB',
  'gzip-bomb-503': '503, Content-Encoding: gzip, gzip: 2.5 KB that decode to 1 GiB',
};

const page = (title: string) => `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;

/** Misbehaves as `fault` says. Timers are tied to the socket so that closing the sandbox leaves nothing behind. */
export function sendFault(fault: Fault, _req: IncomingMessage, res: ServerResponse): void {
  switch (fault) {
    case 'hang':
      return;
    case 'reset': {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
      res.write('{"authStatus":{"authStat');
      setImmediate(() => res.socket?.destroy());
      return;
    }
    case 'drip': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 1000);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'html-500':
      res.writeHead(500, { 'content-type': 'text/html' }).end(page('500 Internal Server Error'));
      return;
    case 'bad-gateway':
      res.writeHead(502, { 'content-type': 'text/html' }).end(page('502 Bad Gateway'));
      return;
    case 'unavailable':
      res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '1' }).end(page('503 Service Unavailable'));
      return;
    case 'rate-limited':
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"error":"Too Many Requests"}');
      return;
    case 'html-200':
      res.writeHead(200, { 'content-type': 'text/html' }).end(page('Welcome'));
      return;
    case 'truncated-json': {
      const body = '{"authStatus":{"authStatusCode":131,"authStatusDescription":"ok"},"results":[{"statusCode":30';
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) }).end(body);
      return;
    }
    case 'gzip-bomb':
    case 'gzip-bomb-503': {
      const body = gzipGzipBomb();
      res.writeHead(fault === 'gzip-bomb' ? 200 : 503, { 'content-type': 'application/json', 'content-encoding': 'gzip, gzip', 'content-length': body.length });
      res.end(body);
      return;
    }
    case 'brotli-bomb': {
      const body = brotliBomb();
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br', 'content-length': body.length }).end(body);
      return;
    }
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

/** Reads a request body (bounded: the sandbox is for tests, not for abuse). */
export function readRequestBody(req: IncomingMessage, maxBytes = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
