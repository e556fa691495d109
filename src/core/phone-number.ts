import { createRequire } from 'node:module';
import type { MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core';

interface PhoneLibrary {
  parse: typeof parsePhoneNumberFromString;
  metadata: MetadataJson;
}

// libphonenumber-js loaded on the first number read, not on `import 'precheck'`: its ES build is ~110 modules (about
// half of a cold start). Its CommonJS build (core + the "min" metadata, the same the default entry uses) loads in
// about half that time, and an engine that is never asked about a phone number does not load it at all. The first
// check with a phone number loads it before its clock starts (src/engine/warm-up.ts).
let library: PhoneLibrary | undefined;
export function phoneLibrary(): PhoneLibrary {
  if (!library) {
    const require = createRequire(import.meta.url);
    library = {
      parse: (require('libphonenumber-js/core') as { parsePhoneNumberFromString: PhoneLibrary['parse'] }).parsePhoneNumberFromString,
      metadata: require('libphonenumber-js/metadata.min.json') as MetadataJson,
    };
  }
  return library;
}

/** An international number in E.164 (`+` and digits), or undefined when it is not a possible number. */
export function toE164(text: string): string | undefined {
  const { parse, metadata } = phoneLibrary();
  const parsed = parse(text, metadata);
  return parsed?.isPossible() ? parsed.number : undefined;
}
