import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { WWW_AUTHENTICATE, type Authenticator } from '../bearer-tokens.js';
import { problemResponse } from '../problem.js';
import { isDocsPath } from '../routes/docs.js';
import { isFspiopPath } from '../routes/fspiop-callbacks.js';

/** The probes and the documents are open; every other route needs a caller's bearer token. */
const OPEN_WITHOUT_TOKEN = new Set(['/healthz', '/readyz', '/metrics', '/openapi.json']);

/**
 * Sets the request's caller from its `Authorization: Bearer` token, or answers 401 with `WWW-Authenticate`. The
 * Mojaloop switch's callbacks (`fspiopCallbacks`: mounted here) carry none: the receiver decides what they may change.
 */
export function authenticateCaller(auth: Authenticator, fspiopCallbacks = false): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (OPEN_WITHOUT_TOKEN.has(c.req.path) || isDocsPath(c.req.path)) return next();
    if (fspiopCallbacks && isFspiopPath(c.req.path)) return next();
    const caller = auth.authenticate(c.req.header('authorization'));
    if (caller === undefined) {
      const header = c.req.header('authorization') === undefined ? WWW_AUTHENTICATE : `${WWW_AUTHENTICATE}, error="invalid_token"`;
      return problemResponse('unauthorized', 'Send a valid token: Authorization: Bearer <token>.', { 'www-authenticate': header });
    }
    c.set('caller', caller);
    c.get('log').caller = caller;
    return next();
  };
}
