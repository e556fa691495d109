import type { DecisionCase } from './decision-case.js';
import { loadSandboxSides } from './sandbox-sides.js';

export type { DecisionCase };

/**
 * Every sandbox trigger of every provider, and the cases that need more than a trigger: each provider's rows live in
 * its folder, beside its fake (its sandbox side).
 */
export async function decisionCases(): Promise<DecisionCase[]> {
  return (await loadSandboxSides()).flatMap(({ side }) => side.decisionCases());
}
