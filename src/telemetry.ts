import { SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import type { PrecheckContext } from '../machines/precheck.machine.js';
import type { Decision } from './types/decision.js';

const tracer = () => trace.getTracer('precheck');

/**
 * One span per check, from when it started to its decision (or to where `check()` stopped at a question), with one
 * event per state passed through. A no-op until the host application registers an OpenTelemetry SDK.
 */
export function recordCheckSpan(context: PrecheckContext, decision: Pick<Decision, 'status'> & { reason?: string }): void {
  const attributes: Attributes = {
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
  const span = tracer().startSpan('precheck.check', { startTime: context.startedAt, attributes });
  for (const entry of context.trace) span.addEvent(`state ${entry.state}`, entry.at);
  if (decision.status === 'abort' && decision.reason === 'unexpected-response') {
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'unexpected provider response' });
  }
  span.end();
}
