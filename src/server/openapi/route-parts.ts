// What several routes' OpenAPI descriptions share: parameters, the decision response, the problems of a POST.
import type { DescribeRouteOptions } from 'hono-openapi';
import { MAX_KEY_LENGTH } from '../idempotency.js';
import type { ProblemKind } from '../problem.js';
import { ref } from './refs.js';

export const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: `Makes a retry of this POST safe: see the idempotency policy in the document's description.`,
  schema: { type: 'string', minLength: 1, maxLength: MAX_KEY_LENGTH + 2 },
} as const;

export const checkIdParameter = {
  name: 'checkId',
  in: 'path',
  required: true,
  description: 'The paused check\'s id, from its `needs-names` / `needs-confirmation` decision',
  schema: ref('CheckId'),
} as const;

type ResponseSpec = NonNullable<DescribeRouteOptions['responses']>[string];

export const decisionResponse: ResponseSpec = {
  description: 'The decision, whatever its status (a paused one carries `checkId`)',
  headers: { 'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] }, description: 'Present on a replay' } },
  content: { 'application/json': { schema: ref('Decision') } },
};

/** Problems every POST that reads a body can answer. */
export const POST_PROBLEMS: ProblemKind[] = [
  'malformed-json',
  'unauthorized',
  'idempotency-key-in-use',
  'payload-too-large',
  'unsupported-media-type',
  'idempotency-key-reused',
  'too-many-records',
  'internal-error',
  'unavailable',
];

export const jsonBody = (schema: string, required: boolean, description: string) => ({
  required,
  description,
  content: { 'application/json': { schema: ref(schema) } },
});
