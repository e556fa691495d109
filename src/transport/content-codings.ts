/**
 * The content codings whose bodies we read if a provider uses one although we ask for `identity`: their decoders
 * keep a 32 KiB window and stop when reading stops. Others are not read: brotli's decoder may fill a 16 MiB window
 * before its first byte.
 */
const READ_CODINGS: Readonly<Record<string, 'gzip' | 'deflate'>> = { gzip: 'gzip', 'x-gzip': 'gzip', deflate: 'deflate' };

/** A `Content-Encoding` header's codings, lower-case, in the order they were applied; `identity` and blanks left out. */
export function contentCodings(header: string | readonly string[] | null | undefined): string[] {
  if (header === null || header === undefined) return [];
  return String(header)
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

/** How a coding's body is decoded; `undefined` for a coding we do not read. */
export const decodingOf = (coding: string): 'gzip' | 'deflate' | undefined => (Object.hasOwn(READ_CODINGS, coding) ? READ_CODINGS[coding] : undefined);
