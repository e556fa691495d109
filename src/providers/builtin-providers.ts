import { beep } from './beep/beep-definition.js';
import { bmo } from './bmo/bmo-definition.js';
import { gsma } from './gsma/gsma-definition.js';
import { mojaloop } from './mojaloop/mojaloop-definition.js';
import { mtnMomo } from './mtn-momo/mtn-momo-definition.js';

/** The built-in providers, in the order docs and `--help` list them. A new provider: its folder, and one line here. */
export const BUILTIN_PROVIDERS = [bmo, beep, mtnMomo, gsma, mojaloop] as const;

export type BuiltinProvider = (typeof BUILTIN_PROVIDERS)[number];
export type BuiltinProviderName = BuiltinProvider['name'];
