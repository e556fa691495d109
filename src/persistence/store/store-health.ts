import { UnusableRecordError } from './store-errors.js';

export interface StoreHealthHooks {
  /**
   * Called when the store cannot reach Redis (the connection fails, or Redis stops answering and `maxPending`
   * commands wait), once, and again at most once a minute while it stays so; also once a minute at most for stored
   * checks that cannot be read (`UnusableRecordError`). Default: one line on stderr naming the error.
   */
  onError?: (error: Error) => void;
  /** Called once when Redis answers again after `onError`. Default: one line on stderr. */
  onRecover?: () => void;
}

const REPEAT_MS = 60_000;

const defaultOnError = (error: Error) =>
  console.error(
    error instanceof UnusableRecordError
      ? `precheck/redis: ${error.message} (answered check-not-found, left to expire)`
      : `precheck/redis: Redis cannot be reached: ${error.message} (store calls fail until it answers again)`,
  );
const defaultOnRecover = () => console.error('precheck/redis: Redis answers again');

/** Tells the store's owner, rate-limited, that Redis cannot be reached (and when it answers again), or a record is unusable. */
export function storeHealth(hooks: StoreHealthHooks) {
  const onError = hooks.onError ?? defaultOnError;
  const onRecover = hooks.onRecover ?? defaultOnRecover;
  let down = false;
  const lastReport = { down: -Infinity, unusable: -Infinity };
  const report = (kind: keyof typeof lastReport, error: Error) => {
    const now = performance.now();
    if (now - lastReport[kind] < REPEAT_MS) return;
    lastReport[kind] = now;
    try {
      onError(error);
    } catch {
      // A reporting hook never breaks the store.
    }
  };
  return {
    unreachable(error: unknown) {
      if (!down) lastReport.down = -Infinity;
      down = true;
      report('down', error instanceof Error ? error : new Error(String(error)));
    },
    unusable: (error: UnusableRecordError) => report('unusable', error),
    answered() {
      if (!down) return;
      down = false;
      try {
        onRecover();
      } catch {
        // As above.
      }
    },
  };
}
