import type { KyInstance } from 'ky';
import * as v from 'valibot';
import type { AccountProvider, LookupOutcome, RequestField } from '../../core/account-provider.js';
import type { CallbackRelay } from '../../core/callback-relay.js';
import type { Account } from '../../core/decision.js';
import type { LookupTarget } from '../../core/request.js';
import { isRecord, parseJson } from '../../transport/read-body.js';
import type { ProviderDeps } from '../provider-definition.js';
import { exchange, transportOutcome, type Exchange } from '../shared/exchange.js';
import { errorOutcome, foundParty, NO_CALLBACK, NO_RELAY } from './mojaloop-outcome.js';
import { partyKey, partyOf, partyPath, type Party } from './mojaloop-party.js';
import { callbackPayloadSchema, errorInformationSchema, partySchema } from './mojaloop-schemas.js';
import { DEFAULT_MOJALOOP_API_VERSION, type MojaloopSettings } from './mojaloop-settings.js';

/** How much earlier than the attempt's bound a wait for a callback ends, so that "no callback" is told from "cut short". */
export const CALLBACK_MARGIN_MS = 50;

/** `Accept` / `Content-Type` of a party lookup in FSPIOP `version`. */
export const partiesContentType = (version: string) => `application/vnd.interoperability.parties+json;version=${version}`;

/**
 * Mojaloop party lookup (`GET /parties/{Type}/{ID}[/{SubId}]`). `sdk`: the scheme adapter's outbound API answers it
 * synchronously. `fspiop`: the switch answers `202`, and the party (or an error) comes as a `PUT` callback that
 * `precheck.mojaloopCallback` checks and hands over through the engine's `CallbackRelay`.
 */
export class MojaloopProvider implements AccountProvider {
  readonly displayName = 'Mojaloop';
  /** A switch creates no account: a credit to an unknown party cannot go through. */
  readonly createsAccounts = false;
  readonly requiredFields: readonly RequestField[] = [];
  private readonly windowMs: number;

  constructor(
    private readonly http: KyInstance,
    private readonly settings: MojaloopSettings,
    private readonly deps: Pick<ProviderDeps<unknown>, 'credentialForms' | 'attemptTimeoutMs'> & { callbacks: CallbackRelay },
  ) {
    const bound = Math.max(1, deps.attemptTimeoutMs - CALLBACK_MARGIN_MS);
    this.windowMs = Math.min(settings.callbackTimeoutMs ?? bound, bound);
  }

  refusal(target: LookupTarget): string | undefined {
    const party = partyOf(target);
    return typeof party === 'string' ? party : undefined;
  }

  /** The party is the answer's whole subject: two ways of naming it (phone, MSISDN) are one answer. */
  answerScope(target: LookupTarget): string {
    const party = partyOf(target);
    return typeof party === 'string' ? party : partyKey(party);
  }

  async lookup(target: LookupTarget, signal: AbortSignal): Promise<LookupOutcome> {
    const party = partyOf(target);
    if (typeof party === 'string') return { kind: 'unexpected', detail: party };
    const account: Account = target.phone ? { phone: target.phone } : {};
    return this.settings.mode === 'sdk' ? this.viaAdapter(party, account, signal) : this.viaSwitch(party, account, signal);
  }

  /** The scheme adapter: `200 { party: { body, headers }, currentState }`, or an error with `errorInformation`. */
  private async viaAdapter(party: Party, account: Account, signal: AbortSignal): Promise<LookupOutcome> {
    const result = await exchange(() => this.http.get(partyPath(party), { signal, headers: { accept: 'application/json' } }));
    if (result.kind !== 'answered') return transportOutcome(result)!;
    const body = parseJson(result.body);
    if (result.status === 200) {
      const found = isRecord(body) && isRecord(body.party) ? v.safeParse(partySchema, body.party.body) : undefined;
      if (found?.success) return foundParty(found.output, account, this.deps.credentialForms);
    }
    const error = isRecord(body) ? v.safeParse(errorInformationSchema, body.errorInformation) : undefined;
    if (error?.success) return errorOutcome(error.output, this.deps.credentialForms);
    return this.unreadable(result, 'the answer is neither { party: { body } } nor { errorInformation }');
  }

  /** The switch: `202`, then the callback through the relay (opened before the request, so it cannot be missed). */
  private async viaSwitch(party: Party, account: Account, signal: AbortSignal): Promise<LookupOutcome> {
    const wait = this.deps.callbacks.open(partyKey(party), this.windowMs, signal);
    // A relay that could not open the key (its store down) has ended the wait before `ready`: send nothing then.
    let ended = false;
    void wait.answer.then(() => (ended = true));
    try {
      await wait.ready;
      if (ended && !signal.aborted) return NO_RELAY;
      const version = this.settings.apiVersion ?? DEFAULT_MOJALOOP_API_VERSION;
      const { fspId, destination } = this.settings;
      const result = await exchange(() =>
        this.http.get(partyPath(party), {
          signal,
          headers: {
            accept: partiesContentType(version),
            'content-type': partiesContentType(version),
            date: new Date().toUTCString(),
            'fspiop-source': fspId!,
            ...(destination !== undefined && { 'fspiop-destination': destination }),
          },
        }),
      );
      if (result.kind !== 'answered') return transportOutcome(result)!;
      if (result.status !== 202) {
        const body = parseJson(result.body);
        const error = isRecord(body) ? v.safeParse(errorInformationSchema, body.errorInformation) : undefined;
        if (error?.success) return errorOutcome(error.output, this.deps.credentialForms);
        return this.unreadable(result, `HTTP ${result.status} where 202 was expected`);
      }
      const payload = await wait.answer;
      if (payload === undefined) return NO_CALLBACK;
      const parsed = v.safeParse(callbackPayloadSchema, parseJson(payload));
      if (!parsed.success) return { kind: 'unexpected', detail: 'the relayed callback could not be read' };
      return parsed.output.kind === 'party'
        ? foundParty(parsed.output.party, account, this.deps.credentialForms)
        : errorOutcome(parsed.output.errorInformation, this.deps.credentialForms);
    } finally {
      wait.close();
    }
  }

  private unreadable(result: Extract<Exchange, { kind: 'answered' }>, detail: string): LookupOutcome {
    return transportOutcome(result) ?? { kind: 'unexpected', detail, providerStatus: { code: result.status } };
  }
}
