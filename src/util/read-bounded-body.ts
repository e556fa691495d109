/**
 * A request's body, read chunk by chunk and given up (the stream cancelled) as soon as it passes `maxBytes`: a body
 * sent to a public endpoint is never buffered past its bound.
 */
export async function readBoundedBody(request: Request, maxBytes: number): Promise<Buffer | 'too-large'> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
