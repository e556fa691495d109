import { providerHttp } from '../src/transport/provider-http.js';
import { BufferedResponse } from '../src/transport/buffered-response.js';
import { readBody } from '../src/transport/read-body.js';
import { interleaved } from './interleaved.js';

export interface KyPartsRow {
  name: string;
  microseconds: number;
}

const ANSWER = new TextEncoder().encode('{"firstName":"Ama","lastName":"Koffi"}') as Uint8Array<ArrayBuffer>;

/** A `fetch` with no I/O that does what `pooledFetch` does with ky's Request (headers, signal, body) and answers at once. */
const instantFetch = (async (input: Request) => {
  const headers: Record<string, string> = {};
  input.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (input.body) await input.arrayBuffer();
  return new BufferedResponse(ANSWER, { status: 200, headers: { 'content-type': 'application/json' } });
}) as unknown as typeof fetch;

/**
 * What ky costs per request without any I/O, the provider's client as the engine builds it (`providerHttp`) over a
 * `fetch` that answers at once, and the Web API objects each call makes inside ky (its Request, the clone it keeps
 * for retries, the `AbortSignal.any` joining the caller's signal to its own).
 */
export async function kyParts(): Promise<KyPartsRow[]> {
  const http = providerHttp('http://127.0.0.1:1/', instantFetch).extend({ headers: { 'X-Auth-ApiKey': 'key', 'X-Auth-ApiSecret': 'secret' } });
  const signal = new AbortController().signal;
  const json = { function: 'BEEP.validateAccount', countryCode: 'GH', payload: { packet: [{ serviceCode: 'GH-DSTV', accountNumber: '307001' }] } };
  const body = JSON.stringify(json);
  const t = await interleaved(
    {
      get: async () => readBody(await http.get('external/customer/%2B2290197000001', { signal })),
      getNoSignal: async () => readBody(await http.get('external/customer/%2B2290197000001')),
      post: async () => readBody(await http.post('v1/global-api/payments', { signal, json })),
      request: () => new Request('http://127.0.0.1:1/x', { method: 'GET' }),
      requestClone: () => new Request('http://127.0.0.1:1/x', { method: 'GET' }).clone(),
      postRead: () => new Request('http://127.0.0.1:1/x', { method: 'POST', body, duplex: 'half' } as RequestInit).arrayBuffer(),
      postCloneRead: async () => {
        const request = new Request('http://127.0.0.1:1/x', { method: 'POST', body, duplex: 'half' } as RequestInit);
        const clone = request.clone();
        await request.arrayBuffer();
        await clone.body?.cancel();
      },
      signalAny: () => AbortSignal.any([signal, new AbortController().signal]),
    },
    31,
    100,
  );
  const us = t.microseconds;
  return [
    { name: "ky GET through a provider's client, the lookup's signal passed (B-MO's call)", microseconds: us.get },
    { name: '… the same without a signal (no `AbortSignal.any` in ky)', microseconds: us.getNoSignal },
    { name: 'ky POST of a JSON body, signal passed (BEEP’s call)', microseconds: us.post },
    { name: '`new Request` (GET)', microseconds: us.request },
    { name: '… and its clone (ky keeps one for retries, even with `retry: 0`)', microseconds: us.requestClone },
    { name: '`new Request` with a body, body read', microseconds: us.postRead },
    { name: '… cloned first (the clone tees the body stream)', microseconds: us.postCloneRead },
    { name: "`AbortSignal.any` of the caller's signal and ky's own", microseconds: us.signalAny },
  ];
}
