import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Every stdout line so far (the start line, request log lines, drain lines). */
  stdout: string[];
  stderr: string[];
  /** The start line: `{ msg: 'listening', url, callbackUrl?, store, sandbox? }`. */
  started: { url: string; callbackUrl?: string; store: string; sandbox?: { bmo: string; beep: string; 'mtn-momo': string; gsma: string; mojaloop?: string } };
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Sends `signal` (default SIGTERM) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * `precheck serve` in its own process, as an operator runs it, on a free port. Resolves once it printed the line
 * with its URL; rejects with what it printed when it exits first.
 */
export async function startServeProcess(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PRECHECK_SERVE_TOKENS: '', ...env },
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const lines = createInterface({ input: child.stdout! });
  const started = await new Promise<ServeProcess['started']>((resolve, reject) => {
    lines.on('line', (line) => {
      stdout.push(line);
      if (line.includes('"msg":"listening"')) resolve(JSON.parse(line));
    });
    exited.then((code) => reject(new Error(`precheck serve exited (${code}) before listening:\n${stdout.join('\n')}\n${stderr.join('')}`)));
  });
  return {
    url: started.url,
    child,
    stdout,
    stderr,
    started,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The `PRECHECK_*` variables that point `precheck serve` at a sandbox's providers. */
export function providerEnv(providers: {
  bmo: { baseUrl: string; apiKey: string; apiSecret: string };
  beep: { baseUrl: string; username: string; password: string };
}): Record<string, string> {
  return {
    PRECHECK_BMO_BASE_URL: providers.bmo.baseUrl,
    PRECHECK_BMO_API_KEY: providers.bmo.apiKey,
    PRECHECK_BMO_API_SECRET: providers.bmo.apiSecret,
    PRECHECK_BEEP_BASE_URL: providers.beep.baseUrl,
    PRECHECK_BEEP_USERNAME: providers.beep.username,
    PRECHECK_BEEP_PASSWORD: providers.beep.password,
  };
}
