import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-5';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isLazySandboxSide } from './support/lazy-sandbox-side.js';

// The house plan (docs/architecture.md): every module of src/ and machines/ stands on one floor, and imports only
// from the floors its own may stand on. `import type` counts (a type is knowledge of the module too). TypeScript's
// own pre-processor lists each file's imports, as in import-cycles.test.ts.

const repo = fileURLToPath(new URL('..', import.meta.url));

type Floor = 'core' | 'machines' | 'shared' | 'provider' | 'engine' | 'sandbox' | 'surface';

/** Which floors each floor may import from (its own included). */
export const MAY_IMPORT: Record<Floor, readonly Floor[]> = {
  core: ['core'],
  machines: ['core', 'machines'],
  shared: ['core', 'shared'],
  provider: ['core', 'shared', 'provider'],
  engine: ['core', 'machines', 'shared', 'provider', 'engine'],
  sandbox: ['core', 'machines', 'shared', 'provider', 'engine', 'sandbox'],
  surface: ['core', 'machines', 'shared', 'provider', 'engine', 'sandbox', 'surface'],
};

/**
 * A provider's sandbox side: its fake (`-sandbox`), the side the sandbox loads (`-sandbox-side`), its request helper
 * (`-sandbox-request`), trigger values, decision-table rows and demo cases. Never loaded by the engine: the definition
 * names `-sandbox-side` only through a lazy `import()` (see test/support/lazy-sandbox-side.ts).
 */
const SANDBOX_SIDE = /^src\/providers\/[^/]+\/[^/]+-(sandbox|sandbox-side|sandbox-request|fixtures|decision-cases|scenarios)\.ts$/;

/**
 * The docs generator's pages, which run the sandbox's checks (the decision tables) or list its values; the rest of
 * src/docs/ draws charts (`renderPath`: the engine's).
 */
const DOCS_FROM_THE_SANDBOX = ['decision-table', 'generate-docs', 'index-page', 'interactive-page', 'machine-page'].map((name) => `src/docs/${name}.ts`);

