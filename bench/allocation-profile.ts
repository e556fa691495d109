import { Session } from 'node:inspector/promises';
import { createPrecheck } from '../src/index.js';
import { memoryProvider } from './memory-provider.js';

export interface AllocationProfile {
  /** Bytes a check allocates (provider in memory, cache and single flight off), sampled every 256 bytes. */
  bytesPerCheck: number;
  /** The same split by whose code allocated them: each native frame counted with the JavaScript that called it. */
  byArea: Record<'XState' | 'precheck' | 'libphonenumber-js' | 'other', number>;
}

interface ProfileNode {
  callFrame: { url: string };
  selfSize: number;
  children: ProfileNode[];
}

const areaOf = (url: string): keyof AllocationProfile['byArea'] | undefined => {
  if (url === '') return undefined;
  if (url.includes('/node_modules/xstate/')) return 'XState';
  if (url.includes('/node_modules/libphonenumber-js/')) return 'libphonenumber-js';
  if (url.includes('/node_modules/') || url.startsWith('node:')) return 'other';
  return 'precheck';
};

/**
 * What a check allocates, and whose code allocates it: V8's sampling heap profiler over `checks` checks, counting
 * objects that garbage collection already took back too (what the scavenges of a load are made of).
 */
export async function allocationProfile(checks = 5000): Promise<AllocationProfile> {
  const request = { provider: 'memory', intent: 'debit', phone: '+2290197000001' } as const;
  const precheck = createPrecheck({ providers: {}, cache: { ttlMs: 0, notFoundTtlMs: 0 }, singleFlight: false, customProviders: { memory: memoryProvider } });
  for (let i = 0; i < 2000; i++) await precheck.check(request);
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  } as never);
  for (let i = 0; i < checks; i++) await precheck.check(request);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
  session.disconnect();
  await precheck.close();
  const byArea: AllocationProfile['byArea'] = { XState: 0, precheck: 0, 'libphonenumber-js': 0, other: 0 };
  const walk = (node: ProfileNode, caller: keyof AllocationProfile['byArea']) => {
    const area = areaOf(node.callFrame.url) ?? caller;
    byArea[area] += node.selfSize / checks;
    for (const child of node.children) walk(child, area);
  };
  walk(profile.head, 'other');
  return { bytesPerCheck: Object.values(byArea).reduce((sum, bytes) => sum + bytes, 0), byArea };
}
