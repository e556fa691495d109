import type { GraphTransition, MachineGraph } from './machine-graph.js';
import { edgeLabel } from './words.js';

const ANY_STATE = 'anyState';

/**
 * Mermaid `stateDiagram-v2` of a machine: renders wherever people read Markdown. A compound state's children, and
 * the transitions among them, are written inside its block; final states lead to `[*]`.
 */
export function toMermaid(graph: MachineGraph): string {
  const byId = new Map(graph.states.map((state) => [state.id, state]));
  const keyCount = new Map<string, number>();
  for (const state of graph.states) keyCount.set(state.key, (keyCount.get(state.key) ?? 0) + 1);
  // Mermaid knows states by one flat name: a key used twice is told apart by its path.
  const nameOf = (id: string) => {
    if (id === '') return ANY_STATE;
    const key = byId.get(id)!.key;
    return keyCount.get(key) === 1 ? key : id.replace(/\./g, '_');
  };
  /** The innermost compound state holding both ends, or '' for the top level. */
  const scopeOf = (transition: GraphTransition) => {
    const parentOf = (id: string) => byId.get(id)?.parent ?? '';
    const around = (id: string): string[] => (id === '' ? [''] : [parentOf(id), ...around(parentOf(id))]);
    const toScopes = new Set(around(transition.to));
    return around(transition.from).find((scope) => toScopes.has(scope)) ?? '';
  };
  const edge = (transition: GraphTransition) =>
    `${nameOf(transition.from)} --> ${nameOf(transition.to)} : ${edgeLabel(transition, graph.transitions)}`;

  const lines = ['stateDiagram-v2', '  direction TB'];
  const writeScope = (scope: string, indent: string) => {
    const parent = scope === '' ? undefined : scope;
    const children = graph.states.filter((s) => s.parent === parent);
    const initial = scope === '' ? graph.initial : byId.get(scope)!.initial;
    if (initial !== undefined) lines.push(`${indent}[*] --> ${nameOf(initial)}`);
    for (const state of children) {
      if (nameOf(state.id) !== state.key) lines.push(`${indent}state "${state.key}" as ${nameOf(state.id)}`);
      if (state.kind === 'compound' || state.kind === 'parallel') {
        lines.push(`${indent}state ${nameOf(state.id)} {`);
        writeScope(state.id, `${indent}  `);
        lines.push(`${indent}}`);
      }
    }
    if (scope === '' && graph.transitions.some((t) => t.from === '')) lines.push(`${indent}state "any state" as ${ANY_STATE}`);
    for (const transition of graph.transitions.filter((t) => scopeOf(t) === scope)) lines.push(`${indent}${edge(transition)}`);
    for (const state of children.filter((s) => s.kind === 'final')) lines.push(`${indent}${nameOf(state.id)} --> [*]`);
  };
  writeScope('', '  ');
  return lines.join('\n');
}
