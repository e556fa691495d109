import { StateMachine, type AnyStateMachine } from 'xstate';
import * as machines from '../../machines/index.js';

/** `precheckMachine` → `precheck`, `circuitBreakerMachine` → `circuit-breaker`. */
export function docName(exportName: string): string {
  return exportName.replace(/Machine$/, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Every XState machine exported from machines/index.ts (other exports are skipped), by doc name, sorted. */
export function allMachines(): [string, AnyStateMachine][] {
  return Object.entries(machines)
    .filter((entry): entry is [string, AnyStateMachine] => entry[1] instanceof StateMachine)
    .map(([exportName, machine]): [string, AnyStateMachine] => [docName(exportName), machine])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
