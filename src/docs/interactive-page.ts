import { chartJson } from './chart-json.js';
import type { ObservedRow } from './decision-table.js';
import type { MachineGraph } from './machine-graph.js';
import { transitionsIn } from './machine-paths.js';
import { actionWords, guardWords, triggerWords } from './words.js';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** JSON inside a <script> element: nothing in it may close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** What the page's script reads: the chart as a graph, each state's transitions in words, the observed rows. */
function pageData(graph: MachineGraph, rows: ObservedRow[]) {
  const indexOf = new Map(graph.transitions.map((transition, index) => [transition, index]));
  const words = (index: number) => {
    const transition = graph.transitions[index];
    return {
      index,
      owner: transition.from,
      to: transition.targetless ? '(stays)' : transition.to,
      trigger: triggerWords(transition.trigger),
      guard: guardWords(transition, graph.transitions),
      actions: transition.actions.map(actionWords).join(', '),
    };
  };
  const chart = chartJson(graph);
  return {
    machine: graph.name,
    states: graph.states.map((state) => ({
      id: state.id,
      key: state.key,
      kind: state.kind,
      parent: state.parent ?? null,
      transitions: (state.kind === 'atomic' ? transitionsIn(graph, state.id) : graph.transitions.filter((t) => t.from === state.id)).map((t) => words(indexOf.get(t)!)),
    })),
    edges: chart.edges.map((edge) => ({ ...edge, index: graph.transitions.findIndex((t) => t.id === edge.transition) })),
    rows,
  };
}

const STYLE = `
body{font:15px/1.45 Helvetica,Arial,sans-serif;margin:0;color:#1d232a;background:#fbfcfe}
header,main{max-width:1500px;margin:0 auto;padding:0 16px}
h1{font-size:22px;margin:16px 0 4px}h2{font-size:17px;margin:12px 0 6px}
#chart{overflow:auto;border:1px solid #d5dce6;background:#fff;border-radius:6px}
#chart svg{display:block;max-width:none;height:auto}
.layout{display:grid;grid-template-columns:minmax(220px,1fr) 2fr;gap:16px;margin-top:12px}
nav ul{list-style:none;padding:0;margin:0;columns:2}
nav button{font:inherit;background:none;border:1px solid transparent;border-radius:4px;padding:1px 6px;cursor:pointer;color:#174ea6}
nav button[aria-pressed=true]{border-color:#174ea6;background:#e8f0fe}
[data-state]{cursor:pointer}
[data-state]:focus{outline:3px solid #f9ab00;outline-offset:2px}
button:focus,textarea:focus{outline:3px solid #f9ab00}
.selected polygon,.selected path{stroke:#f9ab00;stroke-width:3}
.faded{opacity:.28}
.taken path,.taken polygon{stroke-width:2.4}
.taken.label text,.taken.transition text{font-weight:bold}
table{border-collapse:collapse;font-size:14px}td,th{border:1px solid #d5dce6;padding:2px 6px;text-align:left;vertical-align:top}
code,pre{background:#f1f3f6;border-radius:4px;padding:1px 4px}pre{padding:8px;white-space:pre-wrap;word-break:break-all}
textarea{width:100%;min-height:110px;font:13px monospace}
.problem{color:#b23b3b}
`;

