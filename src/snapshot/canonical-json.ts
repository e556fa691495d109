const MAX_DEPTH = 32;

/**
 * The one serialisation a signature is computed over: JSON with object keys sorted (by UTF-16 code units, as RFC 8785
 * does), no whitespace, `undefined` members left out. Throws for what JSON cannot carry faithfully (non-finite
 * numbers, bigints, functions, `undefined` in an array), for nesting deeper than 32 levels, and past `maxLength`
 * characters, so that hostile input costs little.
 */
export function canonicalJson(value: unknown, maxLength: number): string {
  const parts: string[] = [];
  let length = 0;
  const emit = (part: string) => {
    length += part.length;
    if (length > maxLength) throw new RangeError(`longer than ${maxLength} characters`);
    parts.push(part);
  };
  const write = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) throw new RangeError(`nested deeper than ${MAX_DEPTH} levels`);
    if (typeof node === 'number' && !Number.isFinite(node)) throw new TypeError('a number that is not finite');
    if (node === null || typeof node === 'boolean' || typeof node === 'string' || typeof node === 'number') {
      emit(JSON.stringify(node));
    } else if (Array.isArray(node)) {
      emit('[');
      node.forEach((item, i) => {
        if (i > 0) emit(',');
        write(item, depth + 1);
      });
      emit(']');
    } else if (typeof node === 'object') {
      const record = node as Record<string, unknown>;
      const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
      emit('{');
      keys.forEach((key, i) => {
        emit(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
        write(record[key], depth + 1);
      });
      emit('}');
    } else {
      throw new TypeError(`a ${typeof node}, which JSON cannot carry`);
    }
  };
  write(value, 0);
  return parts.join('');
}
