interface Waiter {
  admit: () => void;
}

export const QUEUE_FULL = Symbol('queue-full');

/** At most `maxConcurrency` runs at once; up to `maxQueue` more wait their turn; beyond that, refused at once. */
export class Bulkhead {
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    private readonly maxConcurrency: number,
    private readonly maxQueue: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(signal: AbortSignal, task: () => Promise<T>): Promise<T | typeof QUEUE_FULL> {
    if (this.running >= this.maxConcurrency) {
      if (this.queue.length >= this.maxQueue) return QUEUE_FULL;
      const admitted = await this.wait(signal);
      if (!admitted) throw signal.reason;
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** Resolves true once a slot is handed over, false if the caller gave up while waiting. */
  private wait(signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        admit: () => {
          signal.removeEventListener('abort', giveUp);
          resolve(true);
        },
      };
      const giveUp = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        resolve(false);
      };
      if (signal.aborted) return resolve(false);
      signal.addEventListener('abort', giveUp, { once: true });
      this.queue.push(waiter);
    });
  }

  /** Hands the slot straight to the next waiter, or frees it. */
  private release(): void {
    const next = this.queue.shift();
    if (next) next.admit();
    else this.running -= 1;
  }
}
