import { gzipSync } from 'node:zlib';

const MiB = 1024 * 1024;

/** What a decompression bomb decodes to: the figures the sandbox's bomb triggers announce. */
export const GZIP_BOMB_DECODED_BYTES = 1024 * MiB;
export const BROTLI_BOMB_DECODED_BYTES = 256 * MiB;

let gzipBuilt: Buffer | undefined;

/**
 * A body to send with `Content-Encoding: gzip, gzip`: about 2.5 KB that decode to 1 GiB of zeros. Built once, in
 * milliseconds, from 1,024 copies of one gzip member (a gzip stream may hold several), gzipped again.
 */
export function gzipGzipBomb(): Buffer {
  gzipBuilt ??= gzipSync(Buffer.concat(Array<Buffer>(GZIP_BOMB_DECODED_BYTES / MiB).fill(gzipSync(Buffer.alloc(MiB), { level: 9 }))), {
    level: 9,
  });
  return gzipBuilt;
}

/**
 * A body to send with `Content-Encoding: br`: 203 bytes that decode to 256 MiB of zeros. Kept as bytes because
 * building it takes most of a second: it is what `createBrotliCompress` gives for 256 MiB of zeros with
 * BROTLI_PARAM_QUALITY 4, BROTLI_PARAM_LGWIN 24 and the size as BROTLI_PARAM_SIZE_HINT.
 */
export function brotliBomb(): Buffer {
  return Buffer.from(BROTLI_BOMB_BASE64, 'base64');
}

const BROTLI_BOMB_BASE64 =
  'z///fwAkAOKxQHLv//n//w+ABEAcFoDu/T////8BkACIwwLQvf/n//8/ABIAcVgAuvf//P//B0ACIA4LQPf+n////wBIAMRhAeje//P//x8ACYA4LADd+3/+//8DIAEQhwWge//P//9/ACQA4rAAdO//+f//D4AEQBwWgO79P////wGQAIjDAtC9/+f//z8AEgBxWAC69//8//8HQAIgDgtA9/6f////AEgAxGEB6N7/8///HwAJgDgsAN37f/7//wMgARCHBaB7/z8=';
