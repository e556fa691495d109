export interface RecordedRequest {
  provider: 'bmo' | 'beep' | 'mtn-momo' | 'gsma' | 'mojaloop';
  method: string;
  path: string;
}

/** What reached the sandbox: method and path only (never headers or bodies, which carry credentials). */
export class SandboxLog {
  readonly requests: RecordedRequest[] = [];

  record(provider: RecordedRequest['provider'], method: string, path: string): void {
    this.requests.push({ provider, method, path });
  }

  count(provider?: RecordedRequest['provider']): number {
    return provider ? this.requests.filter((request) => request.provider === provider).length : this.requests.length;
  }
}
