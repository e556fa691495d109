import ky, { type KyInstance } from 'ky';

/**
 * A ky client for one provider: no ky retries or timeout (the machine owns both), redirects not followed, bodies
 * asked for unencoded (answers are a few hundred bytes; see `readBody` for one encoded anyway). Every path is
 * appended to `baseUrl`, path included (ky's `prefixUrl`), never resolved from the host's root. Without a
 * `baseUrl`, requests name absolute URLs (a token endpoint). `fetch`: the provider's pool (`ProviderPool`); Node's
 * own when left out.
 */
export function providerHttp(baseUrl?: string, fetch?: typeof globalThis.fetch): KyInstance {
  // Following a redirect would carry the credential headers to wherever the provider points.
  return ky.create({
    ...(baseUrl !== undefined && { prefixUrl: baseUrl }),
    ...(fetch && { fetch }),
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    redirect: 'manual',
    headers: { 'accept-encoding': 'identity' },
  });
}
