// Loaded with `node --import`: makes any import of the HTTP stack fail, so that a process that imports only
// `precheck` proves it never loads it (the hook sees every specifier the ESM loader resolves, tsx's included).
import { register } from 'node:module';

const hook = `
const FORBIDDEN = /^(hono|hono-openapi|@hono\\/|prom-client)(\\/|$)/;
export async function resolve(specifier, context, next) {
  if (FORBIDDEN.test(specifier)) throw new Error('HTTP stack loaded: ' + specifier);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`, import.meta.url);
