// The OpenAPI description of each route (hono-openapi `describeRoute` middleware); the document around them is document.ts.
import { describeRoute, type DescribeRouteOptions } from 'hono-openapi';
import { MAX_KEY_LENGTH } from '../idempotency.js';
import { MAX_BODY_BYTES } from '../json-body.js';
import type { ProblemKind } from '../problem.js';
import { problemRef, problems, ref } from './refs.js';

const idempotencyKey = {
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

const decisionResponse: ResponseSpec = {
  description: 'The decision, whatever its status (a paused one carries `checkId`)',
  headers: { 'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] }, description: 'Present on a replay' } },
  content: { 'application/json': { schema: ref('Decision') } },
};


/** Problems every POST that reads a body can answer. */
const POST_PROBLEMS: ProblemKind[] = [
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

const jsonBody = (schema: string, required: boolean, description: string) => ({
  required,
  description,
  content: { 'application/json': { schema: ref(schema) } },
});

const RESUME_REFUSALS = `A body that is not what the event needs (a missing or unknown field) answers 400
(\`/problems/invalid-resume\`), and an event the check does not wait for (\`confirm\` on a check waiting for names, say)
409 (\`/problems/not-awaited\`) saying what it waits for: either way the check stays paused, unchanged. A decided check
answers its stored decision.`;

const resume = (action: string, summary: string, body: ReturnType<typeof jsonBody>): DescribeRouteOptions => ({
  operationId: `${action}Check`,
  tags: ['checks'],
  summary,
  description: RESUME_REFUSALS,
  parameters: [checkIdParameter, idempotencyKey],
  requestBody: body,
  responses: { 200: decisionResponse, ...problems(...POST_PROBLEMS), 404: problemRef(404) },
});

const optionalEmpty = jsonBody('EmptyBody', false, 'Empty, or `{}`');

/** What /healthz and /readyz answer when all is well. */
const probeSchema: { type: 'object' } = { type: 'object', properties: { status: { type: 'string', enum: ['ok', 'ready'] } }, required: ['status'] } as { type: 'object' };

/** The OpenAPI description of each route, as middleware for hono-openapi to collect. */
export const describe = {
  createCheck: describeRoute({
    operationId: 'createCheck',
    tags: ['checks'],
    summary: 'Decide one pre-check',
    description:
      'Always 200 with a decision once the body is JSON: a well-formed body whose fields are wrong is the decision `abort` `invalid-request`, as `check()` answers it.',
    parameters: [idempotencyKey],
    requestBody: jsonBody('PrecheckRequest', true, `The request, at most ${MAX_BODY_BYTES} bytes`),
    responses: { 200: decisionResponse, ...problems(...POST_PROBLEMS) },
  }),
  getCheck: describeRoute({
    operationId: 'getCheck',
    tags: ['checks'],
    summary: 'A check: paused (for what, until when) or decided',
    parameters: [checkIdParameter],
    responses: {
      200: { description: 'What `status()` answers', content: { 'application/json': { schema: ref('CheckStatus') } } },
      ...problems('unauthorized', 'not-found', 'internal-error', 'unavailable'),
    },
  }),
  names: describeRoute(resume('names', 'Continue a `needs-names` check with the payee\'s names', jsonBody('Names', true, '`{ firstName, lastName }`'))),
  confirm: describeRoute(resume('confirm', 'The payer confirms the account name of a `needs-confirmation` check', optionalEmpty)),
  reject: describeRoute(resume('reject', 'The payer rejects the account name (abort `payee-rejected`)', optionalEmpty)),
  cancel: describeRoute(resume('cancel', 'Cancel a paused check (abort `cancelled`)', optionalEmpty)),
  healthz: describeRoute({
    operationId: 'healthz',
    tags: ['probes'],
    summary: 'The process is alive',
    security: [],
    responses: {
      200: { description: 'Alive', content: { 'application/json': { schema: probeSchema } } },
      ...problems('internal-error'),
    },
  }),
  readyz: describeRoute({
    operationId: 'readyz',
    tags: ['probes'],
    summary: 'The store answers and the service is not draining',
    security: [],
    responses: {
      200: { description: 'Ready', content: { 'application/json': { schema: probeSchema } } },
      ...problems('internal-error', 'unavailable'),
    },
  }),
  metrics: describeRoute({
    operationId: 'metrics',
    tags: ['probes'],
    summary: 'Prometheus metrics',
    security: [],
    responses: {
      200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } },
      ...problems('internal-error'),
    },
  }),
  openapi: describeRoute({
    operationId: 'openapi',
    tags: ['probes'],
    summary: 'This document',
    security: [],
    responses: {
      200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } },
      ...problems('internal-error', 'unavailable'),
    },
  }),
};

