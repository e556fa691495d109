const MAX_DEPTH = 32;

/**
 * The one serialisation a signature is computed over: JSON with object keys sorted (by UTF-16 code units, as RFC 8785
 * does), no whitespace, `undefined` members left out. Throws for what JSON cannot carry faithfully (non-finite
 * numbers, bigints, functions, `undefined` in an array), for nesting deeper than 32 levels, and past `maxLength`
 * characters, so that hostile input costs little.
 */
export function canonicalJson(value: unknown, maxLength: number): string {
  let length = 0;
  const counted = (text: string) => {
    length += text.length;
    if (length > maxLength) throw new RangeError(`longer than ${maxLength} characters`);
    return text;
  };
  const write = (node: unknown, depth: number): string => {
    if (depth > MAX_DEPTH) throw new RangeError(`nested deeper than ${MAX_DEPTH} levels`);
    switch (typeof node) {
      case 'string':
      case 'boolean':
        return counted(JSON.stringify(node));
      case 'number':
        if (!Number.isFinite(node)) throw new TypeError('a number that is not finite');
        return counted(JSON.stringify(node));
      case 'object': {
        if (node === null) return counted('null');
        if (Array.isArray(node)) {
          let out = counted('[');
          for (let i = 0; i < node.length; i++) out += (i > 0 ? counted(',') : '') + write(node[i], depth + 1);
          return out + counted(']');
        }
        const record = node as Record<string, unknown>;
        let out = counted('{');
        let first = true;
        for (const key of Object.keys(record).sort()) {
          if (record[key] === undefined) continue;
          out += counted(`${first ? '' : ','}${JSON.stringify(key)}:`) + write(record[key], depth + 1);
          first = false;
        }
        return out + counted('}');
      }
      default:
        throw new TypeError(`a ${typeof node}, which JSON cannot carry`);
    }
  };
  return write(value, 0);
}
