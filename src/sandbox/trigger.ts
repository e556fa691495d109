/** One trigger value of a fake: the value a request carries, the provider answer in words, and what the fake does. */
export interface Trigger<T> {
  value: string;
  case: string;
  answer: T;
}

export function findTrigger<T>(triggers: readonly Trigger<T>[], value: string): Trigger<T> | undefined {
  return triggers.find((trigger) => trigger.value === value);
}

/** What a fake's short-lived tokens say (`expires_in`): the engine renews 10 minutes early, so it keeps them one second. */
export const SHORT_LIVED_EXPIRES_IN_S = 601;
