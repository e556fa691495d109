import { readFile, writeFile } from 'node:fs/promises';
import { chartJson } from '../docs/chart-json.js';
import { generateDocs } from '../docs/generate-docs.js';
import { machineGraph } from '../docs/machine-graph.js';
import { allMachines } from '../docs/machine-list.js';
import { renderPath, type PathSource } from '../render-path.js';
import { parseFlags } from './parse-flags.js';
import { UsageError } from './usage-error.js';
import { providersInWords } from './provider-words.js';

export const DOCS_HELP = `Usage: precheck docs [--out DIR]
       precheck docs --path decision.json|- [--out path.svg]
       precheck docs --format json [--machine NAME]

Writes the machine docs (as npm run docs does): for every machine, DIR/machines/<name>.md with a Mermaid chart,
the Graphviz SVG charts (when @hpcc-js/wasm-graphviz is installed), the transition table and the decision table
observed against the sandbox; DIR/machines/<name>.html, the interactive page (one file, works offline); and
DIR/README.md with the sandbox's trigger values for ${providersInWords()}. The pages link only to files that
are there: precheck's hand-written pages (fleet.md, service.md, …) where DIR holds them.

  --out DIR          where to write (default: docs); with --path, the SVG file (default: standard output)
  --path FILE        draw a decision's path on the chart (a decision's JSON, as check --json prints it; - reads
                     standard input): taken states and transitions highlighted and numbered, the rest faded
  --format json      print the charts as directed graphs (states, every transition, every edge as a trace names it)
  --machine NAME     with --format json: only this machine`;

/** `precheck check … --path out.svg` and `precheck docs --path`: the decision's path, written as SVG. */
export async function writePath(file: string | undefined, decision: PathSource, out: (text: string) => void): Promise<void> {
  const svg = await renderPath(decision);
  if (file === undefined) out(svg);
  else await writeFile(file, svg);
}

async function readDecision(file: string): Promise<PathSource> {
  const text = file === '-' ? await new Response(process.stdin as unknown as ReadableStream).text() : await readFile(file, 'utf8');
  let decision: unknown;
  try {
    decision = JSON.parse(text);
  } catch {
    throw new UsageError(`--path ${file}: not JSON; give a decision as precheck check --json prints it`);
  }
  const status = (decision as { status?: unknown } | null)?.status;
  if (typeof status !== 'string' || typeof (decision as { trace?: unknown }).trace !== 'object') {
    throw new UsageError(`--path ${file}: not a decision (no status and trace); give a decision as precheck check --json prints it`);
  }
  return decision as PathSource;
}

export async function docsCommand(args: string[], out: (text: string) => void, err: (text: string) => void = out): Promise<number> {
  const { values } = parseFlags({ args, options: { out: { type: 'string' }, path: { type: 'string' }, format: { type: 'string' }, machine: { type: 'string' } } });
  if (values.format !== undefined && values.format !== 'json') throw new UsageError(`--format ${values.format}: the only format is json (--format json)`);
  if (values.path !== undefined && values.format !== undefined) throw new UsageError('--path and --format: give one of them');
  if (values.machine !== undefined && values.format === undefined) throw new UsageError('--machine goes with --format json');
  if (values.path !== undefined) {
    await writePath(values.out, await readDecision(values.path), out);
    return 0;
  }
  if (values.format === 'json') {
    const machines = allMachines().filter(([name]) => values.machine === undefined || name === values.machine);
    if (machines.length === 0) throw new UsageError(`--machine ${values.machine}: no such machine; one of ${allMachines().map(([name]) => name).join(', ')}`);
    const charts = machines.map(([name, machine]) => chartJson(machineGraph(name, machine)));
    out(JSON.stringify(values.machine === undefined ? charts : charts[0], null, 2));
    return 0;
  }
  for (const file of await generateDocs(values.out ?? 'docs', err)) out(`wrote ${file}`);
  return 0;
}
