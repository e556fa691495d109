import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { InspectionEvent } from 'xstate';
import { createPrecheck, type PrecheckOptions } from 'precheck';

/** Register an OpenTelemetry SDK (an in-memory exporter here) before checks run: each check becomes one span. */
export function recordSpans(): InMemorySpanExporter {
  const exporter = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  return exporter;
}

/** `inspect` passes XState's inspection events through, e.g. to a live visualiser. */
export function engineWithInspection(providers: PrecheckOptions['providers'], events: InspectionEvent[]) {
  return createPrecheck({ providers, inspect: (event) => events.push(event) });
}