const SCRIPT = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('chart-data').textContent);
  var byId = {};
  data.states.forEach(function (s) { byId[s.id] = s; });
  var chart = document.getElementById('chart');
  var panel = document.getElementById('panel');
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function within(state, id) { return id === state || id.indexOf(state + '.') === 0; }
  function select(id) {
    var state = byId[id];
    if (!state) return;
    chart.querySelectorAll('.selected').forEach(function (n) { n.classList.remove('selected'); });
    chart.querySelectorAll('[data-state="' + id + '"]').forEach(function (n) { n.classList.add('selected'); });
    document.querySelectorAll('nav button').forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.state === id)); });
    panel.textContent = '';
    panel.appendChild(el('h2', state.id + ' (' + state.kind + ')'));
    panel.appendChild(el('h3', 'Transitions'));
    if (state.transitions.length === 0) panel.appendChild(el('p', state.kind === 'final' ? 'A final state: the check ends here.' : 'None.'));
    else {
      var list = el('ul', undefined, { id: 'panel-transitions' });
      state.transitions.forEach(function (t) {
        var text = t.trigger + (t.guard ? ', if ' + t.guard : '') + ' \u2192 ' + t.to + (t.actions ? ' (' + t.actions + ')' : '') + (t.owner !== state.id ? ' [from ' + (t.owner || 'any state') + ']' : '');
        list.appendChild(el('li', text));
      });
      panel.appendChild(list);
    }
    var rows = data.rows.filter(function (r) { return r.states.some(function (s) { return within(id, s); }); });
    panel.appendChild(el('h3', 'Observed decisions through it (' + rows.length + ')'));
    if (rows.length) {
      var table = el('table', undefined, { id: 'panel-rows' });
      var head = el('tr');
      ['provider', 'intent', 'provider answer', 'decision', 'detail'].forEach(function (h) { head.appendChild(el('th', h)); });
      table.appendChild(head);
      rows.forEach(function (r) {
        var tr = el('tr');
        [r.provider, r.intent, r.answer, r.status, r.detail].forEach(function (c) { tr.appendChild(el('td', c)); });
        table.appendChild(tr);
      });
      panel.appendChild(table);
      var withCommand = rows.filter(function (r) { return r.command; })[0];
      if (withCommand) {
        panel.appendChild(el('h3', 'Try it in the sandbox'));
        panel.appendChild(el('pre', withCommand.command + ' --path path.svg', { id: 'panel-command' }));
      }
    }
  }
  function clearPath() {
    chart.querySelectorAll('.taken,.faded').forEach(function (n) {
      n.classList.remove('taken'); n.classList.remove('faded'); n.removeAttribute('data-step'); n.removeAttribute('data-steps');
    });
    document.getElementById('path-steps').textContent = '';
    document.getElementById('path-status').textContent = '';
  }
  function mark(node, step) {
    node.classList.add('taken');
    node.classList.remove('faded');
    var steps = node.getAttribute('data-steps');
    node.setAttribute('data-steps', steps ? steps + ' ' + step : String(step));
    if (!node.hasAttribute('data-step')) node.setAttribute('data-step', String(step));
  }
  function ancestors(id) {
    var out = [];
    for (var at = id; at; at = byId[at] && byId[at].parent) out.push(at);
    return out;
  }
  function drawPath(text) {
    clearPath();
    var status = document.getElementById('path-status');
    var parsed;
    try { parsed = JSON.parse(text); } catch (e) { status.textContent = 'Not JSON: paste a decision as precheck check --json prints it, or its trace.'; status.className = 'problem'; return; }
    var transitions = Array.isArray(parsed) ? parsed : parsed && parsed.trace ? parsed.trace.transitions : parsed && parsed.transitions;
    if (!Array.isArray(transitions)) { status.textContent = 'No trace.transitions in it: paste a decision, its trace, or its transitions.'; status.className = 'problem'; return; }
    chart.querySelectorAll('[data-state],[data-transition]').forEach(function (n) { n.classList.add('faded'); });
    var list = document.getElementById('path-steps');
    var unknown = [];
    var mk = function (id, step) { chart.querySelectorAll('[data-state="' + id + '"]:not(.outcome)').forEach(function (n) { mark(n, step); }); };
    if (transitions.length) ancestors(transitions[0].from).forEach(function (id) { mk(id, 0); });
    transitions.forEach(function (t, i) {
      var edge = data.edges.filter(function (e) { return e.from === t.from && e.to === t.to && e.event === t.event && (e.guard || undefined) === (t.guard || undefined); })[0];
      var words = t.from + ' \u2192 ' + t.to + ' (' + t.event + (t.guard ? ', ' + t.guard : '') + ')';
      list.appendChild(el('li', words + (edge ? '' : ' \u2014 not an edge of this chart')));
      if (!edge) { unknown.push(i + 1); return; }
      chart.querySelectorAll('[data-transition="' + edge.index + '"]').forEach(function (n) { mark(n, i + 1); });
      ancestors(t.to).forEach(function (id) { mk(id, i + 1); });
    });
    var end = parsed && parsed.status ? 'decision: ' + parsed.status + (parsed.reason ? ' (' + parsed.reason + ')' : '') + (parsed.trace && parsed.trace.providerStatus ? ' \u00b7 provider code ' + parsed.trace.providerStatus.code : '') + ' \u00b7 ' : '';
    status.textContent = end + transitions.length + ' transitions' + (unknown.length ? '; steps ' + unknown.join(', ') + ' are no edge of this chart' : '');
    status.className = unknown.length ? 'problem' : '';
  }
  chart.querySelectorAll('[data-state]').forEach(function (node) {
    var id = node.getAttribute('data-state');
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'button');
    node.setAttribute('aria-label', 'state ' + id);
    node.addEventListener('click', function () { select(id); });
    node.addEventListener('keydown', function (event) { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); select(id); } });
  });
  document.querySelectorAll('nav button').forEach(function (b) { b.addEventListener('click', function () { select(b.dataset.state); }); });
  document.getElementById('draw').addEventListener('click', function () { drawPath(document.getElementById('decision').value); });
  document.getElementById('clear').addEventListener('click', clearPath);
})();
`;

/**
 * `docs/machines/<name>.html`: one self-contained page (no network: a Content-Security-Policy forbids it), the
 * chart to click through, and a box that draws a decision's path as `renderPath` does.
 */
export function interactivePage(graph: MachineGraph, svg: string | undefined, rows: ObservedRow[], introduction = ''): string {
  const inlineSvg = svg === undefined ? '<p>No chart: @hpcc-js/wasm-graphviz was not installed when these docs were generated.</p>' : svg.replace(/^[\s\S]*?(<svg\b)/, '$1');
  const buttons = graph.states.map((state) => `<li><button type="button" data-state="${escapeHtml(state.id)}" aria-pressed="false">${escapeHtml(state.id)}</button></li>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>precheck: machine ${escapeHtml(graph.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Machine: ${escapeHtml(graph.name)}</h1>
<p>${escapeHtml(introduction)}</p>
<p>Click a state (or tab to it and press Enter) to see its transitions, the observed decisions that pass through it and a sandbox command. Paste a decision below to draw its path.</p>
</header>
<main>
<section id="chart" aria-label="state chart">
${inlineSvg}
</section>
<div class="layout">
<div>
<nav aria-label="states"><h2>States</h2><ul>
${buttons}
</ul></nav>
<section aria-labelledby="path-title"><h2 id="path-title">Draw a decision's path</h2>
<label for="decision">A decision's JSON (as <code>precheck check --json</code> prints it), its <code>trace</code>, or <code>trace.transitions</code>:</label>
<textarea id="decision" spellcheck="false"></textarea>
<p><button type="button" id="draw">Draw the path</button> <button type="button" id="clear">Clear</button></p>
<p id="path-status" aria-live="polite"></p>
<ol id="path-steps"></ol>
</section>
</div>
<section id="panel" aria-live="polite"><h2>No state selected</h2><p>Choose a state in the chart or the list.</p></section>
</div>
</main>
<script id="chart-data" type="application/json">${scriptJson(pageData(graph, rows))}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
