// openapi-typescript builds its output with the TypeScript compiler API, which TypeScript 7 (the native `tsc`
// this project compiles with) no longer ships. Importing this first makes openapi-typescript, and only it, load
// TypeScript 5 (the dev dependency `typescript-5`, an npm alias of typescript@5).
import { register } from 'node:module';

const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && context.parentURL?.includes('/node_modules/openapi-typescript/')) {
    return next('typescript-5', context);
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`, import.meta.url);
