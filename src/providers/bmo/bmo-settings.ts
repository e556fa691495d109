import type * as v from 'valibot';
import { headerCredential, httpUrl, required, settings } from '../../core/option-values.js';
import { transportField } from '../shared/transport-field.js';

export const bmoSettingsSchema = settings({
  baseUrl: required(httpUrl, 'B-MO\'s API, e.g. `https://svc.test.bestcash.me`.'),
  apiKey: required(headerCredential, 'Sent as a header: visible ASCII or Latin-1 only (U+0021–U+007E, U+00A1–U+00FF, spaces between).'),
  apiSecret: required(headerCredential, 'Sent as a header, like `apiKey`.'),
  http: transportField(),
});

/** `providers.bmo`: `{ baseUrl, apiKey, apiSecret, http? }`. */
export type BmoSettings = v.InferInput<typeof bmoSettingsSchema>;
