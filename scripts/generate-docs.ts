import { generateDocs } from '../src/docs/generate-docs.js';

const written = await generateDocs(process.argv[2] ?? 'docs');
for (const file of written) console.log(`wrote ${file}`);
