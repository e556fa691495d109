import { pathToFileURL } from 'node:url';
import { generateDocs } from '../src/docs/generate-docs.js';
import { writeConfigurationPage } from '../src/options/configuration-table.js';

export { generateDocs };

// `npm run docs` (or `tsx scripts/generate-docs.ts [DIR]`): the same as `precheck docs [--out DIR]`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const file of await generateDocs(process.argv[2] ?? 'docs')) console.log(`wrote ${file}`);
  // The options table, from the options schema (not part of `precheck docs`: it links to the repository's docs).
  console.log(`wrote ${await writeConfigurationPage(process.argv[2] ?? 'docs')}`);
}
