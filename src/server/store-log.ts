/** While the store keeps failing, one line per this window at most (with how many errors were not logged). */
export const STORE_LOG_WINDOW_MS = 10_000;

/** What an error says: its message (or code), the first one of an `AggregateError` (one per address tried). */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return error.message || String((error as { code?: unknown }).code ?? error.name);
  return String(error);
}

/**
 * The service's log of its store's health, as JSON lines: `store-error` naming the error as soon as the store fails,
 * then at most one a window while it keeps failing, and `store-recovered` once it is back. `secrets` (a password in
 * the store's URL) never appear in a line.
 */
export function storeHealthLog(write: (line: string) => void, store: string, secrets: readonly string[] = []) {
  let failingSince: number | undefined;
  let loggedAt = -Infinity;
  let unlogged = 0;
  const line = (msg: string, fields: Record<string, unknown>) => {
    let text = JSON.stringify({ time: new Date().toISOString(), msg, store, ...fields });
    for (const secret of secrets) if (secret.length > 0) text = text.split(secret).join('[redacted]');
    write(text);
  };
  return {
    error(error: unknown) {
      const now = Date.now();
      failingSince ??= now;
      if (now - loggedAt < STORE_LOG_WINDOW_MS) {
        unlogged += 1;
        return;
      }
      line('store-error', { error: describe(error), ...(unlogged > 0 && { unlogged }) });
      loggedAt = now;
      unlogged = 0;
    },
    recovered() {
      if (failingSince === undefined) return;
      line('store-recovered', { downMs: Date.now() - failingSince, ...(unlogged > 0 && { unlogged }) });
      failingSince = undefined;
      loggedAt = -Infinity;
      unlogged = 0;
    },
  };
}

export type StoreHealthLog = ReturnType<typeof storeHealthLog>;
