import type { Sandbox } from './start-sandbox.js';

/** How long the switch fake waits for the service to answer a callback. */
const CALLBACK_TIMEOUT_MS = 5_000;

/**
 * `serve --sandbox`: the sandbox's Mojaloop switch fake calls this service back over HTTP at `callbackUrl` (its
 * `/fspiop`, on the main listener or the callback listener), as a real switch does, rather than in process: each
 * callback the fake makes (addressed under `/fspiop`) is sent there, and the service's answer is the fake's.
 */
export function callBackOverHttp(sandbox: Sandbox, callbackUrl: string): void {
  sandbox.attach({
    async mojaloopCallback(request) {
      const { pathname, search } = new URL(request.url);
      const path = pathname.replace(/^\/fspiop(?=\/)/, '');
      const body = await request.text();
      return fetch(`${callbackUrl}${path}${search}`, {
        method: request.method,
        headers: request.headers,
        body,
        signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
      }).catch(() => new Response(null, { status: 502 }));
    },
  });
}
