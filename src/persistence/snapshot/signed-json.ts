import * as v from 'valibot';
import { canonicalJson } from './canonical-json.js';
import { signatureSchema } from './snapshot-schema.js';
import { signatureMatches, signCanonical, type SnapshotKey, type SnapshotSignature } from './snapshot-signature.js';

/** What one signature may cover: a stored check record (its snapshot is at most 64 KiB) or a shared answer. */
const MAX_SIGNED_CHARACTERS = 256 * 1024;

/**
 * What the engine signs besides snapshots: `purpose` names what the content is, so that a signature made for one
 * kind of thing (a check record, a shared answer) never verifies as another. Snapshots have no `purpose` member.
 */
export type Purpose = 'precheck check record' | 'precheck shared answer';

const canonicalOf = (purpose: Purpose, content: object) => canonicalJson({ ...content, purpose }, MAX_SIGNED_CHARACTERS);

/** HMAC-SHA-256 with the first key over the canonical JSON of `content` and its purpose (as `persist()` signs). */
export function signJson(purpose: Purpose, content: object, keys: readonly SnapshotKey[]): SnapshotSignature {
  return signCanonical(canonicalOf(purpose, content), keys[0]);
}

/**
 * Why `signature` does not authenticate `content` for `purpose` with any of `keys` (never quoting a key), or
 * undefined when it does.
 */
export function signatureRefusal(purpose: Purpose, content: object, signature: unknown, keys: readonly SnapshotKey[]): string | undefined {
  if (signature === undefined) return 'it is not signed, and this engine only accepts signed ones (snapshotKeys)';
  const parsed = v.safeParse(signatureSchema, signature);
  if (!parsed.success) return 'its signature is malformed';
  let canonical: string;
  try {
    canonical = canonicalOf(purpose, content);
  } catch (error) {
    return `it is not plain JSON (${(error as Error).message})`;
  }
  if (!signatureMatches(canonical, parsed.output, keys)) {
    return `its signature does not verify with any configured key (it names key id ${parsed.output.kid}): altered, or signed elsewhere`;
  }
  return undefined;
}
