import type { Graphviz } from '@hpcc-js/wasm-graphviz';

/** What to tell someone whose `precheck docs` wrote no SVG. */
export const SVG_RENDERER_MISSING =
  'no SVG charts: @hpcc-js/wasm-graphviz is not installed (npm install -D @hpcc-js/wasm-graphviz); the Mermaid charts are written';

let graphviz: Promise<Graphviz | undefined> | undefined;

// An optional peer: only `precheck docs` draws SVGs, so nobody else installs 2 MB of WebAssembly.
const loadGraphviz = () =>
  import('@hpcc-js/wasm-graphviz').then(
    (module) => module.Graphviz.load(),
    () => undefined,
  );

/** DOT → SVG with Graphviz compiled to WebAssembly (offline, no browser); undefined when it is not installed. */
export async function renderSvg(dot: string): Promise<string | undefined> {
  graphviz ??= loadGraphviz();
  return (await graphviz)?.dot(dot, 'svg');
}
