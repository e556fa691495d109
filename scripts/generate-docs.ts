import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDocs } from '../src/docs/generate-docs.js';
import { writeConfigurationPage } from '../src/engine/options/configuration-table.js';
import { reliabilityPage } from '../test/support/fault-matrix.js';

export { generateDocs };

/** The pages only the repository has: docs/reliability.md, from the fault matrix `npm test` requires. */
export const REPOSITORY_PAGES: readonly (readonly [file: string, content: () => string])[] = [['reliability.md', reliabilityPage]];

// `npm run docs` (or `tsx scripts/generate-docs.ts [DIR]`): what `precheck docs [--out DIR]` writes, and the
// repository's own generated pages.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? 'docs';
  for (const [file, content] of REPOSITORY_PAGES) {
    await writeFile(join(dir, file), content());
    console.log(`wrote ${join(dir, file)}`);
  }
  for (const file of await generateDocs(dir)) console.log(`wrote ${file}`);
  // The options table, from the options schema (not part of `precheck docs`: it links to the repository's docs).
  console.log(`wrote ${await writeConfigurationPage(dir)}`);
}
