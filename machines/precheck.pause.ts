import type { SnapshotFrom } from 'xstate';
import type { PauseMeta, PrecheckMachine } from './precheck.machine.js';

/** Where a snapshot rests waiting for people: what for, from the state's `paused` tag and `meta`. Else undefined. */
export function pauseOf(snapshot: SnapshotFrom<PrecheckMachine>): PauseMeta | undefined {
  if (snapshot.status !== 'active' || !snapshot.hasTag('paused')) return undefined;
  for (const meta of Object.values(snapshot.getMeta() as Record<string, unknown>)) {
    const pause = meta as Partial<PauseMeta> | undefined;
    if (pause?.waitingFor && pause.timeoutOption) return pause as PauseMeta;
  }
  return undefined;
}

interface ChartNode {
  meta?: unknown;
  parent?: ChartNode;
  ownEvents: string[];
  states: Record<string, ChartNode>;
}

/**
 * The events a check paused for `waitingFor` takes, read from the chart: the transitions of its waiting state and of
 * the states around it (CANCEL, from the root), so that what a caller may send is stated once, by the machine.
 */
export function eventsAwaited(machine: PrecheckMachine, waitingFor: PauseMeta['waitingFor']): string[] {
  const find = (node: ChartNode): ChartNode | undefined =>
    (node.meta as Partial<PauseMeta> | undefined)?.waitingFor === waitingFor
      ? node
      : Object.values(node.states).reduce<ChartNode | undefined>((found, child) => found ?? find(child), undefined);
  const events = new Set<string>();
  for (let node = find(machine.root as unknown as ChartNode); node; node = node.parent) {
    for (const event of node.ownEvents) events.add(event);
  }
  return [...events];
}
