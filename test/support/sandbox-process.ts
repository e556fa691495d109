import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/index.js';
import { SANDBOX_STATS_PATH } from '../../src/sandbox/start-sandbox.js';

/**
 * The sandbox in its own process (`precheck sandbox`), as a real peer: under load, a client and a server sharing one
 * event loop stall each other's connections, which measures the test rig, not the engine.
 */
export async function startSandboxProcess() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'sandbox'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const urls: Record<string, string> = {};
  for await (const line of createInterface({ input: child.stdout! })) {
    const match = /^(B-MO|BEEP)\s+(http:\/\/[\d.:]+)/.exec(line);
    if (match) urls[match[1]] = match[2];
    if (urls['B-MO'] && urls.BEEP) break;
  }
  const bmoUrl = urls['B-MO'];
  return {
    providers: {
      bmo: { baseUrl: bmoUrl, ...SANDBOX_CREDENTIALS.bmo },
      beep: { baseUrl: urls.BEEP, ...SANDBOX_CREDENTIALS.beep },
    },
    /** Requests the fakes have seen so far, both providers together. */
    async requests(): Promise<number> {
      const counts = (await (await fetch(`${bmoUrl}${SANDBOX_STATS_PATH}`)).json()) as { bmo: number; beep: number };
      return counts.bmo + counts.beep;
    },
    async close(): Promise<void> {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
