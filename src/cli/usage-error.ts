import { PrecheckConfigError } from '../engine/options/read-options.js';

/** A command line the CLI cannot run as typed: exit 2, the message and a pointer to `--help`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A value refused by the name of what gave it: a flag's (`--…`) is a usage error, a variable's a configuration error. */
export const refusal = (name: string, message: string): Error =>
  name.startsWith('--') ? new UsageError(message) : new PrecheckConfigError(message);
