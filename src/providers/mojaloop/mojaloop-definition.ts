import { defineProvider } from '../provider-definition.js';
import { mojaloopCallbackReceiver } from './mojaloop-callback-receiver.js';
import { mojaloopEnv } from './mojaloop-env.js';
import { MojaloopProvider } from './mojaloop-provider.js';
import { mojaloopSettingsSchema } from './mojaloop-settings.js';

export const mojaloop = defineProvider({
  name: 'mojaloop',
  displayName: 'Mojaloop',
  summary:
    "Mojaloop party lookup (`GET /parties/{Type}/{ID}`): through an SDK scheme adapter's outbound API (`mode: 'sdk'`), or the switch's FSPIOP API with callbacks (`mode: 'fspiop'`).",
  settingsSchema: mojaloopSettingsSchema,
  secrets: () => [],
  userNames: () => [],
  create: (deps) => new MojaloopProvider(deps.http, deps.settings, deps),
  env: mojaloopEnv,
  callbackReceiver: (deps) => mojaloopCallbackReceiver(deps),
});
