import { isRecord, parseJson } from '../../transport/read-body.js';
import { cleanText } from '../../core/clean-text.js';

/** The GSMA `errorObject`, category and code lower-cased (the docs capitalise what the spec and simulator do not). */
export interface GsmaError {
  category: string;
  code: string;
  /** `category/code` as the provider wrote them, for the trace. */
  said: string;
  description?: string;
}

/**
 * An `errorObject`, or `undefined` when the body is not one (a gateway's page, nothing). The 1.1.2 and 1.2 specs
 * spell the description `errordescription`; 1.0, the docs and the simulator `errorDescription`: both are read.
 */
export function gsmaError(body: string, credentials: readonly string[]): GsmaError | undefined {
  const parsed = parseJson(body);
  if (!isRecord(parsed) || typeof parsed.errorCategory !== 'string' || typeof parsed.errorCode !== 'string') return undefined;
  const category = cleanText(parsed.errorCategory, 31, credentials);
  const code = cleanText(parsed.errorCode, 32, credentials);
  if (!category || !code) return undefined;
  const description = cleanText(parsed.errorDescription ?? parsed.errordescription, 200, credentials);
  return { category: category.toLowerCase(), code: code.toLowerCase(), said: `${category}/${code}`, ...(description && { description }) };
}
