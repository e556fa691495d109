/** `$ref`s into the document's components: its schemas and its problem responses. */
import { PROBLEMS, type ProblemKind } from '../problem.js';

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const problemRef = (status: number) => ({ $ref: `#/components/responses/Problem${status}` });

/** The reusable problem responses for these kinds, by status. */
export const problems = (...kinds: ProblemKind[]) => Object.fromEntries(kinds.map((kind) => [String(PROBLEMS[kind].status), problemRef(PROBLEMS[kind].status)]));