/** The floor a file (a path from the repository's root) stands on. */
export function floorOf(file: string): Floor {
  if (/^src\/(core|util|name-check)\//.test(file)) return 'core';
  if (file.startsWith('machines/')) return 'machines';
  if (SANDBOX_SIDE.test(file) || file.startsWith('src/sandbox/') || DOCS_FROM_THE_SANDBOX.includes(file)) return 'sandbox';
  if (/^src\/(providers\/shared|http|transport)\//.test(file)) return 'shared';
  if (['src/providers/provider-definition.ts'].includes(file)) return 'shared';
  if (file === 'src/providers/builtin-providers.ts') return 'engine';
  if (file.startsWith('src/providers/')) return 'provider';
  if (/^src\/(server|cli)\//.test(file)) return 'surface';
  return 'engine';
}

/** The folder of a built-in provider a file is in, if any (a provider imports no other provider). */
const providerFolder = (file: string) => /^src\/providers\/(?!shared\/)([^/]+)\//.exec(file)?.[1];

const read = (file: string) => readFileSync(join(repo, file), 'utf8');

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(repo, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** Each file's relative imports (static, `import type`, re-exports and `import()`), as paths from the root. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(repo, file), 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(repo, resolve(dirname(join(repo, file)), name).replace(/\.js$/, '.ts')).split('\\').join('/'));
}

/**
 * Every import that goes up a floor or across to another provider, as `from → to (floor → floor)`; `code` reads a
 * file's source, for the one lazy import allowed (a definition's sandbox side).
 */
export function breaches(edges: readonly (readonly [from: string, to: string])[], code: (file: string) => string = read): string[] {
  return edges
    .filter(([from, to]) => {
      if (isLazySandboxSide(from, to, () => code(from))) return false;
      const [own, their] = [floorOf(from), floorOf(to)];
      if (!MAY_IMPORT[own].includes(their)) return true;
      const [mine, theirs] = [providerFolder(from), providerFolder(to)];
      return own !== 'engine' && own !== 'sandbox' && own !== 'surface' && mine !== undefined && theirs !== undefined && mine !== theirs;
    })
    .map(([from, to]) => `${from} → ${to} (${floorOf(from)} → ${floorOf(to)})`);
}

test('no module imports from a floor above its own', () => {
  const files = [...sourcesUnder('src'), ...sourcesUnder('machines')];
  assert.ok(files.length > 100, 'the walk found the sources');
  const edges = files.flatMap((file) => importsOf(file).map((target) => [file, target] as const));
  assert.ok(edges.length > 300, 'the walk found the imports');
  assert.equal(breaches(edges), []);
});

test('the floors as docs/architecture.md draws them', () => {
  assert.equal(floorOf('src/core/decision.ts'), 'core');
  assert.equal(floorOf('machines/precheck.machine.ts'), 'machines');
  assert.equal(floorOf('src/providers/shared/oauth-token.ts'), 'shared');
  assert.equal(floorOf('src/providers/gsma/gsma-provider.ts'), 'provider');
  assert.equal(floorOf('src/providers/gsma/gsma-sandbox.ts'), 'sandbox');
  assert.equal(floorOf('src/providers/gsma/gsma-sandbox-side.ts'), 'sandbox');
  assert.equal(floorOf('src/providers/gsma/gsma-definition.ts'), 'provider');
  assert.equal(floorOf('src/engine/container-module.ts'), 'engine');
  assert.equal(floorOf('src/server/routes.ts'), 'surface');
  const page = readFileSync(join(repo, 'docs/architecture.md'), 'utf8');
  for (const [floor, allowed] of Object.entries(MAY_IMPORT)) {
    for (const below of allowed.filter((other) => other !== floor)) {
      assert.ok(page.includes(`${floor} --> ${below}`), `docs/architecture.md draws ${floor} --> ${below}`);
    }
  }
});

test('an import up a floor, or from one provider into another, is a breach', () => {
  assert.equal(breaches([['src/core/decision.ts', 'src/engine/options/engine-config.ts']]), [
    'src/core/decision.ts → src/engine/options/engine-config.ts (core → engine)',
  ]);
  assert.equal(breaches([['machines/precheck.machine.ts', 'src/providers/shared/exchange.ts']]).length, 1);
  assert.equal(breaches([['src/providers/bmo/bmo-provider.ts', 'src/engine/container-module.ts']]).length, 1);
  assert.equal(breaches([['src/providers/bmo/bmo-provider.ts', 'src/providers/gsma/gsma-error.ts']]).length, 1);
  assert.equal(breaches([['src/providers/bmo/bmo-definition.ts', 'src/providers/bmo/bmo-sandbox.ts']]).length, 1);
  // The definition names its sandbox side: lazily, allowed; statically (or another provider's), a breach.
  const lazy = "export const bmo = defineProvider({ sandbox: async () => (await import('./bmo-sandbox-side.js')).bmoSandboxSide });";
  const side: [string, string] = ['src/providers/bmo/bmo-definition.ts', 'src/providers/bmo/bmo-sandbox-side.ts'];
  assert.equal(breaches([side], () => lazy), []);
  assert.equal(breaches([side], () => `import { bmoSandboxSide } from './bmo-sandbox-side.js';\n${lazy}`).length, 1);
  assert.equal(breaches([['src/providers/bmo/bmo-definition.ts', 'src/providers/gsma/gsma-sandbox-side.ts']], () => lazy).length, 1);
  assert.equal(breaches([['src/engine/container-module.ts', 'src/providers/bmo/bmo-sandbox-side.ts']], () => lazy).length, 1);
  assert.equal(breaches([['src/server/routes.ts', 'src/core/decision.ts'], ['src/providers/bmo/bmo-provider.ts', 'src/core/request.ts']]), []);
});

test.run();
