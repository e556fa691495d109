/** The caller's code the engine calls back: OpenTelemetry (through the global tracer) and `inspect`. */
export type HookKind = 'telemetry' | 'inspect';

/**
 * Runs the caller's hooks so that a throwing one changes nothing: no decision, no rejection, no crash. Its error is
 * reported once per kind (per engine) through `report`, `console.warn` by default, and otherwise ignored.
 */
export class HookIsolation {
  private readonly reported = new Set<HookKind>();

  constructor(private readonly report: (message: string) => void = (message) => console.warn(message)) {}

  run(kind: HookKind, hook: () => void): void {
    try {
      hook();
    } catch (error) {
      this.failed(kind, error);
    }
  }

  /** `hook`, isolated: for callbacks handed to others, such as XState's `inspect`. */
  wrap<A extends unknown[]>(kind: HookKind, hook: (...args: A) => void): (...args: A) => void {
    return (...args) => this.run(kind, () => hook(...args));
  }

  private failed(kind: HookKind, error: unknown): void {
    if (this.reported.has(kind)) return;
    this.reported.add(kind);
    const what = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : typeof error;
    try {
      this.report(`precheck: a ${kind} hook threw (${what}); ignored, decisions are unaffected. Reported once per engine.`);
    } catch {
      // A broken console is one more hook we do not let change anything.
    }
  }
}
