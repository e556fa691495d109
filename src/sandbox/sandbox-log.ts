/** One request that reached a fake: its provider's name, method and path. */
export interface RecordedRequest<Provider extends string = string> {
  provider: Provider;
  method: string;
  path: string;
}

/** What reached the sandbox: method and path only (never headers or bodies, which carry credentials). */
export class SandboxLog<Provider extends string = string> {
  readonly requests: RecordedRequest<Provider>[] = [];

  record(provider: Provider, method: string, path: string): void {
    this.requests.push({ provider, method, path });
  }

  count(provider?: Provider): number {
    return provider ? this.requests.filter((request) => request.provider === provider).length : this.requests.length;
  }
}
