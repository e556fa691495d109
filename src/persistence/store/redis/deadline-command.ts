import { WRITE_SAFETY_FACTOR } from '../../../util/bounded.js';

type Send = <T>(args: string[]) => Promise<T>;

/**
 * How long after the call a write settles at the latest, in times its `withinMs`: one bound before the caller may
 * give up on it (`boundedWrite`). A command not sent by then leaves with a deadline already past.
 */
export const SETTLE_FACTOR = WRITE_SAFETY_FACTOR - 1;

export interface Deadline {
  /** Redis's clock minus this process's `performance.now()` (see `redisClock`). */
  offset: number;
  /** How long Redis may take to perform the command, from when it leaves this process. */
  withinMs: number;
  /** `performance.now()` by which the command settles: not sent by then, it is sent late; not answered, given up. */
  giveUpBy: number;
  /** When Redis last answered any command on this connection (`performance.now()`). */
  lastAnswerAt: () => number;
}

/**
 * Sends `command` with one more argument, its deadline on Redis's clock (ms), fixed when node-redis writes the command
 * to the socket rather than when it was queued: this process's own busy time is not Redis's. A script given it does
 * nothing past it. The promise settles by itself, with the reply, or rejected once the deadline has passed by
 * `withinMs` with no answer and Redis answers nothing else either (frozen or gone): Redis can then no longer perform
 * it. While Redis answers the commands sent before it, it waits on, up to `giveUpBy`.
 */
export function sendWithDeadline<T>(send: Send, command: string[], deadline: Deadline): Promise<T> {
  const { offset, withinMs, giveUpBy, lastAnswerAt } = deadline;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const giveUpAt = (at: number, since: number) => {
      const wait = at - performance.now();
      // A timer may fire a little early (the event loop's cached time): never before `at`.
      if (wait > 0) return void (timer = setTimeout(() => giveUpAt(at, since), wait));
      // A reply already in the socket gets a turn of the event loop first.
      setImmediate(() => {
        if (settled) return;
        const now = performance.now();
        if (lastAnswerAt() > since && now + withinMs <= giveUpBy) return giveUpAt(now + withinMs, now);
        settled = true;
        reject(new Error(`Redis did not answer within ${withinMs} ms of the command's deadline`));
      });
    };
    let stamped: string | undefined;
    const withDeadline = [...command, ''];
    // Read by node-redis's encoder as it writes the command to the socket: that moment starts the deadline. (Were it
    // read earlier, the deadline would only come earlier: stricter, never looser.)
    Object.defineProperty(withDeadline, command.length, {
      enumerable: true,
      get() {
        if (stamped === undefined) {
          const sentAt = performance.now();
          stamped = sentAt > giveUpBy ? '0' : String(Math.floor(sentAt + offset + withinMs));
          giveUpAt(sentAt + 2 * withinMs, sentAt);
        }
        return stamped;
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
