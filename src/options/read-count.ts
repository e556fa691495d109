import { PrecheckConfigError } from './precheck-config-error.js';

/** Largest count an option takes: the longest delay a Node timer honours (2^31−1 ms). */
export const MAX_COUNT = 2_147_483_647;

/** An integer option from `min` to `MAX_COUNT`, or undefined when it is not set. */
export function readCount(where: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_COUNT) {
    throw new PrecheckConfigError(`${where} must be an integer from ${min} to ${MAX_COUNT}`);
  }
  return value;
}
