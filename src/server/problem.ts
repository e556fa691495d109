/** An RFC 9457 problem: what the service answers for a request that is not a decision. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
}

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The problems this service answers, by kind; `type` is a stable URI reference clients can switch on. */
export const PROBLEMS = {
  'malformed-json': { status: 400, title: 'Malformed JSON' },
  'bad-request': { status: 400, title: 'Bad request' },
  'invalid-resume': { status: 400, title: 'Not what the event needs' },
  'unauthorized': { status: 401, title: 'Unauthorized' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'idempotency-key-in-use': { status: 409, title: 'Idempotency key in use' },
  'not-awaited': { status: 409, title: 'Not what the check waits for' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused' },
  'too-many-records': { status: 429, title: 'Too many records' },
  'internal-error': { status: 500, title: 'Internal error' },
  'unavailable': { status: 503, title: 'Service unavailable' },
} as const;

export type ProblemKind = keyof typeof PROBLEMS;

export function problem(kind: ProblemKind, detail: string): Problem {
  const { status, title } = PROBLEMS[kind];
  return { type: `/problems/${kind}`, title, status, detail };
}

/** The problem as an HTTP response, with any extra headers (Allow, WWW-Authenticate, Retry-After). */
export function problemResponse(kind: ProblemKind, detail: string, headers: Record<string, string> = {}): Response {
  const body = problem(kind, detail);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': PROBLEM_MEDIA_TYPE, ...headers },
  });
}
