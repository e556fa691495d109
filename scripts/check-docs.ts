import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generateDocs } from '../src/docs/generate-docs.js';
import { writeConfigurationPage } from '../src/engine/options/configuration-table.js';
import { REPOSITORY_PAGES } from './generate-docs.js';

// `npm run docs:check`: regenerates into a temporary folder (linking the pages docs/ holds) and compares with the
// committed docs/, file by file, docs/reliability.md included. docs/machines/ holds only generated files: one there that
// is no longer generated (a machine removed) is stale too.
const DOCS = 'docs';
const scratch = await mkdtemp(join(tmpdir(), 'precheck-docs-'));
try {
  const written = [...(await generateDocs(scratch, console.warn, DOCS)), await writeConfigurationPage(scratch)].map((file) => relative(scratch, file));
  const problems: string[] = [];
  for (const [file, content] of REPOSITORY_PAGES) {
    const committed = await readFile(join(DOCS, file), 'utf8').catch(() => undefined);
    if (committed === undefined) problems.push(`${join(DOCS, file)} (missing)`);
    else if (committed !== content()) problems.push(`${join(DOCS, file)} (differs)`);
  }
  for (const file of written) {
    const committed = await readFile(join(DOCS, file)).catch(() => undefined);
    if (committed === undefined) problems.push(`${join(DOCS, file)} (missing)`);
    else if (!committed.equals(await readFile(join(scratch, file)))) problems.push(`${join(DOCS, file)} (differs)`);
  }
  const generated = new Set(written);
  for (const name of (await readdir(join(DOCS, 'machines')).catch(() => [] as string[])).sort()) {
    if (!generated.has(join('machines', name))) problems.push(`${join(DOCS, 'machines', name)} (no longer generated)`);
  }
  if (problems.length > 0) {
    console.error(`docs are out of date; run npm run docs and commit:\n${problems.map((line) => `  ${line}`).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(`docs up to date (${written.length + REPOSITORY_PAGES.length} files)`);
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
