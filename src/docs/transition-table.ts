import type { MachineGraph } from './machine-graph.js';
import { actionWords, guardWords, triggerWords } from './words.js';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** From, event, guard, to, actions: one row per transition, in the chart's order. */
export function transitionTable(graph: MachineGraph): string {
  const rows = graph.transitions.map((transition) =>
    [
      transition.from === '' ? '(any state)' : transition.from,
      triggerWords(transition.trigger),
      guardWords(transition, graph.transitions) || '—',
      transition.targetless ? '(stays)' : transition.to + (transition.reenter ? ' (re-entered)' : ''),
      transition.actions.map(actionWords).join(', ') || '—',
    ].map(cell),
  );
  return ['| from | event | guard | to | actions |', '|---|---|---|---|---|', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}
