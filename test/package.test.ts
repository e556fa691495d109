import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { codeBlocks } from './support/code-blocks.js';

// The package as an integrator gets it: `npm pack` (whose prepack builds), the tarball installed into an empty project
// with only what the README's install line names, then used there as that project would use it.

const exec = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(repo, 'node_modules', '.bin', 'tsc');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// Inside `npm test`, npm's own npm_* variables would steer the nested npm (its prefix, its lifecycle); leave them out.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));

async function run(command: string, args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await exec(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number | string; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function ok(command: string, args: string[], cwd: string) {
  const result = await run(command, args, cwd);
  assert.is(result.code, 0, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
  return result;
}

const packaged = suite<{ dir: string; project: string; tarball: string; files: string[] }>('package', {
  dir: '',
  project: '',
  tarball: '',
  files: [],
});

packaged.before(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'precheck-package-'));
  // --ignore-scripts off on purpose: the prepack script is what builds dist/ (npm 11 runs it for `npm pack`).
  const packed = await ok(npm, ['pack', '--pack-destination', context.dir, '--silent'], repo);
  context.tarball = join(context.dir, packed.stdout.trim().split('\n').pop()!.trim());
  const listing = await ok('tar', ['-tzf', context.tarball], context.dir);
  context.files = listing.stdout.trim().split('\n').map((line) => line.replace(/^package\//, '')).sort();
  context.project = join(context.dir, 'consumer');
  await mkdir(context.project);
  await writeFile(join(context.project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // The README's install line, nothing more.
  await ok(npm, ['install', context.tarball, 'xstate', 'inversify', '--no-audit', '--no-fund', '--prefer-offline'], context.project);
});

packaged.after(async ({ dir }) => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

packaged('the tarball holds the built package, README and LICENSE: no tests, sources or maps', async ({ files }) => {
  const manifest = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8'));
  const outsideDist = files.filter((file) => !file.startsWith('dist/'));
  assert.equal(outsideDist, ['LICENSE', 'README.md', 'package.json']);
  const strays = files.filter((file) => file.startsWith('dist/') && !/^dist\/(src|machines)\/.+(\.d\.ts|\.js)$/.test(file));
  assert.equal(strays, [], 'only compiled JavaScript and declarations under dist/src and dist/machines');
  assert.equal(files.filter((file) => /test|\.map$|sandbox-process|support\//.test(file)), []);
  const targets = Object.values(manifest.exports as Record<string, Record<string, string>>)
    .flatMap((conditions) => Object.values(conditions))
    .concat(manifest.bin.precheck)
    .map((target) => target.replace(/^\.\//, ''));
  for (const target of targets) assert.ok(files.includes(target), `the tarball lacks ${target}`);
  const javascript = files.filter((file) => file.endsWith('.js')).length;
  assert.is(files.filter((file) => file.endsWith('.d.ts')).length, javascript, 'one declaration file per module');
});

packaged('every exports entry imports in the installed package', async ({ project }) => {
  await writeFile(
    join(project, 'entries.mjs'),
    `const entries = {};
for (const name of ['precheck', 'precheck/sandbox', 'precheck/redis', 'precheck/server']) entries[name] = Object.keys(await import(name)).sort();
console.log(JSON.stringify(entries));`,
  );
  const entries = JSON.parse((await ok(process.execPath, ['entries.mjs'], project)).stdout);
  assert.ok(entries.precheck.includes('createPrecheck'));
  assert.ok(entries['precheck/sandbox'].includes('startSandbox'));
  assert.ok(entries['precheck/redis'].includes('redisStore'));
  assert.ok(entries['precheck/server'].includes('createServer'));
});

const [major, minor] = process.versions.node.split('.').map(Number);
const requireEsm = major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);

packaged('require() loads every entry (Node ≥ 20.19: no module in their graphs awaits at top level)', async ({ project }) => {
  if (!requireEsm) return;
  await writeFile(
    join(project, 'entries.cjs'),
    `const names = ['precheck', 'precheck/sandbox', 'precheck/redis', 'precheck/server'];
console.log(JSON.stringify(names.map((name) => typeof require(name))));`,
  );
  const { stdout } = await ok(process.execPath, ['entries.cjs'], project);
  assert.equal(JSON.parse(stdout), ['object', 'object', 'object', 'object']);
});

const CHECK = `import { createPrecheck } from 'precheck';
import { startSandbox } from 'precheck/sandbox';
const sandbox = await startSandbox();
const precheck = createPrecheck({ providers: sandbox.providers });
const decision = await precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' });
await precheck.close();
await sandbox.close();
console.log(JSON.stringify([decision.status, decision.status === 'proceed' && decision.account.fullName]));
`;

packaged('one check() against the sandbox, from the installed package', async ({ project }) => {
  await writeFile(join(project, 'check.mjs'), CHECK);
  const { stdout } = await ok(process.execPath, ['check.mjs'], project);
  assert.equal(JSON.parse(stdout), ['proceed', 'Ama Koffi']);
});

packaged('a host without @opentelemetry/api (an optional peer) still checks', async ({ project }) => {
  // prom-client (precheck/server) depends on the API, so npm installs it anyway: take it away to be that host.
  const api = join(project, 'node_modules', '@opentelemetry', 'api');
  const aside = join(project, 'otel-api-aside');
  if (existsSync(api)) await rename(api, aside);
  try {
    await writeFile(join(project, 'check-without-otel.mjs'), CHECK);
    const { stdout, stderr } = await ok(process.execPath, ['check-without-otel.mjs'], project);
    assert.equal(JSON.parse(stdout), ['proceed', 'Ama Koffi']);
    assert.is(stderr, '');
  } finally {
    if (existsSync(aside)) await rename(aside, api);
  }
});

packaged('npx precheck --help and npx precheck demo', async ({ project }) => {
  const help = await ok(npm, ['exec', '--no', '--', 'precheck', '--help'], project);
  assert.match(help.stdout, 'Usage: precheck <command>');
  const demo = await ok(npm, ['exec', '--no', '--', 'precheck', 'demo'], project);
  assert.match(demo.stdout, / as documented, 0 not\./);
});

packaged('npx precheck docs without @hpcc-js/wasm-graphviz writes the Mermaid and says what to install', async ({ project }) => {
  assert.not.ok(existsSync(join(project, 'node_modules', '@hpcc-js', 'wasm-graphviz')), 'an optional peer stays out');
  const docs = await ok(npm, ['exec', '--no', '--', 'precheck', 'docs', '--out', 'generated-docs'], project);
  assert.match(docs.stderr, 'npm install -D @hpcc-js/wasm-graphviz');
  const written = await readdir(join(project, 'generated-docs', 'machines'));
  assert.ok(written.includes('precheck.md'));
  assert.equal(written.filter((file) => file.endsWith('.svg')), []);
  assert.match(await readFile(join(project, 'generated-docs', 'machines', 'precheck.md'), 'utf8'), '```mermaid');
});

// A consumer file that leans on what the types promise: every decision status handled, sandbox providers present.
const CONSUMER = `import { createActor } from 'xstate';
import { Container } from 'inversify';
import { createPrecheck, precheckModule, type BmoSettings, type BeepSettings, type Decision } from 'precheck';
import { startSandbox } from 'precheck/sandbox';
import { redisStore } from 'precheck/redis';
import { createServer } from 'precheck/server';

const sandbox = await startSandbox();
const bmo: BmoSettings = sandbox.providers.bmo;
const beep: BeepSettings = sandbox.providers.beep;
const precheck = createPrecheck({ providers: { bmo, beep }, http: { timeoutMs: 5000 } });

export function next(decision: Decision): string {
  switch (decision.status) {
    case 'proceed': return decision.verified ? 'credit' : 'credit unverified';
    case 'needs-names': return 'ask for names';
    case 'needs-confirmation': return 'ask the payer';
    case 'abort': return decision.reason;
    case 'retry': return String(decision.retryAfterMs ?? 0);
    default: { const unhandled: never = decision; return unhandled; }
  }
}

const actor = createActor(precheck.machine, { input: { provider: 'bmo', intent: 'debit', phone: '+2290197000001' } });
export { actor, redisStore, createServer, Container, precheckModule };
`;

/** The declaration file of one of this repository's dev dependencies, for the telemetry example's SDK import. */
async function typesOf(name: string): Promise<string> {
  const directory = join(repo, 'node_modules', name);
  const manifest = JSON.parse(await readFile(join(directory, 'package.json'), 'utf8'));
  return join(directory, manifest.types ?? manifest.typings ?? 'index.d.ts');
}

async function typecheck(project: string, moduleResolution: 'NodeNext' | 'bundler', files: string[]) {
  const config = `tsconfig.${moduleResolution}.json`;
  await writeFile(
    join(project, config),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: moduleResolution === 'NodeNext' ? 'NodeNext' : 'ESNext',
        moduleResolution,
        lib: ['ES2023'],
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        skipLibCheck: true,
        // Types the consumer would install themselves for these snippets; not part of the README's install line.
        types: ['node'],
        typeRoots: [join(repo, 'node_modules', '@types')],
        paths: { '@opentelemetry/sdk-trace-base': [await typesOf('@opentelemetry/sdk-trace-base')] },
      },
      files,
    }),
  );
  const result = await run(tsc, ['-p', config], project);
  assert.is(result.code, 0, `tsc (${moduleResolution}):\n${result.stdout}${result.stderr}`);
}

packaged('a consumer and every ts example of README.md and docs/ typecheck (strict, exactOptionalPropertyTypes)', async ({ project }) => {
  const files = ['consumer.ts'];
  await writeFile(join(project, 'consumer.ts'), CONSUMER);
  await mkdir(join(project, 'examples'));
  for (const block of await codeBlocks(repo)) {
    const file = join('examples', block.name);
    await writeFile(join(project, file), block.code);
    files.push(file);
  }
  assert.ok(files.length > 8, `the docs' examples were found (${files.length - 1})`);
  await typecheck(project, 'NodeNext', files);
  await typecheck(project, 'bundler', files);
});

/** tsc (`compiler`) over `files` with these module settings; resolves with what it printed, expecting it to fail. */
async function typecheckFails(compiler: string, project: string, module: { module: string; moduleResolution: string }, files: string[]) {
  const config = `tsconfig.${module.moduleResolution}.json`;
  const compilerOptions = { target: 'ES2022', ...module, strict: true, noEmit: true, skipLibCheck: true, types: [], ignoreDeprecations: '5.0' };
  await writeFile(join(project, config), JSON.stringify({ compilerOptions, files }));
  const result = await run(compiler, ['-p', config, '--pretty', 'false'], project);
  assert.is.not(result.code, 0, `tsc (${module.moduleResolution}) was expected to fail`);
  return result.stdout + result.stderr;
}

packaged('other TypeScript settings fail as the README says: node10 → TS2307, a CommonJS file under node16 → TS1479', async ({ project }) => {
  await writeFile(join(project, 'settings.ts'), "import { startSandbox } from 'precheck/sandbox';\nexport { startSandbox };\n");
  await writeFile(join(project, 'settings.cts'), "import { createPrecheck } from 'precheck';\nexport { createPrecheck };\n");
  // TypeScript 7 has no node10 any more; TypeScript 5's `node` (node10) reads `types`, never `exports`.
  const typescript5 = join(repo, 'node_modules', 'typescript-5', 'bin', 'tsc');
  const node10 = await typecheckFails(typescript5, project, { module: 'CommonJS', moduleResolution: 'node10' }, ['settings.ts']);
  assert.match(node10, "error TS2307: Cannot find module 'precheck/sandbox'");
  const node16 = await typecheckFails(tsc, project, { module: 'Node16', moduleResolution: 'Node16' }, ['settings.cts']);
  assert.match(node16, 'error TS1479');
});

packaged.run();
