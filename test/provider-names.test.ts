import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-5';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BUILTIN_PROVIDERS } from '../src/providers/builtin-providers.js';

// A built-in provider is one folder, src/providers/<name>/, and one line in src/providers/builtin-providers.ts.
// The rule: outside its folder, no code of src/ or machines/ names a built-in provider, that is, no identifier with
// one of its words (`BMO_HTTP`, `bmoRequest`, `createGsmaHandler`, `mtnMomo`: words split at `_`, `-` and camelCase;
// `mtn` and `momo` count for `mtn-momo`), no string that is a provider's name (`'mtn-momo'`), and no path into a
// provider's folder. Comments and prose inside longer strings (help text, option descriptions) are documentation
// and are not read. Tests and docs/ may name providers; so may the few files below, each for its reason.

const repo = fileURLToPath(new URL('..', import.meta.url));
const names = BUILTIN_PROVIDERS.map((provider) => provider.name as string);
const nameWords = new Set(names.flatMap((name) => name.split('-')));

/** Where a provider may be named outside its folder, and why. Keep it short. */
const ALLOWED: Record<string, string> = {
  'src/providers/builtin-providers.ts': 'the one list of built-in providers',
  'src/index.ts': "the public entry re-exports each provider's settings type and DI ids (`BmoSettings`, `BMO_HTTP`): a contract",
  'src/core/request.ts': "`PrecheckRequest['provider']` lists the built-in names for editors' completion (a public type)",
  'src/sandbox/first-fakes.ts':
    "precheck/sandbox keeps the four first fakes' own public names (`BMO_TRIGGERS`, `bmoRequest`, `SANDBOX_CREDENTIALS.bmo`): a contract. The sandbox itself iterates the providers' sandbox sides; a new fake adds nothing here",
  'src/engine/create-precheck.ts': "`precheck.mojaloopCallback`: the engine's callback receiver for embedders, named by contract",
  'src/server/routes/fspiop-callbacks.ts': "`precheck serve` mounts `precheck.mojaloopCallback` under /fspiop (issue 23's contract)",
};

const words = (text: string) =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);

/** Each name of a built-in provider in `code` (as the rule above reads it). */
export function providerMentions(code: string): string[] {
  const source = ts.createSourceFile('file.ts', code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
      if (words(node.text).some((word) => nameWords.has(word))) found.push(node.text);
    } else if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      const text = (node as ts.LiteralLikeNode).text;
      if (names.includes(text) || names.some((name) => text.includes(`providers/${name}/`))) found.push(text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(repo, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

const ownFolder = (file: string) => names.some((name) => file.startsWith(`src/providers/${name}/`));
const allowed = (file: string) => Object.keys(ALLOWED).some((entry) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry));

test('only a provider\'s folder, the built-in list and the allowed files name a built-in provider', () => {
  const files = [...sourcesUnder('src'), ...sourcesUnder('machines')];
  assert.ok(files.length > 100, 'the walk found the sources');
  const offending = files
    .filter((file) => !ownFolder(file) && !allowed(file))
    .map((file) => [file, [...new Set(providerMentions(readFileSync(join(repo, file), 'utf8')))]] as const)
    .filter(([, found]) => found.length > 0)
    .map(([file, found]) => `${file}: ${found.join(', ')}`);
  assert.equal(offending, []);
});

test('every built-in provider has its folder, and every allowed entry is still there and still needed', () => {
  for (const name of names) assert.ok(sourcesUnder(`src/providers/${name}`).length > 0, `src/providers/${name}/`);
  for (const entry of Object.keys(ALLOWED)) {
    const files = entry.endsWith('/') ? sourcesUnder(entry) : [entry];
    const needed = files.some((file) => providerMentions(readFileSync(join(repo, file), 'utf8')).length > 0);
    assert.ok(needed, `${entry} names no provider: take it off the list`);
  }
});

test('the rule sees identifiers, names and paths, not comments or prose', () => {
  assert.equal(providerMentions("const BMO_HTTP = 1; const x = mtnMomo; f('gsma'); import './providers/beep/a.js';"), [
    'BMO_HTTP',
    'mtnMomo',
    'gsma',
    './providers/beep/a.js',
  ]);
  assert.equal(providerMentions("// bmo\n/** gsma */ const help = 'over B-MO, BEEP and mtn-momo here'; const momoney = 1;"), []);
});

test.run();
