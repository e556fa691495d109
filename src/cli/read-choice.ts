import { refusal } from './usage-error.js';

/** `a or b`, or `one of a, b, c`: the choices as a refusal lists them. */
export const listChoices = (choices: readonly string[]) =>
  choices.length === 2 ? `${choices[0]} or ${choices[1]}` : `one of ${choices.join(', ')}`;

/** A flag or variable that takes one of `choices`: anything else is refused with the list. Undefined when absent. */
export function readChoice<C extends string>(name: string, text: string | undefined, choices: readonly C[]): C | undefined {
  if (text === undefined) return undefined;
  if ((choices as readonly string[]).includes(text)) return text as C;
  throw refusal(name, `${name} must be ${listChoices(choices)}, not "${text}"`);
}
