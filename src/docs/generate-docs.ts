import { loadTriggerTables } from '../sandbox/trigger-tables.js';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chartViews, drawChart, type ChartView } from './chart-svg.js';
import { observedRows, type ObservedRow } from './decision-table.js';
import { indexPage } from './index-page.js';
import { interactivePage } from './interactive-page.js';
import { machineGraph } from './machine-graph.js';
import { allMachines } from './machine-list.js';
import { INTRODUCTIONS, machinePage, pageLink } from './machine-page.js';
import { SVG_RENDERER_MISSING } from './render-svg.js';

/** The machines whose decisions are observed against the sandbox (their pages show the rows). */
const OBSERVED: Record<string, () => Promise<ObservedRow[]>> = { precheck: observedRows };

/**
 * Writes `outDir/README.md` and, for every machine in machines/index.ts, `outDir/machines/<name>.md`, its SVG charts
 * (an overview, and one detail chart per compound state) and `<name>.html`, the interactive page. Deterministic: the
 * same machines, sandbox and `pagesDir` give byte-identical files. Returns the files written, in order. Without the
 * optional `@hpcc-js/wasm-graphviz` the SVGs are left out (and not linked), and `notice` says so, once. The pages link
 * to a hand-written page (docs/fleet.md, …) only when `pagesDir` (default `outDir`) holds it: no link leads to a file
 * that is not there.
 */
export async function generateDocs(outDir: string, notice: (line: string) => void = console.warn, pagesDir = outDir): Promise<string[]> {
  const beside = (file: string) => existsSync(join(pagesDir, file));
  const graphs = allMachines().map(([name, machine]) => machineGraph(name, machine));
  await mkdir(join(outDir, 'machines'), { recursive: true });
  const files: [string, string][] = [[join(outDir, 'README.md'), indexPage(graphs, beside, await loadTriggerTables())]];
  let missingSvg = false;
  // One thing at a time: the decision tables time real HTTP checks, which a layout running beside them would delay.
  for (const graph of graphs) {
    const rows = (await OBSERVED[graph.name]?.()) ?? [];
    const drawn: { view: ChartView; svg: string }[] = [];
    for (const view of chartViews(graph)) {
      const svg = await drawChart(view.graph);
      if (svg !== undefined) drawn.push({ view, svg });
      else missingSvg = true;
    }
    const views = drawn.map(({ view }) => view);
    files.push([join(outDir, 'machines', `${graph.name}.md`), await machinePage(graph, views, OBSERVED[graph.name] ? rows : undefined, beside)]);
    for (const { view, svg } of drawn) files.push([join(outDir, 'machines', view.file), svg]);
    const introduction = INTRODUCTIONS[graph.name]?.(pageLink(beside));
    files.push([join(outDir, 'machines', `${graph.name}.html`), interactivePage(graph, await drawChart(graph), rows, introduction)]);
  }
  if (missingSvg) notice(SVG_RENDERER_MISSING);
  for (const [path, content] of files) await writeFile(path, content.endsWith('\n') ? content : `${content}\n`);
  return files.map(([path]) => path);
}
