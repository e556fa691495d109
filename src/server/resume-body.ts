import * as v from 'valibot';
import { eventsAwaited } from '../../machines/precheck.pause.js';
import type { Precheck } from '../engine/create-precheck.js';
import { describeIssues, strictNamesSchema } from '../core/request-schema.js';
import type { ResumeEvent } from '../engine/options/precheck-options.js';
import { emptyBodySchema } from './decision-schema.js';
import { problemResponse } from './problem.js';

/** The routes that continue a paused check, by the event each sends. */
export const RESUME_ACTIONS = { names: 'NAMES', confirm: 'CONFIRM', reject: 'REJECT', cancel: 'CANCEL' } as const;

export type ResumeAction = keyof typeof RESUME_ACTIONS;

/**
 * The event a resume route's body stands for, or the 400 it deserves, naming the field: `names` takes exactly
 * `{ firstName, lastName }` (each a usable name), the others an empty body or `{}`. Nothing is changed on a 400.
 */
export function resumeEventOf(action: ResumeAction, body: unknown): ResumeEvent | Response {
  if (action === 'names') {
    const names = v.safeParse(strictNamesSchema, body);
    if (names.success) return { type: 'NAMES', ...names.output };
    const why = typeof body === 'object' && body !== null && !Array.isArray(body) ? `: ${describeIssues(names.issues, strictNamesSchema)}` : '';
    return problemResponse('invalid-resume', `The body must be { firstName, lastName }${why}. The check is unchanged.`);
  }
  if (body === undefined) return { type: RESUME_ACTIONS[action] };
  const empty = v.safeParse(emptyBodySchema, body);
  if (empty.success) return { type: RESUME_ACTIONS[action] };
  const unknown = typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(body)[0] : undefined;
  const why = unknown === undefined ? '' : `: ${JSON.stringify(unknown.slice(0, 40))} is not a field`;
  return problemResponse('invalid-resume', `This route takes an empty body or {}${why}. The check is unchanged.`);
}

const WHAT_TO_SEND = {
  names: 'names: POST /v1/checks/{checkId}/names with { firstName, lastName }, or /cancel',
  confirmation: "the payer's confirmation: POST /v1/checks/{checkId}/confirm or /reject, or /cancel",
} as const;

/**
 * Undefined when `event` is what the paused check waits for (or the check is not paused: a decided one replays its
 * decision, an unknown one is the engine's to answer); otherwise the 409 that says what it waits for. Nothing is
 * changed.
 */
export async function refuseUnlessAwaited(engine: Precheck, checkId: string, event: ResumeEvent): Promise<Response | undefined> {
  const status = await engine.status(checkId);
  if (status?.state !== 'paused') return undefined;
  if (eventsAwaited(engine.machine, status.waitingFor).includes(event.type)) return undefined;
  const what = WHAT_TO_SEND[status.waitingFor].replaceAll('{checkId}', checkId);
  return problemResponse('not-awaited', `This check waits for ${what}. It is still paused, unchanged.`);
}
