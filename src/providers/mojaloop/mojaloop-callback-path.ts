import { PARTY_ID_TYPES, type PartyIdType } from '../../core/party-id-type.js';
import type { Party } from './mojaloop-party.js';

/** A callback's route: the party, whether it is the `/error` one, and its path from `/parties` on (`FSPIOP-URI`). */
export interface CallbackRoute {
  party: Party;
  error: boolean;
  uri: string;
}

/** Reads `…/parties/{Type}/{ID}[/{SubId}][/error]` from the end of a path (under any prefix); undefined otherwise. */
export function callbackRoute(pathname: string): CallbackRoute | undefined {
  const segments = pathname.split('/');
  const error = segments.at(-1) === 'error';
  const parts = error ? segments.slice(0, -1) : segments;
  const at = parts.at(-3) === 'parties' ? parts.length - 3 : parts.at(-4) === 'parties' ? parts.length - 4 : -1;
  if (at < 0) return undefined;
  let decoded: string[];
  try {
    decoded = parts.slice(at + 1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const [type, id, subId] = decoded;
  if (!PARTY_ID_TYPES.includes(type as PartyIdType) || !id) return undefined;
  if (subId === '') return undefined;
  return {
    party: { type: type as PartyIdType, id, ...(subId !== undefined && { subId }) },
    error,
    uri: `/${segments.slice(at).join('/')}`,
  };
}
