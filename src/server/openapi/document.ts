// The OpenAPI document around the routes: its description (policies), tags, security and components.
import { toJsonSchemaDefs } from '@valibot/to-json-schema';
import type { GenerateSpecOptions } from 'hono-openapi';
import { requestSchema, strictNamesSchema } from '../../core/request-schema.js';
import {
  abortDecisionSchema,
  abortReasonSchema,
  accountSchema,
  checkIdSchema,
  checkStatusSchema,
  decisionSchema,
  emptyBodySchema,
  needsConfirmationDecisionSchema,
  needsNamesDecisionSchema,
  problemSchema,
  proceedDecisionSchema,
  retryDecisionSchema,
  retryReasonSchema,
  traceSchema,
} from '../decision-schema.js';
import { IDEMPOTENCY_TTL_MS, MAX_KEY_LENGTH } from '../idempotency.js';
import { MAX_BODY_BYTES } from '../json-body.js';
import { PROBLEM_MEDIA_TYPE, PROBLEMS } from '../problem.js';
import { ref } from './refs.js';

/**
 * The document's schemas, generated from the valibot schemas: the request schema that validates every check is the
 * one the document shows. Each valibot schema used in two places becomes one named component.
 */
function componentSchemas() {
  const defs = toJsonSchemaDefs(
    {
      PrecheckRequest: requestSchema,
      Names: strictNamesSchema,
      EmptyBody: emptyBodySchema,
      Decision: decisionSchema,
      ProceedDecision: proceedDecisionSchema,
      NeedsNamesDecision: needsNamesDecisionSchema,
      NeedsConfirmationDecision: needsConfirmationDecisionSchema,
      AbortDecision: abortDecisionSchema,
      RetryDecision: retryDecisionSchema,
      AbortReason: abortReasonSchema,
      RetryReason: retryReasonSchema,
      Account: accountSchema,
      Trace: traceSchema,
      CheckId: checkIdSchema,
      CheckStatus: checkStatusSchema,
      Problem: problemSchema,
    },
    // Input types: what a client sends before trimming and E.164 normalisation. Checks the converter cannot
    // express (a possible phone number, control characters) stay the engine's.
    { target: 'draft-2020-12', typeMode: 'input', errorMode: 'ignore' },
  );
  const json = JSON.stringify(defs).replaceAll('"#/$defs/', '"#/components/schemas/');
  return JSON.parse(json) as Record<string, Record<string, unknown>>;
}

/** One reusable problem response per status (`Problem400`, …), naming the problems that status stands for. */
function problemResponses() {
  const responses: Record<string, unknown> = {};
  for (const { status, title } of Object.values(PROBLEMS)) {
    const name = `Problem${status}`;
    const existing = responses[name] as { description: string } | undefined;
    if (existing) {
      existing.description += `; ${title}`;
      continue;
    }
    responses[name] = {
      description: `${status} ${title}`,
      content: { [PROBLEM_MEDIA_TYPE]: { schema: ref('Problem') } },
      ...(status === 401 && {
        headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer realm="precheck"' } },
      }),
      ...((status === 429 || status === 503) && {
        headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait before trying again' } },
      }),
    };
  }
  return responses;
}

const IDEMPOTENCY_POLICY = `Every POST takes an optional \`Idempotency-Key\` header (at most ${MAX_KEY_LENGTH} characters, quoted or bare;
longer → 400). The same key with the same method, path and body bytes answers the stored response (status and body)
with \`Idempotent-Replayed: true\` and sends no new provider request; with another body → 422; while the first request
with that key is still running → 409. Keys are kept ${IDEMPOTENCY_TTL_MS / 3_600_000} h in the store, scoped to the
caller (another caller's same key is another key). Every decision is stored, \`retry\` ones included; an HTTP error
stores nothing.`;

const quotaPolicy = (maxRecordsPerCaller: number) => `Each caller keeps at most ${maxRecordsPerCaller} records in the
service's store: its checks that paused (kept for their wait and 24 h after) and its idempotency keys (24 h). Past it, a
POST that would add one answers 429 with \`Retry-After\` (until the caller's first record ends) and does nothing;
another caller's records are never touched.`;

const AUTH_POLICY = `Bearer tokens (\`PRECHECK_SERVE_TOKENS\`). A check belongs to the caller that created it: another
caller's GET or POST on its id answers 404, as for an unknown id. /healthz, /readyz, /metrics and /openapi.json are open,
and so are the Mojaloop switch's callbacks under /fspiop when this listener has them (the switch has no token).`;

/** The document around the routes. */
export function documentation(version: string, maxRecordsPerCaller: number): Partial<GenerateSpecOptions> {
  return {
    documentation: {
      openapi: '3.1.0',
      info: {
        title: 'precheck',
        version,
        description: `May this transfer credit or debit this account? Payment pre-checks over HTTP.

A decision is always 200, whatever its status. HTTP errors (RFC 9457 \`application/problem+json\`) are for requests
that are not decisions: malformed JSON 400, a resume body that is not what its event needs 400, an event the check
does not wait for 409, unknown route 404, wrong method 405 (with \`Allow\`), wrong content type 415,
body over ${MAX_BODY_BYTES} bytes 413, missing or bad credentials 401 (with \`WWW-Authenticate: Bearer\`), the caller's
quota of records reached 429 (with \`Retry-After\`), 503 while draining or when the store does not answer.

**Idempotency.** ${IDEMPOTENCY_POLICY}

**Authentication.** ${AUTH_POLICY}

**Quota.** ${quotaPolicy(maxRecordsPerCaller)}`,
      },
      tags: [
        { name: 'checks', description: 'Pre-checks and their continuation' },
        { name: 'probes', description: 'Health, readiness, metrics and this document' },
        { name: 'docs', description: "The machine docs, and a check's path drawn on its chart" },
        { name: 'callbacks', description: "The Mojaloop switch's FSPIOP callbacks (under /fspiop, no bearer token), when on this listener" },
      ],
      security: [{ bearer: [] }],
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        schemas: componentSchemas(),
        responses: problemResponses(),
      },
    } as GenerateSpecOptions['documentation'],
    defaultValidationErrorResponse: false,
    // /openapi.json is a route, not a static file.
    excludeStaticFile: false,
  };
}
