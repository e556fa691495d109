import { optional } from '../../core/option-values.js';
import { transportSettingsSchema } from '../../transport/transport-schema.js';

/** `providers.<name>.http`: a provider's own pool, proxy and TLS over the engine-wide `http`. */
export const transportField = () =>
  optional(transportSettingsSchema, "This provider's connection pool, proxy and TLS: each field replaces the engine-wide `http` one.", {
    default: '`http`',
  });
