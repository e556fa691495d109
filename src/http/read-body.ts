/** Largest provider body we read; a documented answer is a few hundred bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`response body exceeds ${MAX_BODY_BYTES} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a body as text without holding more than `maxBytes`. A cut connection rejects (a network error). */
export async function readBody(response: Response, maxBytes = MAX_BODY_BYTES): Promise<string> {
  if (!response.body) return '';
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body.cancel();
    throw new BodyTooLargeError();
  }
  // A declared length within bounds (the usual case): undici enforces it, so the body can be read in one go.
  if (response.headers.has('content-length') && Number.isInteger(declared)) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw new BodyTooLargeError();
    }
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * JSON.parse that answers `undefined` for anything that is not JSON. A `"__proto__"` key becomes an own property
 * (JSON.parse never touches prototypes), and answers are only read field by field, never merged into objects.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
