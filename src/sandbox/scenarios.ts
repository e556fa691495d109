import { loadSandboxSides } from './sandbox-sides.js';
import type { Scenario } from './scenario.js';

export type { Scenario };

/** Every case of the provider documents, and the transport failures around them: each fake's seed cases, in the built-in list's order. */
export async function loadScenarios(): Promise<readonly Scenario[]> {
  return (await loadSandboxSides()).flatMap(({ side }) => side.scenarios);
}
