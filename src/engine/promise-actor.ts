import { fromPromise, type PromiseActorLogic } from 'xstate';

/** What a promise actor's creator receives from the chart runner: its input and the signal that stops it. */
export type PromiseCreator<Output, Input> = (args: { input: Input; signal: AbortSignal }) => PromiseLike<Output>;

const creators = new WeakMap<object, PromiseCreator<unknown, unknown>>();

/**
 * `fromPromise(creator)`, remembered so that the chart runner (chart-runner.ts) can call `creator` itself instead of
 * starting an actor; the actor path uses the logic unchanged. A promise actor made otherwise is one the runner does not
 * know: a chart that invokes it runs on actors.
 */
export function promiseActor<Output, Input>(creator: PromiseCreator<Output, Input>): PromiseActorLogic<Output, Input> {
  const logic = fromPromise<Output, Input>(({ input, signal }) => creator({ input, signal }));
  creators.set(logic, creator as PromiseCreator<unknown, unknown>);
  return logic;
}

/** The creator of a logic made by `promiseActor`; undefined for any other actor logic. */
export const promiseCreatorOf = (logic: unknown): PromiseCreator<unknown, unknown> | undefined =>
  typeof logic === 'object' && logic !== null ? creators.get(logic) : undefined;
