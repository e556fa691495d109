// precheck/server: the engine as an HTTP service. The HTTP stack (Hono, prom-client) loads only from here.
export { createServer, isLoopback } from './create-server.js';
export type { PrecheckServer, ServerOptions } from './create-server.js';
export { parseTokens } from './bearer-tokens.js';
export { MAX_BODY_BYTES } from './json-body.js';
export type { Problem } from './problem.js';
