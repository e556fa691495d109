import { loadedSandboxSides, loadSandboxSides } from './sandbox-sides.js';
import type { Sandbox } from './start-sandbox.js';

/** A started sandbox's providers with a wrong secret each: every fake refuses them (401, BEEP 132, token refused). */
export function withWrongCredentials(providers: Sandbox['providers']): Sandbox['providers'] {
  const settings: Record<string, unknown> = providers;
  return Object.fromEntries(
    loadedSandboxSides().map(({ name, side }) => [name, side.wrongCredentials(settings[name])]),
  ) as Sandbox['providers'];
}

/** Every variant a fake knows: settings that need more than a trigger value (a base URL whose path leads nowhere, …). */
export const variants = (): string[] => [...new Set(loadedSandboxSides().flatMap(({ side }) => Object.keys(side.variants ?? {})))];

/** The same, once the fakes are loaded (for a command line that checks a variant before it starts a sandbox). */
export async function sandboxVariants(): Promise<string[]> {
  await loadSandboxSides();
  return variants();
}

/** The settings of every fake that knows `variant`; an unknown variant is a mistake in a case, refused. */
export function providerVariant(sandbox: Sandbox, variant: string): Partial<Sandbox['providers']> {
  if (!variants().includes(variant)) throw new TypeError(`no fake knows the variant '${variant}'; known: ${variants().join(', ')}`);
  const settings: Record<string, unknown> = sandbox.providers;
  return Object.fromEntries(
    loadedSandboxSides().flatMap(({ name, side }) => {
      const make = side.variants?.[variant];
      return make ? [[name, make(sandbox.urls[name], settings[name])]] : [];
    }),
  ) as Partial<Sandbox['providers']>;
}

/** The sandbox's providers as a service runs them: each fake through its `servedAs` variant, where it has one. */
export function servedProviders(sandbox: Sandbox): Sandbox['providers'] {
  const served = loadedSandboxSides().flatMap(({ side }) => (side.servedAs === undefined ? [] : [side.servedAs]));
  return Object.assign({}, sandbox.providers, ...served.map((variant) => providerVariant(sandbox, variant)));
}
