import { BEEP_TRIGGERS, BMO_TRIGGERS } from '../sandbox/fixtures.js';
import type { MachineGraph } from './machine-graph.js';
import { GENERATED_HEADER } from './machine-page.js';

const triggerTable = (title: string, triggers: readonly { value: string; case: string }[], otherwise: string) =>
  [`| ${title} | answer |`, '|---|---|', ...triggers.map((t) => `| \`${t.value}\` | ${t.case} |`), `| any other | ${otherwise} |`].join('\n');

/** docs/README.md: the machines, the other pages, and the sandbox's trigger values. */
export function indexPage(graphs: MachineGraph[]): string {
  return [
    GENERATED_HEADER,
    '# precheck docs',
    '',
    '## Machines',
    '',
    'Generated from the live XState definitions in `machines/`; `npm run docs:check` fails when these pages drift.',
    '',
    ...graphs.map((graph) => `- [${graph.name}](machines/${graph.name}.md): ${graph.states.length} states, ${graph.transitions.length} transitions`),
    '',
    '## Other pages',
    '',
    '- [Embedding in a transfer orchestrator](embedding.md): child actor, confirmation, persistence, telemetry, DI.',
    '- [Reliability: the fault matrix](reliability.md) (written by `npm test`).',
    '- [Fleet mode](fleet.md): paused checks resumed on any instance exactly once, what instances share through Redis, the keys and their TTLs, what a store failure costs.',
    '- [Snapshots](snapshots.md): what `restore()` accepts, snapshot signing and its limits.',
    '- [The HTTP service](service.md): `precheck serve`, its routes with `curl`, idempotency, authentication, metrics.',
    '- [Payee name check](name-check.md): the matching policy and its evaluation.',
    '- [Transport](transport.md): connection pools per provider, egress proxy, private CAs and mutual TLS.',
    '- [Benchmarks](benchmarks.md) (written by `npm run bench`).',
    '',
    '## Sandbox trigger values',
    '',
    'The sandbox (`startSandbox()`, `precheck sandbox`) answers as the providers do, by these values.',
    '',
    '### B-MO, by phone number',
    '',
    triggerTable('phone', BMO_TRIGGERS, '404 customer not found (a credit with names creates it)'),
    '',
    '### BEEP, by account number',
    '',
    triggerTable('accountNumber', BEEP_TRIGGERS, '306 invalid account'),
    '',
  ].join('\n');
}
