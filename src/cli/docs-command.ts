import { generateDocs } from '../docs/generate-docs.js';
import { parseFlags } from './parse-flags.js';

export const DOCS_HELP = `Usage: precheck docs [--out DIR]

Writes the machine docs (as npm run docs does): for every machine, DIR/machines/<name>.md with a Mermaid chart,
a Graphviz SVG (when @hpcc-js/wasm-graphviz is installed), the transition table and the decision table observed against
the sandbox; and DIR/README.md with the sandbox's trigger values for B-MO, BEEP, MTN MoMo and GSMA. The pages link only
to files that are there: precheck's hand-written pages (fleet.md, service.md, …) where DIR holds them.

  --out DIR   where to write (default: docs)`;

export async function docsCommand(args: string[], out: (text: string) => void, err: (text: string) => void = out): Promise<number> {
  const { values } = parseFlags({ args, options: { out: { type: 'string' } } });
  for (const file of await generateDocs(values.out ?? 'docs', err)) out(`wrote ${file}`);
  return 0;
}
