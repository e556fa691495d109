import { constants, createBrotliCompress, gzipSync } from 'node:zlib';

const MiB = 1024 * 1024;

/** What a decompression bomb decodes to: the figures the sandbox's bomb triggers announce. */
export const GZIP_BOMB_DECODED_BYTES = 1024 * MiB;
export const BROTLI_BOMB_DECODED_BYTES = 256 * MiB;

let gzipBuilt: Buffer | undefined;
let brotliBuilt: Promise<Buffer> | undefined;

/**
 * A body to send with `Content-Encoding: gzip, gzip`: about 2.5 KB that decode to 1 GiB of zeros. Built in
 * milliseconds from 1,024 copies of one gzip member (a gzip stream may hold several), gzipped again.
 */
export function gzipGzipBomb(): Buffer {
  gzipBuilt ??= gzipSync(Buffer.concat(Array<Buffer>(GZIP_BOMB_DECODED_BYTES / MiB).fill(gzipSync(Buffer.alloc(MiB), { level: 9 }))), {
    level: 9,
  });
  return gzipBuilt;
}

/** A body to send with `Content-Encoding: br`: a few hundred bytes that decode to 256 MiB of zeros (built once, ~0.6 s). */
export function brotliBomb(): Promise<Buffer> {
  brotliBuilt ??= new Promise<Buffer>((resolve, reject) => {
    const compress = createBrotliCompress({
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 4,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: BROTLI_BOMB_DECODED_BYTES,
      },
    });
    const chunks: Buffer[] = [];
    compress.on('data', (chunk: Buffer) => chunks.push(chunk));
    compress.on('end', () => resolve(Buffer.concat(chunks)));
    compress.on('error', reject);
    const zeros = Buffer.alloc(MiB);
    let written = 0;
    const write = () => {
      while (written < BROTLI_BOMB_DECODED_BYTES) {
        written += MiB;
        if (!compress.write(zeros)) {
          compress.once('drain', write);
          return;
        }
      }
      compress.end();
    };
    write();
  });
  return brotliBuilt;
}
