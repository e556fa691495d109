import { spawn } from 'node:child_process';
import type { PrecheckOptions } from '../src/index.js';
import type { LoopResult } from './stats.js';

export interface GcRow {
  contender: 'undici' | 'bareKy' | 'kyOverPool' | 'engine';
  /** Calls in the measured load (after a warm-up). */
  calls: number;
  /** Scavenges (minor collections) per 1,000 calls. */
  scavengesPerThousand: number;
  /** Bytes allocated per call (V8's count of what was allocated between collections). */
  allocatedBytesPerCall: number;
  /** Bytes promoted to the old generation by those scavenges, per call. */
  promotedBytesPerCall: number;
  /** Mark-compacts (major collections) during the whole measured load. */
  markCompacts: number;
  /** Time in collections, per call (µs). */
  pauseMicrosecondsPerCall: number;
  load: LoopResult;
}

/** One `--trace-gc-nvp` line: the time since the isolate started, and its name=value fields. */
function readTrace(line: string): { at: number; fields: Record<string, string> } | undefined {
  const match = /\]\s+(\d+) ms: (.*)$/.exec(line);
  if (!match) return undefined;
  const fields: Record<string, string> = {};
  for (const pair of match[2].split(' ')) {
    const equals = pair.indexOf('=');
    if (equals > 0) fields[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return { at: Number(match[1]), fields };
}

async function measure(contender: GcRow['contender'], bmo: NonNullable<PrecheckOptions['providers']['bmo']>, total: number): Promise<GcRow> {
  const child = spawn(process.execPath, ['--trace-gc-nvp', '--import', 'tsx', 'bench/gc-load.ts', JSON.stringify({ contender, bmo, total })], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const summary = err.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !summary.startsWith('{')) throw new Error(`gc load for ${contender} failed (${code}): ${err.slice(-400)}`);
  const { began, ended, result } = JSON.parse(summary) as { began: number; ended: number; result: LoopResult };
  let scavenges = 0;
  let promoted = 0;
  let markCompacts = 0;
  let pause = 0;
  let allocated = 0;
  for (const line of out.split('\n')) {
    const trace = readTrace(line);
    if (!trace || trace.at < began || trace.at > ended) continue;
    pause += Number(trace.fields.pause ?? 0);
    allocated += Number(trace.fields.allocated ?? 0);
    if (trace.fields.gc === 's') {
      scavenges += 1;
      promoted += Number(trace.fields.promoted ?? 0);
    } else if (trace.fields.gc === 'ms' || trace.fields.gc === 'mc') markCompacts += 1;
  }
  return {
    contender,
    calls: total,
    scavengesPerThousand: (scavenges * 1000) / total,
    allocatedBytesPerCall: allocated / total,
    promotedBytesPerCall: promoted / total,
    markCompacts,
    pauseMicrosecondsPerCall: (pause * 1000) / total,
    load: result,
  };
}

/**
 * Garbage collection under load: B-MO GETs at concurrency 64 against the sandbox, each contender in a fresh process
 * of its own under `--trace-gc-nvp` (V8's own account of every collection: its kind, pause and promoted bytes).
 */
export async function gcFigures(bmo: NonNullable<PrecheckOptions['providers']['bmo']>, total: number): Promise<GcRow[]> {
  const rows: GcRow[] = [];
  for (const contender of ['undici', 'bareKy', 'kyOverPool', 'engine'] as const) rows.push(await measure(contender, bmo, total));
  return rows;
}
