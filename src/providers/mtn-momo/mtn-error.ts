import { isRecord, parseJson } from '../../transport/read-body.js';
import { cleanText } from '../../core/clean-text.js';

/** MTN's own error body, `{ code, message }` (`ErrorReason`): what its wallet platform answers. */
export interface MtnError {
  code: string;
  message?: string;
}

/**
 * The wallet platform's `{ code, message }`, or `undefined` for anything else: the API gateway's
 * `{ statusCode, message }` (Azure API Management), the token endpoint's `{ error }`, an HTML page, nothing.
 */
export function mtnError(body: string, credentials: readonly string[]): MtnError | undefined {
  const parsed = parseJson(body);
  if (!isRecord(parsed)) return undefined;
  const code = cleanText(parsed.code, 64, credentials);
  if (code === undefined || typeof parsed.code !== 'string') return undefined;
  return { code, message: cleanText(parsed.message, 200, credentials) };
}

/** Whatever words an MTN error body has, in any of its three shapes: for the trace only, never decided on. */
export function mtnWords(body: string, credentials: readonly string[]): string | undefined {
  const parsed = parseJson(body);
  if (!isRecord(parsed)) return undefined;
  return cleanText(parsed.message ?? parsed.error, 200, credentials);
}
