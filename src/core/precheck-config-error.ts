/** A misconfigured engine: thrown by `createPrecheck`, at start-up, never by a check. Never quotes a credential. */
export class PrecheckConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrecheckConfigError';
  }
}
