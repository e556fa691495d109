import type { TriggerTable } from '../sandbox/trigger-tables.js';
import type { MachineGraph } from './machine-graph.js';
import { GENERATED_HEADER } from './machine-page.js';

/** The pages beside the generated ones (precheck's docs/), each linked from the index where it is there. */
export const OTHER_PAGES: readonly (readonly [file: string, line: string])[] = [
  ['embedding.md', '[Embedding in a transfer orchestrator](embedding.md): child actor, confirmation, persistence, telemetry, DI.'],
  ['reliability.md', '[Reliability: the fault matrix](reliability.md) (the decisions `npm test` requires of every fault, written by `npm run docs`).'],
  ['fleet.md', '[Fleet mode](fleet.md): paused checks resumed on any instance exactly once, what instances share through Redis, the keys and their TTLs, what a store failure costs.'],
  ['mojaloop.md', '[Mojaloop](mojaloop.md): the SDK adapter and native FSPIOP, the mapping, what protects the callback endpoint, the sandbox, a fleet.'],
  ['snapshots.md', '[Snapshots](snapshots.md): what `restore()` accepts, snapshot signing and its limits.'],
  ['service.md', '[The HTTP service](service.md): `precheck serve`, its routes with `curl`, idempotency, authentication, metrics.'],
  ['name-check.md', '[Payee name check](name-check.md): the matching policy and its evaluation.'],
  ['transport.md', '[Transport](transport.md): connection pools per provider, egress proxy, private CAs and mutual TLS.'],
  ['benchmarks.md', '[Benchmarks](benchmarks.md) (written by `npm run bench`).'],
];

const triggerTable = (title: string, triggers: readonly { value: string; case: string }[], otherwise: string) =>
  [`| ${title} | answer |`, '|---|---|', ...triggers.map((t) => `| \`${t.value}\` | ${t.case} |`), `| any other | ${otherwise} |`].join('\n');

/**
 * docs/README.md: the machines, the other pages (those `beside` says are there: a link to a page that is not would
 * be broken), and the sandbox's trigger values for every built-in provider (`triggerTables`: each fake's).
 */
export function indexPage(graphs: MachineGraph[], beside: (file: string) => boolean, triggerTables: readonly TriggerTable[]): string {
  const others = OTHER_PAGES.filter(([file]) => beside(file)).map(([, line]) => `- ${line}`);
  return [
    GENERATED_HEADER,
    '# precheck docs',
    '',
    '## Machines',
    '',
    'Generated from the live XState definitions in `machines/`; `npm run docs:check` fails when these pages drift.',
    '',
    ...graphs.map(
      (graph) =>
        `- [${graph.name}](machines/${graph.name}.md): ${graph.states.length} states, ${graph.transitions.length} transitions; ` +
        `interactive: [${graph.name}.html](machines/${graph.name}.html)`,
    ),
    '',
    'The interactive pages are single files that work offline (open one in a browser; `precheck serve` serves them at ' +
      '`/docs/`): click a state (or tab to it and press Enter) for its transitions with the guards in words, the observed ' +
      'decisions that pass through it and a sandbox command that drives a check through it; paste a decision to draw its path.',
    '',
    '## Reading a path',
    '',
    "Every decision's `trace.transitions` is the path the check took, one entry per transition, in order:",
    '',
    '```json',
    '{ "from": "checking.lookingUp", "to": "notFound", "event": "xstate.done.actor.lookupAccount", "guard": "accountNotFound", "at": 1796608051210 }',
    '```',
    '',
    '- `from`, `to`: the states left and entered, by their ids in the chart (`checking.lookingUp` is `lookingUp` inside `checking`).',
    "- `event`: the event's type: `always` for an eventless transition (taken as soon as its guard holds), `after:<delay>` for a " +
      'delayed one (`after:deadline`), `xstate.done.actor.lookupAccount` / `xstate.error.actor.lookupAccount` for the lookup\'s ' +
      'answer or failure, or an event sent to the check (`NAMES`, `CONFIRM`, `REJECT`, `CANCEL`, `RESUMED` when restored).',
    "- `guard`: the guard that chose this edge among the state's transitions for the event (see each machine's transition " +
      'table for it in words); absent for an unguarded edge ("otherwise").',
    '- `at`: when, in ms since the epoch. No names, phones or provider words: the decision says those.',
    '',
    '`renderPath(decision)` (from `precheck`; `precheck check … --path out.svg`, `precheck docs --path decision.json`, ' +
      "`GET /v1/checks/{checkId}/path.svg`) draws it on the chart: the taken states and transitions highlighted and numbered " +
      "in order, the rest faded, the decision (status, reason, provider code) in the caption. In the SVG, every state's " +
      'element has `data-state="<id>"`, every taken one `class="taken"` and `data-step="N"` (the step that entered it; 0: ' +
      'where the check started; `data-steps` when it was taken more than once). `precheck docs --format json` writes each chart ' +
      'as a directed graph: `edges` holds every edge as it can be taken from each state (eventless and delayed ones included), ' +
      'and every `trace.transitions` entry is one of them (same `from`, `to`, `event`, `guard`).',
    '',
    ...(others.length > 0 ? ['## Other pages', '', ...others, ''] : []),
    '## Sandbox trigger values',
    '',
    'The sandbox (`startSandbox()`, `precheck sandbox`) answers as the providers do — B-MO, BEEP, MTN MoMo and GSMA — by these values.',
    '',
    ...triggerTables.flatMap((table) => [`### ${table.heading}`, '', triggerTable(table.field, table.triggers, table.otherwise), '']),
  ].join('\n');
}
