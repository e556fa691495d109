import type { ServiceIdentifier } from 'inversify';
import type { KyInstance } from 'ky';
import type * as v from 'valibot';
import type { AccountProvider } from '../core/account-provider.js';
import type { CallbackRelay } from '../core/callback-relay.js';

/** What a built-in provider's adapter is built from: plain values, no container. */
export interface ProviderDeps<Settings> {
  /** `providers.<name>` as given to `createPrecheck`. */
  settings: Settings;
  /** A ky client over this provider's own connection pool, every path appended to `settings.baseUrl`. */
  http: KyInstance;
  /** The same pool without a base URL, for requests that name an absolute URL (a token endpoint). */
  absoluteHttp: KyInstance;
  /** Every form of every configured credential: cut out of the provider's words before anything else. */
  credentialForms: string[];
  /** The engine's bound on a whole check (a shared token request waits no longer). */
  deadlineMs: number;
  /** The bound on one attempt (`http.timeoutMs`): a wait for a callback ends before it. */
  attemptTimeoutMs: number;
  /** Where a lookup that is answered by callback waits for it: the store's relay (a fleet), else the process's. */
  callbacks: CallbackRelay;
}

/** What a provider's callback receiver is built from. `settings` is undefined when the provider is not configured. */
export interface CallbackReceiverDeps<Settings> {
  settings: Settings | undefined;
  callbacks: CallbackRelay;
  credentialForms: string[];
}

/** A fetch-style handler: any request in, an answer out at once. Never rejects. */
export type CallbackReceiver = (request: Request) => Promise<Response>;

/** How the CLI reads a provider's environment variables; its refusals are configuration errors. */
export interface EnvReading {
  /** All of `required` set (true), none of them nor of `optional` (false); some but not all is refused. */
  allOrNone(required: readonly string[], optional?: readonly string[]): boolean;
  /** One of `choices`, or undefined when `text` is; anything else is refused with the list. */
  choice<C extends string>(name: string, text: string | undefined, choices: readonly C[]): C | undefined;
  /** Refuses the environment with `message`. */
  refuse(message: string): never;
}

/** A provider's environment variables for `precheck check` and `precheck serve`. */
export interface ProviderEnv<Settings> {
  /** Its lines of `--help`. */
  help: string;
  /** Its settings from `env`, or undefined when none of its variables is set. */
  read(env: NodeJS.ProcessEnv, reading: EnvReading): Settings | undefined;
}

/**
 * Everything the engine, the container, the transport, the CLI and the docs know of one built-in provider. Each
 * lives in `src/providers/<name>/`; `builtin-providers.ts` lists them.
 */
export interface ProviderDefinition<Name extends string = string, Schema extends v.GenericSchema = v.GenericSchema> {
  /** The key under `providers` and the name requests use. */
  readonly name: Name;
  /** How docs and messages name it (`B-MO`), as its adapter's `displayName`. */
  readonly displayName: string;
  /** What `providers.<name>` is, for docs/configuration.md. */
  readonly summary: string;
  /** `providers.<name>`: checked at start-up, and the public settings type inferred from it. */
  readonly settingsSchema: Schema;
  /** Its secrets, each as it travels (a Basic pair too): none may appear in anything the engine gives out. */
  secrets(settings: v.InferOutput<Schema>): readonly (string | undefined)[];
  /** Names that go with a secret (user names, client ids): not secret alone, but cut out as well. */
  userNames(settings: v.InferOutput<Schema>): readonly (string | undefined)[];
  /** The adapter. */
  create(deps: ProviderDeps<v.InferInput<Schema>>): AccountProvider;
  readonly env: ProviderEnv<v.InferInput<Schema>>;
  /**
   * For a provider that answers by callback: the receiver the engine exposes (`precheck.mojaloopCallback`). Built at
   * start-up (a configuration error throws then), whether the provider is configured or not (then it refuses all).
   */
  callbackReceiver?(deps: CallbackReceiverDeps<v.InferInput<Schema>>): CallbackReceiver;
  /** Public DI ids the container binds this provider's settings and clients under (applications may rebind them). */
  readonly diTokens?: {
    settings: ServiceIdentifier<v.InferInput<Schema>>;
    http: ServiceIdentifier<KyInstance>;
    absoluteHttp?: ServiceIdentifier<KyInstance>;
  };
}

/** A definition with its settings type checked where it is written. */
export const defineProvider = <const Name extends string, Schema extends v.GenericSchema>(
  definition: ProviderDefinition<Name, Schema>,
): ProviderDefinition<Name, Schema> => definition;
