import type { RequestListener } from 'node:http';
import type { Precheck } from '../engine/create-precheck.js';
import type { DecisionCase } from './decision-case.js';
import type { SandboxLog } from './sandbox-log.js';
import type { SandboxTokens } from './sandbox-tokens.js';
import type { Scenario } from './scenario.js';

/** What the sandbox gives each fake when it starts. */
export interface SandboxContext {
  /** Record every request (method and path) under the provider's name. */
  log: SandboxLog;
  /** The access tokens all fakes issue, for a fake that issues tokens. */
  tokens: SandboxTokens;
  /** For a fake that calls back (Mojaloop's switch): where its callbacks go, and what it sent. */
  callbacks: SandboxCallbacks;
  /** Runs `stop` when the sandbox closes (a fake's pending timers). */
  onClose(stop: () => void): void;
}

/**
 * A fake's callbacks: to `startSandbox({ callbackUrls: { [name]: url } })` when given (the path appended), else to
 * each engine `sandbox.attach(precheck)` was given, through the side's `callbackReceiver`, until one answers 200.
 */
export interface SandboxCallbacks {
  /** Sends one callback; answers the status it got (undefined: none, or nothing listened). */
  send(path: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<number | undefined>;
  /** Every callback sent (path and the status it got; never a body), in order; at most 10,000. */
  readonly sent: readonly { path: string; status: number | undefined }[];
  /** Where callbacks go, when the sandbox was given a URL for this fake. */
  readonly url: string | undefined;
}

/** One fake's trigger values, as the docs and `precheck sandbox` list them. */
export interface TriggerTable {
  /** The section's heading, e.g. `B-MO, by phone number`. */
  heading: string;
  /** The request field the values go in. */
  field: string;
  triggers: readonly { value: string; case: string }[];
  /** What any other value gets. */
  otherwise: string;
}

/**
 * A provider's sandbox side: everything `precheck/sandbox`, `precheck sandbox`, the demo and the docs' decision
 * table know of its fake. It lives in `src/providers/<name>/<name>-sandbox-side.ts`; the provider's definition
 * names it lazily (`sandbox: () => import('./<name>-sandbox-side.js')…`), and the sandbox loads every definition's.
 */
export interface SandboxSide<Settings = unknown, Legacy extends string = never, Credentials = unknown, Extra extends object = object> {
  /**
   * Only for the four fakes that had their own public names before the generic ones: `bmo` gives `Sandbox.bmoUrl`,
   * `SandboxOptions.bmoPort` and `--bmo-port`, beside `sandbox.urls.bmo`, `ports.bmo` and `--bmo-port`. A new fake
   * leaves it out.
   */
  readonly legacyName?: Legacy;
  /** What the fake accepts (`Sandbox.credentials[name]`, `SANDBOX_CREDENTIALS[name]`). */
  readonly credentials: Credentials;
  /** A user whose tokens the fake says expire in SHORT_LIVED_EXPIRES_IN_S, and how `precheck sandbox` names it. */
  readonly shortLivedToken?: { user: string; says: string };
  /** The fake's server: one listener on its own port. */
  handler(context: SandboxContext): RequestListener;
  /** `providers.<name>` for `createPrecheck`, pointing at the fake at `url`. */
  settings(url: string): Settings;
  /** More fields for `Sandbox`, when the fake serves more than one way (GSMA's `gsmaBasic`). */
  extra?(url: string, context: SandboxContext): Extra;
  /** A fake that calls back: the attached engine's receiver its callbacks go to (`precheck.mojaloopCallback`). */
  callbackReceiver?(engine: Partial<Precheck>): (request: Request) => Promise<Response>;
  /** The same settings with one secret wrong: the fake refuses them. */
  wrongCredentials(settings: Settings): Settings;
  /** The variant `precheck serve --sandbox` runs this fake through (Mojaloop: its FSPIOP switch, which calls back). */
  readonly servedAs?: string;
  /** Settings that need more than a trigger value, by the name a case gives as its `variant`. */
  readonly variants?: Readonly<Record<string, (url: string, settings: Settings) => Settings>>;
  /** Its lines of `precheck sandbox`: where the fake is and what it accepts. */
  describe(settings: Settings, url: string, callbacks: { url: string | undefined }): readonly string[];
  readonly triggers: TriggerTable;
  /** Its rows of the docs' decision table: every trigger, and the cases that need more than a trigger. */
  decisionCases(): DecisionCase[];
  /** Its seed cases, as the demo runs them. */
  readonly scenarios: readonly Scenario[];
}

/** A sandbox side with its types checked where it is written. */
export const defineSandboxSide = <Settings, const Legacy extends string = never, const Credentials = unknown, Extra extends object = object>(
  side: SandboxSide<Settings, Legacy, Credentials, Extra>,
): SandboxSide<Settings, Legacy, Credentials, Extra> => side;
