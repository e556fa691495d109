import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Decision } from '../core/decision.js';

const CIRCUIT_STATES = ['closed', 'open', 'halfOpen', 'probing'] as const;

/**
 * The service's Prometheus metrics, in a registry of its own (two servers in one process do not collide).
 * Labels are bounded sets: providers, intents, statuses, reasons, route templates and codes — never an id or a phone.
 */
export function serviceMetrics(circuits: () => Record<string, string>, providers: ReadonlySet<string>) {
  // An invalid request's provider is whatever the caller sent: not a label value.
  const providerOf = (decision: Decision) => (providers.has(decision.provider) ? decision.provider : 'other');
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const checks = new Counter({
    name: 'precheck_checks_total',
    help: 'Decisions answered (checks and resumes), by provider, intent, status and reason',
    labelNames: ['provider', 'intent', 'status', 'reason'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'precheck_check_duration_seconds',
    help: 'Time to a decision (check or resume), by provider and status',
    labelNames: ['provider', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
    registers,
  });
  const upstream = new Counter({
    name: 'precheck_upstream_requests_total',
    help: "Lookups the engine started (a decision's attempts), by provider and the outcome of the check",
    labelNames: ['provider', 'outcome'] as const,
    registers,
  });
  new Gauge({
    name: 'precheck_circuit_state',
    help: 'Circuit breaker state per provider: 1 for the current state, 0 for the others',
    labelNames: ['provider', 'state'] as const,
    registers,
    collect() {
      this.reset();
      for (const [provider, current] of Object.entries(circuits())) {
        for (const state of CIRCUIT_STATES) this.set({ provider, state }, state === current ? 1 : 0);
      }
    },
  });
  // Paused checks this instance answered and has not seen continued, until their wait ends.
  const paused = new Map<string, number>();
  new Gauge({
    name: 'precheck_paused_checks',
    help: 'Checks this instance paused (needs-names, needs-confirmation) that are still waiting',
    registers,
    collect() {
      const now = Date.now();
      for (const [checkId, until] of paused) if (until <= now) paused.delete(checkId);
      this.set(paused.size);
    },
  });
  const replays = new Counter({
    name: 'precheck_idempotent_replays_total',
    help: 'Responses answered from an idempotency record (Idempotent-Replayed: true)',
    registers,
  });
  const http = new Counter({
    name: 'precheck_http_requests_total',
    help: 'HTTP requests, by method, route template and status code',
    labelNames: ['method', 'route', 'code'] as const,
    registers,
  });

  return {
    registry,
    /** Counts a decision the engine answered (not a replay). `waitMs`: how long a pause waits, for the gauge. */
    decision(decision: Decision, seconds: number, waitMs: number) {
      const reason = 'reason' in decision ? decision.reason : '';
      const provider = providerOf(decision);
      checks.inc({ provider, intent: decision.intent, status: decision.status, reason });
      duration.observe({ provider, status: decision.status }, seconds);
      if (decision.attempts > 0) upstream.inc({ provider, outcome: reason || decision.status }, decision.attempts);
      const checkId = 'checkId' in decision ? decision.checkId : undefined;
      if (checkId === undefined) return;
      if (decision.status === 'needs-names' || decision.status === 'needs-confirmation') {
        if (paused.size < 100_000) paused.set(checkId, Date.now() + waitMs);
      }
    },
    continued(checkId: string, decision: Decision) {
      if (decision.status !== 'needs-names' && decision.status !== 'needs-confirmation') paused.delete(checkId);
    },
    replay: () => replays.inc(),
    request: (method: string, route: string, code: number) => http.inc({ method, route, code: String(code) }),
  };
}

export type ServiceMetrics = ReturnType<typeof serviceMetrics>;
