import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toDot } from './dot.js';
import { indexPage } from './index-page.js';
import { machineGraph } from './machine-graph.js';
import { allMachines } from './machine-list.js';
import { machinePage } from './machine-page.js';
import { renderSvg, SVG_RENDERER_MISSING } from './render-svg.js';

/**
 * Writes `outDir/README.md` and, for every machine in machines/index.ts, `outDir/machines/<name>.md` and `.svg`.
 * Deterministic: the same machines, sandbox and `pagesDir` give byte-identical files. Returns the files written, in
 * order. Without the optional `@hpcc-js/wasm-graphviz` the SVGs are left out (and not linked), and `notice` says so,
 * once. The pages link to a hand-written page (docs/fleet.md, …) only when `pagesDir` (default `outDir`) holds it:
 * no link leads to a file that is not there.
 */
export async function generateDocs(outDir: string, notice: (line: string) => void = console.warn, pagesDir = outDir): Promise<string[]> {
  const beside = (file: string) => existsSync(join(pagesDir, file));
  const graphs = allMachines().map(([name, machine]) => machineGraph(name, machine));
  await mkdir(join(outDir, 'machines'), { recursive: true });
  const files: [string, string][] = [[join(outDir, 'README.md'), indexPage(graphs, beside)]];
  let missingSvg = false;
  // One thing at a time: the decision tables time real HTTP checks, which a layout running beside them would delay.
  for (const graph of graphs) {
    const svg = await renderSvg(toDot(graph));
    if (svg === undefined) missingSvg = true;
    files.push([join(outDir, 'machines', `${graph.name}.md`), await machinePage(graph, { svg: svg !== undefined, beside })]);
    if (svg !== undefined) files.push([join(outDir, 'machines', `${graph.name}.svg`), svg]);
  }
  if (missingSvg) notice(SVG_RENDERER_MISSING);
  for (const [path, content] of files) await writeFile(path, content.endsWith('\n') ? content : `${content}\n`);
  return files.map(([path]) => path);
}
