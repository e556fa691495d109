import { pathToFileURL } from 'node:url';
import { generateDocs } from '../src/docs/generate-docs.js';

export { generateDocs };

// `npm run docs` (or `tsx scripts/generate-docs.ts [DIR]`): the same as `precheck docs [--out DIR]`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const file of await generateDocs(process.argv[2] ?? 'docs')) console.log(`wrote ${file}`);
}
