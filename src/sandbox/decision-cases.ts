import { beepDecisionCases } from '../providers/beep/beep-decision-cases.js';
import { bmoDecisionCases } from '../providers/bmo/bmo-decision-cases.js';
import { gsmaDecisionCases } from '../providers/gsma/gsma-decision-cases.js';
import { mtnMomoDecisionCases } from '../providers/mtn-momo/mtn-momo-decision-cases.js';
import { mojaloopDecisionCases } from '../providers/mojaloop/mojaloop-decision-cases.js';
import type { DecisionCase } from './decision-case.js';

export type { DecisionCase };

/**
 * Every sandbox trigger of every provider, and the cases that need more than a trigger: each provider's rows live in
 * its folder, beside its fake (the sandbox side, kept out of the engine's import).
 */
export function decisionCases(): DecisionCase[] {
  return [...bmoDecisionCases(), ...beepDecisionCases(), ...mtnMomoDecisionCases(), ...gsmaDecisionCases(), ...mojaloopDecisionCases()];
}
