import { loadUndici, undiciLoaded } from './create-dispatcher.js';
import { ProviderPool } from './provider-pool.js';
import type { ProviderTransports, TransportConfig } from './read-transport.js';

const noop = () => {};

/** An engine's connection pools: one per configured built-in provider. */
export class ProviderPools {
  private readonly pools = new Map<string, ProviderPool>();

  constructor(private readonly transports: ProviderTransports) {}

  /** The `fetch` over `provider`'s own pool. */
  fetchFor(provider: string): typeof fetch {
    let pool = this.pools.get(provider);
    if (!pool) {
      pool = new ProviderPool(this.transports[provider] as TransportConfig);
      this.pools.set(provider, pool);
    }
    return pool.fetch;
  }

  /**
   * What to wait for before the pools can send: undici loading (the first time, in a fresh process, a good part of
   * a short attempt's bound), or nothing (`undefined`) once it is loaded, so that a check starts at once. Never
   * rejects: a load that failed fails each request, which the check decides on as any transport failure.
   */
  ready(): Promise<void> | undefined {
    return undiciLoaded() || Object.keys(this.transports).length === 0 ? undefined : loadUndici().then(noop, noop);
  }

  /** Ends every provider request in flight now (their checks answer retry) and closes the pools: a service's grace end. */
  abort(): void {
    for (const pool of this.pools.values()) pool.abort();
  }

  /** Resolves once every pool is closed (requests in flight end first, each within its attempt's bound). */
  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
  }
}
