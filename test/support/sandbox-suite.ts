import { suite } from 'uvu';
import type { Precheck } from '../../src/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

export interface SandboxContext {
  sandbox: Sandbox;
  /** Engines a test built: closed after the suite, so that no breaker timer outlives it. */
  engines: Precheck[];
}

/** A uvu suite with its own sandbox, started before and closed after, with every engine it built. */
export function sandboxSuite(name: string) {
  const tests = suite<SandboxContext>(name);
  tests.before(async (context) => {
    context.sandbox = await startSandbox();
    context.engines = [];
  });
  tests.after(async ({ sandbox, engines }) => {
    for (const engine of engines) await engine.close();
    await sandbox.close();
  });
  return tests;
}
