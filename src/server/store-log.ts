import { UnusableRecordError } from '../persistence/store/store-errors.js';

/** What an error says: its message (or code), the first one of an `AggregateError` (one per address tried). */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return error.message || String((error as { code?: unknown }).code ?? error.name);
  return String(error);
}

/**
 * The service's log of its store's health, as JSON lines, fed by `redisStore`'s `onError` / `onRecover` (which
 * rate-limit them): `store-error` naming the error, `store-recovered` with how long it was down, and
 * `store-record-unusable` for a stored check that cannot be read. `secrets` (a password in the store's URL) never
 * appear in a line.
 */
export function storeHealthLog(write: (line: string) => void, store: string, secrets: readonly string[] = []) {
  let failingSince: number | undefined;
  const line = (msg: string, fields: Record<string, unknown>) => {
    let text = JSON.stringify({ time: new Date().toISOString(), msg, store, ...fields });
    for (const secret of secrets) if (secret.length > 0) text = text.split(secret).join('[redacted]');
    write(text);
  };
  return {
    error(error: unknown) {
      if (error instanceof UnusableRecordError) return line('store-record-unusable', { error: describe(error) });
      failingSince ??= Date.now();
      line('store-error', { error: describe(error) });
    },
    recovered() {
      if (failingSince === undefined) return;
      line('store-recovered', { downMs: Date.now() - failingSince });
      failingSince = undefined;
    },
  };
}

export type StoreHealthLog = ReturnType<typeof storeHealthLog>;
