import { createRequire } from 'node:module';
import type * as Inversify from 'inversify';

let loaded: typeof Inversify | undefined;

/**
 * inversify, loaded on first use: by `createContainer`, `precheckModule`, or the first read of `precheck.container`.
 * A check never needs it, and it is most of what an import of precheck would load (about 270 modules). Loaded
 * with `require` so that the container stays a synchronous property: Node ≥ 20.19 requires ES modules (`package.json`
 * `engines`); it is the same module instance an application's own `import 'inversify'` gets.
 */
export function inversify(): typeof Inversify {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    // inversify's decorators read it when an application's own classes use them; precheck's bindings do not.
    require('reflect-metadata');
    loaded = require('inversify') as typeof Inversify;
  }
  return loaded;
}
