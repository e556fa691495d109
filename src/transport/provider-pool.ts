import type { Dispatcher } from 'undici';
import { createDispatcher } from './create-dispatcher.js';
import { pooledFetch } from './pooled-fetch.js';
import type { TransportConfig } from './read-transport.js';

/** What a request meets once the engine is closed (`precheck.close()`): a network error, as fetch would give. */
const closedError = () => Object.assign(new Error('the engine is closed'), { code: 'ENGINE_CLOSED' });

/**
 * One provider's connection pool and the `fetch` its ky client uses. The dispatcher is built on the first request,
 * not before (see `createDispatcher`); `close()` waits for requests in flight, then closes every socket.
 */
export class ProviderPool {
  readonly fetch: typeof fetch;
  private dispatcher?: Dispatcher;
  private loading?: Promise<Dispatcher>;
  private closed = false;

  constructor(config: TransportConfig) {
    this.fetch = pooledFetch(() => (this.closed ? Promise.reject(closedError()) : (this.dispatcher ?? this.load(config))));
  }

  private load(config: TransportConfig): Promise<Dispatcher> {
    this.loading ??= createDispatcher(config).then((dispatcher) => (this.dispatcher = dispatcher));
    return this.loading;
  }

  /** Ends every request in flight now (each fails as the engine being closed would) and closes the pool. */
  abort(): void {
    this.closed = true;
    const destroy = (dispatcher: Dispatcher) => dispatcher.destroy(closedError()).catch(() => {});
    if (this.dispatcher) destroy(this.dispatcher);
    else this.loading?.then(destroy, () => {});
  }

  /** Resolves once every socket of the pool is closed. Never rejects. */
  async close(): Promise<void> {
    this.closed = true;
    const dispatcher = this.dispatcher ?? (await this.loading?.catch(() => undefined));
    await dispatcher?.close().catch(() => {});
  }
}
