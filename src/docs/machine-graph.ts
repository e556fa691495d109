import type { AnyStateMachine } from 'xstate';

/** What makes a transition happen. */
export type Trigger =
  | { kind: 'event'; event: string }
  | { kind: 'always' }
  | { kind: 'after'; delay: string }
  | { kind: 'done'; actor: string }
  | { kind: 'error'; actor: string };

export interface GraphState {
  /** Dotted path below the root, e.g. `checking.lookingUp`. */
  id: string;
  key: string;
  kind: 'atomic' | 'compound' | 'parallel' | 'final';
  parent?: string;
  /** For compound states: the child entered first. */
  initial?: string;
  /** Ids of the invoked actors, e.g. `lookupAccount`. */
  invokes: string[];
}

export interface GraphTransition {
  /** Stable identity: source, trigger and position among the source's transitions for that trigger. */
  id: string;
  /** The state that owns the transition ('' for the machine itself: it applies in every state). */
  from: string;
  to: string;
  /** A transition without a target only runs its actions: the machine stays where it is. */
  targetless: boolean;
  trigger: Trigger;
  guard?: string;
  actions: GraphAction[];
  reenter: boolean;
}

export interface GraphAction {
  type: string;
  params?: Record<string, unknown>;
}

export interface MachineGraph {
  name: string;
  initial: string;
  states: GraphState[];
  transitions: GraphTransition[];
}

// The live StateNode API, narrowed to what is read here.
interface LiveAction {
  type?: string;
  params?: unknown;
}
interface LiveTransition {
  target?: { id: string }[];
  guard?: string | { type: string };
  actions?: (string | LiveAction)[];
  reenter?: boolean;
}
interface LiveNode {
  key: string;
  id: string;
  type: string;
  states: Record<string, LiveNode>;
  initial?: { target: { id: string }[] };
  transitions: Map<string, LiveTransition[]>;
  always?: LiveTransition[];
  invoke: { id: string }[];
}

const INTERNAL_ACTIONS = new Set(['xstate.raise', 'recordState', 'recordTransition']);

function describeTrigger(eventType: string): Trigger {
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType);
  if (after) return { kind: 'after', delay: after[1] };
  const done = /^xstate\.done\.actor\.(.+)$/.exec(eventType);
  if (done) return { kind: 'done', actor: done[1] };
  const error = /^xstate\.error\.actor\.(.+)$/.exec(eventType);
  if (error) return { kind: 'error', actor: error[1] };
  return { kind: 'event', event: eventType };
}

function readAction(action: string | LiveAction): GraphAction | undefined {
  const type = typeof action === 'string' ? action : action.type;
  if (!type || INTERNAL_ACTIONS.has(type)) return undefined;
  const params = typeof action === 'object' && typeof action.params === 'object' && action.params !== null ? action.params : undefined;
  return { type, ...(params && { params: params as Record<string, unknown> }) };
}

/** Reads a machine's live definition (`machine.root`): states, transitions, guards, delays, invokes, finals. */
export function machineGraph(name: string, machine: AnyStateMachine): MachineGraph {
  const root = machine.root as unknown as LiveNode;
  const rootPrefix = `${root.id}.`;
  const pathOf = (id: string) => (id === root.id ? '' : id.startsWith(rootPrefix) ? id.slice(rootPrefix.length) : id);
  const states: GraphState[] = [];
  const transitions: GraphTransition[] = [];

  const addTransitions = (source: string, trigger: Trigger, triggerKey: string, list: LiveTransition[]) => {
    list.forEach((transition, index) => {
      const targets = transition.target?.length ? transition.target : [{ id: source === '' ? root.id : `${rootPrefix}${source}` }];
      for (const target of targets) {
        const guard = typeof transition.guard === 'string' ? transition.guard : transition.guard?.type;
        transitions.push({
          id: `${source || '(machine)'} ${triggerKey} #${index}`,
          from: source,
          to: pathOf(target.id),
          targetless: transition.target === undefined || transition.target.length === 0,
          trigger,
          ...(guard && { guard }),
          actions: (transition.actions ?? []).map(readAction).filter((a): a is GraphAction => a !== undefined),
          reenter: transition.reenter === true,
        });
      }
    });
  };

  const visit = (node: LiveNode, parent?: string) => {
    const id = pathOf(node.id);
    if (node !== root) {
      const kind = node.type === 'final' ? 'final' : node.type === 'parallel' ? 'parallel' : Object.keys(node.states).length > 0 ? 'compound' : 'atomic';
      states.push({
        id,
        key: node.key,
        kind,
        ...(parent !== undefined && parent !== '' && { parent }),
        ...(kind === 'compound' && node.initial && { initial: pathOf(node.initial.target[0].id) }),
        invokes: node.invoke.map((invoke) => invoke.id),
      });
    }
    for (const [eventType, list] of node.transitions) addTransitions(id, describeTrigger(eventType), eventType, list);
    if (node.always?.length) addTransitions(id, { kind: 'always' }, 'always', node.always);
    for (const child of Object.values(node.states)) visit(child, id);
  };
  visit(root);
  return { name, initial: pathOf(root.initial!.target[0].id), states, transitions };
}

/** The atomic state a transition into `id` ends in: a compound state's initial child, all the way down. */
export function entryOf(graph: MachineGraph, id: string): string {
  const state = graph.states.find((s) => s.id === id);
  if (!state || (state.kind !== 'compound' && state.kind !== 'parallel')) return id;
  const first = state.initial ?? graph.states.find((s) => s.parent === id)?.id;
  return first === undefined ? id : entryOf(graph, first);
}
