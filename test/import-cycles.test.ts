import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-5';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isLazySandboxSide } from './support/lazy-sandbox-side.js';

// No module of src/ or machines/ may reach itself through its imports, `import type` included: a type that two
// modules share lives where both import it without a loop. TypeScript's own pre-processor lists each file's imports.

const repo = fileURLToPath(new URL('..', import.meta.url));

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Each file's relative imports (static, `import type`, re-exports and `import()`), as source paths. */
function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    const { importedFiles } = ts.preProcessFile(code, true, true);
    const targets = importedFiles
      .map(({ fileName }) => fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name).replace(/\.js$/, '.ts'))
      .filter((target) => known.has(target))
      // A definition's lazy sandbox side is loaded only by the sandbox, after the definitions: not a loop at load time.
      .filter((target) => !isLazySandboxSide(file, target, () => code));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the path that closes it. */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string) => {
    const at = path.indexOf(file);
    if (at >= 0) {
      cycles.push([...path.slice(at), file]);
      return;
    }
    if (done.has(file)) return;
    path.push(file);
    for (const target of graph.get(file) ?? []) visit(target);
    path.pop();
    done.add(file);
  };
  for (const file of graph.keys()) visit(file);
  return cycles;
}

test('src/ and machines/ have no import cycle', () => {
  const files = [...sourcesUnder(join(repo, 'src')), ...sourcesUnder(join(repo, 'machines'))];
  const graph = importGraph(files);
  assert.ok(graph.size > 50, 'the walk found the sources');
  const cycles = cyclesOf(graph).map((cycle) => cycle.map((file) => relative(repo, file)).join(' → '));
  assert.equal(cycles, []);
});

test('the walk sees a cycle, `import type` included', () => {
  const a = join(repo, 'a.ts');
  const b = join(repo, 'b.ts');
  assert.equal(cyclesOf(new Map([[a, [b]], [b, [a]]])), [[a, b, a]]);
  assert.equal(cyclesOf(new Map([[a, [b]], [b, []]])), []);
  const graph = importGraph([join(repo, 'machines/precheck.machine.ts'), join(repo, 'machines/precheck.input.ts')]);
  assert.equal(graph.get(join(repo, 'machines/precheck.machine.ts')), [join(repo, 'machines/precheck.input.ts')]);
});

test.run();
