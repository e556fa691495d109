import type { PartyIdType } from './party-id-type.js';
import type { NameCheckPolicy } from './name-check-policy.js';

export type { NameCheckPolicy };

/** What the transfer is about to do to the account. */
export type Intent = 'credit' | 'debit';

export const INTENTS: readonly Intent[] = ['credit', 'debit'];

/** The customer's names, needed by B-MO to create an account on credit. */
export interface Names {
  firstName: string;
  lastName: string;
}

/**
 * One pre-check, as an orchestrator asks it.
 *
 * @example
 * { provider: 'bmo', intent: 'credit', phone: '+2290197000001' }
 * { provider: 'beep', intent: 'debit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '307001' }
 */
export interface PrecheckRequest {
  /** Registered provider name: `bmo`, `beep`, `mtn-momo`, `gsma`, `mojaloop`, or one you registered. */
  provider: 'bmo' | 'beep' | 'mtn-momo' | 'gsma' | 'mojaloop' | (string & {});
  intent: Intent;
  /** International number, `+` and country code first (E.164 after normalisation). B-MO's, MTN's and GSMA's key; BEEP's MSISDN. */
  phone?: string;
  /** BEEP: the account the payment is for. */
  accountNumber?: string;
  /** BEEP: the merchant's service code, e.g. `GH-DSTV`. */
  serviceCode?: string;
  /** BEEP: ISO 3166-1 alpha-2, two upper-case letters. */
  countryCode?: string;
  /** FSPIOP party lookup (Mojaloop): the party's id type; with `partyIdentifier`, instead of `phone`. */
  partyIdType?: PartyIdType;
  /** FSPIOP party lookup: the party's identifier (≤ 128 characters), e.g. an MSISDN's digits or an IBAN. */
  partyIdentifier?: string;
  /** FSPIOP party lookup: the party's sub-id or type (≤ 128 characters). */
  partySubIdOrType?: string;
  /** ISO 4217, three upper-case letters: a party that lists the currencies it takes must take this one. */
  currency?: string;
  /** Your reference for this check; sent to BEEP as `payerTransactionID`. A fresh one is made when absent. */
  transactionId?: string;
  /** BEEP `requestExtraData`. */
  extra?: Record<string, string | number | boolean>;
  /** Needed to credit a customer B-MO does not know yet. */
  names?: Names;
  /** Pause after a found lookup until the payer confirms the account name. Default: the engine's `confirmPayee`. */
  confirmPayee?: boolean;
  /**
   * The payee's name as the payer typed it (≤ 140 characters, with letters): a found account's held name is checked
   * against it, and no decision then shows the held name except as `nameCheck.heldName` on a close match.
   */
  payeeName?: string;
  /** What to do with each answer of the name check; each field defaults to the engine's `nameCheck`. */
  nameCheck?: Partial<NameCheckPolicy>;
}

/**
 * A request once checked and normalised: what a provider's lookup receives. JSON-safe (it is persisted). The same
 * fields as the request, with its `transactionId` always there (made when the request had none).
 */
export type LookupTarget = Omit<PrecheckRequest, 'provider' | 'transactionId'> & { provider: string; transactionId: string };
