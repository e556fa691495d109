import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chartViews, drawChart } from '../src/docs/chart-svg.js';
import { machineGraph } from '../src/docs/machine-graph.js';
import { allMachines } from '../src/docs/machine-list.js';

/**
 * Every chart the docs draw, read as a browser shows it 900 px wide: every label at least 9 px high, each on or
 * beside its own edge, no edge through a label, no two labels overlapping. Text boxes are estimated from the font
 * size (Helvetica: a character is at most about 0.6 em wide on average); edges are sampled along their Béziers.
 */
const WIDTH_PX = 900;
const MIN_LABEL_PX = 9;
/** A label further than this from its own edge (in chart units) is not "beside" it. */
const BESIDE = 16;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
  group: string;
}

/** Helvetica's advance widths, roughly, in em: narrow letters, wide letters, capitals, digits, the rest. */
function textWidth(text: string, size: number): number {
  let em = 0;
  for (const char of text) {
    em += /[ijl'|.,:;!]/.test(char) ? 0.23 : /[ftrI\- ()[\]]/.test(char) ? 0.3 : /[mwMW]/.test(char) ? 0.85 : /[A-Z]/.test(char) ? 0.68 : 0.54;
  }
  return em * size;
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The text boxes and edge paths of a Graphviz SVG, each with the id of the element (`<g id=…>`) it belongs to. */
function readSvg(svg: string) {
  const viewBox = attribute(/<svg[^>]*>/.exec(svg)![0], 'viewBox')!.split(/\s+/).map(Number);
  const boxes: Box[] = [];
  const edges: { group: string; points: [number, number][]; from?: string; to?: string }[] = [];
  for (const group of svg.split(/(?=<g id=)/)) {
    const open = /^<g id="([^"]+)" class="([^"]*)"([^>]*)>/.exec(group);
    if (!open || /\b(graph)\b/.test(open[2])) continue;
    const [, id, classes] = open;
    for (const match of group.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
      const size = Number(attribute(match[1], 'font-size'));
      const x = Number(attribute(match[1], 'x'));
      const y = Number(attribute(match[1], 'y'));
      const anchor = attribute(match[1], 'text-anchor') ?? 'start';
      const width = textWidth(match[2].replace(/&[a-z]+;|&#\d+;/g, 'x'), size);
      const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
      boxes.push({ x0: left, x1: left + width, y0: y - size * 0.75, y1: y + size * 0.05, text: match[2], group: id, size } as Box & { size: number });
    }
    if (/\bedge\b/.test(classes)) {
      for (const d of group.matchAll(/<path[^>]*\sd="([^"]+)"/g)) {
        const numbers = d[1].match(/-?[\d.]+/g)!.map(Number);
        const controls: [number, number][] = [];
        for (let i = 0; i + 1 < numbers.length; i += 2) controls.push([numbers[i], numbers[i + 1]]);
        const points: [number, number][] = [];
        for (let i = 0; i + 3 < controls.length; i += 3) {
          const [p0, p1, p2, p3] = controls.slice(i, i + 4);
          for (let t = 0; t <= 1; t += 0.02) {
            const u = 1 - t;
            points.push([
              u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
              u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1],
            ]);
          }
        }
        edges.push({ group: id, points });
      }
    }
  }
  return { width: viewBox[2], boxes: boxes as (Box & { size: number })[], edges };
}

const overlaps = (a: Box, b: Box, slack = 0.5) => a.x0 + slack < b.x1 && b.x0 + slack < a.x1 && a.y0 + slack < b.y1 && b.y0 + slack < a.y1;
const inside = (box: Box, [x, y]: [number, number], slack = 1) => x > box.x0 + slack && x < box.x1 - slack && y > box.y0 + slack && y < box.y1 - slack;
const distance = (box: Box, [x, y]: [number, number]) => Math.hypot(Math.max(box.x0 - x, 0, x - box.x1), Math.max(box.y0 - y, 0, y - box.y1));

/** The edges a label belongs to: label node `t<i>` is on `e<i>a` and `e<i>b`; a loop's label is inside its edge's group. */
const ownEdges = (group: string) => (/^t\d+$/.test(group) ? [`e${group.slice(1)}a`, `e${group.slice(1)}b`] : [group]);

for (const [name, machine] of allMachines()) {
  for (const view of chartViews(machineGraph(name, machine))) {
    test(`${view.file}: legible at ${WIDTH_PX} px`, async () => {
      const svg = await drawChart(view.graph);
      assert.ok(svg, 'Graphviz (@hpcc-js/wasm-graphviz, a dev dependency) renders the chart');
      const { width, boxes, edges } = readSvg(svg);
      const scale = WIDTH_PX / width;
      const problems: string[] = [];
      for (const box of boxes) {
        if (box.size * scale < MIN_LABEL_PX) problems.push(`"${box.text}" is ${(box.size * scale).toFixed(1)} px high`);
      }
      // A label's lines, as one box: what must stay off other edges and close to its own.
      const byGroup = new Map<string, Box[]>();
      for (const box of boxes.filter((b) => /^(t\d+|e\d+)$/.test(b.group))) byGroup.set(box.group, [...(byGroup.get(box.group) ?? []), box]);
      const labels = [...byGroup.values()].map(
        (lines): Box => ({
          x0: Math.min(...lines.map((l) => l.x0)),
          x1: Math.max(...lines.map((l) => l.x1)),
          y0: Math.min(...lines.map((l) => l.y0)),
          y1: Math.max(...lines.map((l) => l.y1)),
          text: lines.map((l) => l.text).join(' '),
          group: lines[0].group,
        }),
      );
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          // Lines of one label sit one under the other: only text of different elements must not overlap.
          if (a.group !== b.group && overlaps(a, b)) problems.push(`"${a.text}" overlaps "${b.text}"`);
        }
      }
      for (const label of labels) {
        for (const edge of edges) {
          // Its own edge ends at it (the label is a node on the edge).
          if (ownEdges(label.group).includes(edge.group)) continue;
          if (edge.points.some((point) => inside(label, point))) problems.push(`edge ${edge.group} crosses "${label.text}"`);
        }
        const own = edges.filter((edge) => ownEdges(label.group).includes(edge.group));
        const near = Math.min(...own.flatMap((edge) => edge.points.map((point) => distance(label, point))));
        if (!(near <= BESIDE)) problems.push(`"${label.text}" is ${near.toFixed(0)} units from its own edge`);
      }
      assert.equal(problems, [], `${view.file} (${width} units wide, ${scale.toFixed(2)} px per unit)`);
    });
  }
}

test.run();
