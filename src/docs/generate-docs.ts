import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chartViews, drawChart } from './chart-svg.js';
import { observedRows, type ObservedRow } from './decision-table.js';
import { indexPage } from './index-page.js';
import { interactivePage } from './interactive-page.js';
import { machineGraph } from './machine-graph.js';
import { allMachines } from './machine-list.js';
import { INTRODUCTIONS, machinePage } from './machine-page.js';
import { SVG_RENDERER_MISSING } from './render-svg.js';

/** The machines whose decisions are observed against the sandbox (their pages show the rows). */
const OBSERVED: Record<string, () => Promise<ObservedRow[]>> = { precheck: observedRows };

/**
 * Writes `outDir/README.md` and, for every machine in machines/index.ts, `outDir/machines/<name>.md`, its SVG charts
 * (an overview, and one detail chart per compound state) and `<name>.html`, the interactive page.
 * Deterministic: the same machines and sandbox give byte-identical files. Returns the files written, in order.
 * Without the optional `@hpcc-js/wasm-graphviz` the SVGs are left out and `notice` says so, once.
 */
export async function generateDocs(outDir: string, notice: (line: string) => void = console.warn): Promise<string[]> {
  const graphs = allMachines().map(([name, machine]) => machineGraph(name, machine));
  await mkdir(join(outDir, 'machines'), { recursive: true });
  const files: [string, string][] = [[join(outDir, 'README.md'), indexPage(graphs)]];
  let missingSvg = false;
  // One thing at a time: the decision tables time real HTTP checks, which a layout running beside them would delay.
  for (const graph of graphs) {
    const rows = (await OBSERVED[graph.name]?.()) ?? [];
    const views = chartViews(graph);
    files.push([join(outDir, 'machines', `${graph.name}.md`), await machinePage(graph, views, OBSERVED[graph.name] ? rows : undefined)]);
    for (const view of views) {
      const svg = await drawChart(view.graph);
      if (svg !== undefined) files.push([join(outDir, 'machines', view.file), svg]);
      else missingSvg = true;
    }
    files.push([join(outDir, 'machines', `${graph.name}.html`), interactivePage(graph, await drawChart(graph), rows, INTRODUCTIONS[graph.name])]);
  }
  if (missingSvg) notice(SVG_RENDERER_MISSING);
  for (const [path, content] of files) await writeFile(path, content.endsWith('\n') ? content : `${content}\n`);
  return files.map(([path]) => path);
}
