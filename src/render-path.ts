import type { PathSource } from './docs/render-path.js';

export type { PathSource };

/**
 * The precheck chart as SVG with a decision's path on it (see docs/README.md, "Reading a path"). Loaded on first
 * use, so that `import 'precheck'` stays light; drawing needs the optional peer `@hpcc-js/wasm-graphviz`.
 */
export async function renderPath(decision: PathSource): Promise<string> {
  const { renderPath: draw } = await import('./docs/render-path.js');
  return draw(decision);
}
