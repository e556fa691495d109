import { WRITE_SAFETY_FACTOR } from '../util/bounded.js';

type Send = <T>(args: string[]) => Promise<T>;

/**
 * A command still in this process this many times its `withinMs` after the call leaves with a deadline already past:
 * one bound before the caller may give up on it (`boundedWrite`), so that it can never be performed after that.
 */
export const UNSENT_FACTOR = WRITE_SAFETY_FACTOR - 1;

export interface Deadline {
  /** Redis's clock minus this process's `performance.now()` (see `redisClock`). */
  offset: number;
  /** How long Redis may take to perform the command, from when it leaves this process. */
  withinMs: number;
  /** `performance.now()` past which a command not yet sent is sent already late. */
  unsentUntil: number;
}

/**
 * Sends `command` with one more argument, its deadline on Redis's clock (ms), fixed when node-redis writes the command
 * to the socket rather than when it was queued: this process's own busy time is not Redis's. A script given it does
 * nothing past it. The promise settles by itself: with the reply, or — no reply `withinMs` after the deadline —
 * rejected, when Redis can no longer perform it (a reply already read gets a turn of the event loop first).
 */
export function sendWithDeadline<T>(send: Send, command: string[], { offset, withinMs, unsentUntil }: Deadline): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const giveUpAt = (at: number) => {
      const wait = at - performance.now();
      // A timer may fire a little early (the event loop's cached time): never before `at`.
      if (wait > 0) return void (timer = setTimeout(() => giveUpAt(at), wait));
      setImmediate(() => {
        if (settled) return;
        settled = true;
        reject(new Error(`Redis did not answer within ${withinMs} ms of the command's deadline`));
      });
    };
    let deadline: string | undefined;
    const withDeadline = [...command, ''];
    // Read by node-redis's encoder as it writes the command: that moment starts the deadline.
    Object.defineProperty(withDeadline, command.length, {
      enumerable: true,
      get() {
        if (deadline === undefined) {
          const sentAt = performance.now();
          deadline = sentAt > unsentUntil ? '0' : String(Math.floor(sentAt + offset + withinMs));
          giveUpAt(sentAt + 2 * withinMs);
        }
        return deadline;
      },
    });
    send<T>(withDeadline).then(
      (reply) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(reply);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
