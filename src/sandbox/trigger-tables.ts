import type { TriggerTable } from './sandbox-side.js';
import { loadSandboxSides } from './sandbox-sides.js';

export type { TriggerTable };

/** Every fake's trigger values, in the order the docs list them. */
export async function loadTriggerTables(): Promise<readonly TriggerTable[]> {
  return (await loadSandboxSides()).map(({ side }) => side.triggers);
}
