import { BUILTIN_PROVIDERS, type BuiltinProvider } from '../providers/builtin-providers.js';
import type { SandboxSide } from './sandbox-side.js';

/** A built-in provider's sandbox side, by its definition's type. */
type SideOf<Provider> = Provider extends { sandbox?: () => Promise<infer Side> } ? Side : never;
type Sides = { [Provider in BuiltinProvider as SideOf<Provider> extends never ? never : Provider['name']]: SideOf<Provider> };

/** The built-in providers the sandbox fakes: those whose definition has a `sandbox`. */
export type SandboxProviderName = keyof Sides & string;
/** `providers` for `createPrecheck`, pointing at the sandbox: each fake's settings type. */
export type SandboxProviders = { [Name in SandboxProviderName]: ReturnType<Sides[Name]['settings']> };
/** What each fake accepts. */
export type SandboxCredentials = { [Name in SandboxProviderName]: Sides[Name]['credentials'] };

type LegacyOf<Side> = Side extends { legacyName?: infer Legacy } ? (Legacy extends string ? Legacy : never) : never;
/** `bmoUrl`, `mtnUrl`, …: the older names of the four first fakes' URLs (see `SandboxSide.legacyName`). */
export type LegacyUrls = { [Name in SandboxProviderName as `${LegacyOf<Sides[Name]>}Url`]: string };
/** `bmoPort`, `mtnPort`, …: the older names of their ports. */
export type LegacyPorts = { [Name in SandboxProviderName as `${LegacyOf<Sides[Name]>}Port`]?: number };

type ExtraOf<Side> = Side extends { extra?(url: string, ...rest: any[]): infer Extra } ? Extra : object;
type Intersection<Union> = (Union extends unknown ? (each: Union) => void : never) extends (each: infer All) => void ? All : never;
/** The fields a fake adds to `Sandbox` (GSMA's `gsmaBasic`). */
export type SandboxExtras = Intersection<{ [Name in SandboxProviderName]: ExtraOf<Sides[Name]> }[SandboxProviderName]>;

/** One loaded fake: its provider's name and display name, and its sandbox side. */
export interface LoadedSide {
  name: SandboxProviderName;
  displayName: string;
  side: SandboxSide<any, string>;
}

let loading: Promise<readonly LoadedSide[]> | undefined;
let loaded: readonly LoadedSide[] | undefined;

/**
 * Every built-in provider's sandbox side, in the built-in list's order, loaded once (each definition imports its side
 * lazily, so that the engine never loads a fake; and no module awaits at top level, so that `require()` still loads
 * `precheck/sandbox`).
 */
export function loadSandboxSides(): Promise<readonly LoadedSide[]> {
  loading ??= Promise.all(
    BUILTIN_PROVIDERS.filter((provider) => provider.sandbox).map(async (provider) => ({
      name: provider.name as SandboxProviderName,
      displayName: provider.displayName,
      side: (await provider.sandbox!()) as SandboxSide<any, string>,
    })),
  ).then((sides) => (loaded = sides));
  return loading;
}

/** The sides already loaded: for what a started sandbox hands over (its providers), which needs them loaded. */
export function loadedSandboxSides(): readonly LoadedSide[] {
  if (!loaded) throw new Error('the sandbox sides are not loaded yet: start a sandbox (or await loadSandboxSides()) first');
  return loaded;
}
