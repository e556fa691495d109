/**
 * How a provider that answers by callback (Mojaloop's FSPIOP: `202`, then `PUT /parties/...` to our endpoint) gets
 * that callback to the lookup that waits for it, on whichever instance of a fleet it arrives.
 *
 * The waiting side `open`s a key (which lookup: e.g. the party's Type/ID/SubId) before it sends its request; the
 * receiving side, once it has checked the callback (schema, signature), `deliver`s its payload under the same key. A
 * delivery is taken only while a lookup has the key outstanding, and only once: an unsolicited, late or replayed
 * callback answers false and changes nothing. In one process the relay is a map; with a fleet store it is the store's
 * (Redis: the outstanding key with its window, and pub/sub to the instance that waits).
 */
export interface CallbackRelay {
  /**
   * Registers a lookup as outstanding under `key` for `windowMs` (across the fleet when the relay is shared). The
   * wait ends with the first payload delivered for it, or `undefined` when the window closes, `signal` aborts or
   * `close()` is called; either way the key is no longer outstanding after it.
   */
  open(key: string, windowMs: number, signal?: AbortSignal): CallbackWait;
  /**
   * Hands `payload` to the lookup that has `key` outstanding: true when one had (its wait then ends with it, and the
   * key is closed: a second delivery answers false), false when none has. Never rejects: a relay that cannot tell
   * answers false.
   */
  deliver(key: string, payload: string): Promise<boolean>;
}

export interface CallbackWait {
  /** Resolves once the key is outstanding where deliveries look for it (send the request after this). */
  readonly ready: Promise<void>;
  /** The delivered payload, or undefined (window closed, aborted, closed). Never rejects. */
  readonly answer: Promise<string | undefined>;
  /** Stops waiting and withdraws the key. */
  close(): void;
}
