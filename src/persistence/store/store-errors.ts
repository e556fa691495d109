/**
 * A stored check this engine cannot use: it cannot be parsed, or its state or version is not one this engine can
 * claim (a record of another release, or edited). The engine answers abort `check-not-found` and leaves it to expire.
 */
export class UnusableRecordError extends Error {
  constructor(readonly why: string) {
    super(`the stored record is unusable: ${why}`);
    this.name = 'UnusableRecordError';
  }
}

/**
 * A write the store refused because it reached the store after the time it was given (`withinMs`): nothing was written.
 * The caller may have stopped waiting already and told its own caller "nothing changed"; this keeps that true.
 */
export class LateWriteError extends Error {
  constructor() {
    super('the store refused a write that reached it after its deadline; nothing was written');
    this.name = 'LateWriteError';
  }
}
