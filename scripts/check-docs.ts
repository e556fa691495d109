import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generateDocs } from '../src/docs/generate-docs.js';

// Regenerates into a temporary folder and compares with the committed docs, file by file.
const scratch = await mkdtemp(join(tmpdir(), 'precheck-docs-'));
try {
  const written = await generateDocs(scratch);
  const stale: string[] = [];
  for (const fresh of written) {
    const committed = join('docs', relative(scratch, fresh));
    const before = await readFile(committed, 'utf8').catch(() => undefined);
    if (before === undefined) stale.push(`${committed} (missing)`);
    else if (before !== (await readFile(fresh, 'utf8'))) stale.push(committed);
  }
  if (stale.length > 0) {
    console.error(`docs are stale; run npm run docs and commit:\n${stale.map((file) => `  ${file}`).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(`docs up to date (${written.length} files)`);
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
