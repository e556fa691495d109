import { createRequire } from 'node:module';
import type * as OpenTelemetry from '@opentelemetry/api';
import type { PrecheckContext } from '../../machines/precheck.machine.js';
import type { Decision } from '../core/decision.js';

// An optional peer: a host without @opentelemetry/api records no spans, and nothing else changes. Loaded with a
// synchronous require (its CommonJS build) so the first check already has it; the API keeps its registered SDK on
// globalThis, so this copy sees the one the host's `import` registered.
let api: typeof OpenTelemetry | null | undefined;
export function openTelemetry(): typeof OpenTelemetry | null {
  if (api === undefined) {
    try {
      api = createRequire(import.meta.url)('@opentelemetry/api') as typeof OpenTelemetry;
    } catch {
      api = null;
    }
  }
  return api;
}

/**
 * One span per check, from when it started to its decision (or to where `check()` stopped at a question), with one
 * event per state passed through. A no-op until the host application registers an OpenTelemetry SDK.
 */
export function recordCheckSpan(context: PrecheckContext, decision: Pick<Decision, 'status'> & { reason?: string }): void {
  const otel = openTelemetry();
  if (!otel) return;
  const attributes: OpenTelemetry.Attributes = {
    'precheck.provider': context.provider,
    'precheck.intent': context.intent,
    'precheck.status': decision.status,
    'precheck.attempts': context.attempts,
  };
  if (decision.reason) attributes['precheck.reason'] = decision.reason;
  if (context.target) attributes['precheck.transaction_id'] = context.target.transactionId;
  // The answer only: never the held name, whatever the answer.
  if (context.nameCheck) attributes['precheck.name_check'] = context.nameCheck.code;
  const status = context.answer?.providerStatus;
  if (status) attributes['precheck.provider_status'] = String(status.code);
  const span = otel.trace.getTracer('precheck').startSpan('precheck.check', { startTime: context.startedAt, attributes });
  for (const entry of context.trace) span.addEvent(`state ${entry.state}`, entry.at);
  if (decision.status === 'abort' && decision.reason === 'unexpected-response') {
    span.setStatus({ code: otel.SpanStatusCode.ERROR, message: 'unexpected provider response' });
  }
  span.end();
}
