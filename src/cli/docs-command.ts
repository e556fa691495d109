import { parseArgs } from 'node:util';
import { generateDocs } from '../docs/generate-docs.js';

export const DOCS_HELP = `Usage: precheck docs [--out DIR]

Writes the machine docs (as npm run docs does): for every machine, DIR/machines/<name>.md with a Mermaid chart,
a Graphviz SVG (when @hpcc-js/wasm-graphviz is installed), the transition table and the decision table observed against the sandbox; and DIR/README.md.

  --out DIR   where to write (default: docs)`;

export async function docsCommand(args: string[], out: (text: string) => void, err: (text: string) => void = out): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  for (const file of await generateDocs(values.out ?? 'docs', err)) out(`wrote ${file}`);
  return 0;
}
