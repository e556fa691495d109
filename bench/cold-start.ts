import { execFileSync } from 'node:child_process';
import { percentile } from './stats.js';

export interface ColdStartRow {
  runs: number;
  importAndCreateMs: number;
  processWallMs: number;
}

const SCRIPT = `
const started = performance.now();
const { createPrecheck } = await import(process.argv[1]);
createPrecheck({ providers: { bmo: { baseUrl: 'http://127.0.0.1:1', apiKey: 'key-1234', apiSecret: 'secret-1234' } } });
process.stdout.write(String(performance.now() - started));
`;

/** In fresh processes: importing the built package and creating an engine (median of `runs`), and the whole process. */
export function coldStart(entry: string, runs = 15): ColdStartRow {
  const inside: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    inside.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT, entry], { encoding: 'utf8' })));
    wall.push(performance.now() - t);
  }
  inside.sort((a, b) => a - b);
  wall.sort((a, b) => a - b);
  return { runs, importAndCreateMs: percentile(inside, 50), processWallMs: percentile(wall, 50) };
}
