import { loadSandboxSides, type LoadedSide } from '../sandbox/sandbox-sides.js';
import { startSandbox } from '../sandbox/start-sandbox.js';
import { SHORT_LIVED_EXPIRES_IN_S } from '../sandbox/trigger.js';
import { formatTable } from './format-table.js';
import { parseFlags } from './parse-flags.js';
import { readInteger } from './read-integer.js';
import { UsageError } from './usage-error.js';

/** A fake's port flags: `--<name>-port`, and `--<older name>-port` for the four first fakes where it differs. */
const portFlags = ({ name, side }: LoadedSide): string[] =>
  [...new Set([`${name}-port`, ...(side.legacyName === undefined ? [] : [`${side.legacyName}-port`])])];

/** A fake that calls back (Mojaloop's switch) takes `--<name>-callback-url URL`: where its callbacks go. */
const callbackFlags = (sides: readonly LoadedSide[]): string[] => sides.filter(({ side }) => side.callbackReceiver).map(({ name }) => `${name}-callback-url`);

/** `precheck sandbox --help`, from the fakes (loaded to say their flags). */
export async function sandboxHelp(): Promise<string> {
  const sides = await loadSandboxSides();
  const fakes = sides.map(({ displayName }) => displayName);
  const older = sides.filter((loaded) => portFlags(loaded).length > 1).map((loaded) => `--${portFlags(loaded)[1]} N is --${portFlags(loaded)[0]} N (its older name).`);
  return [
    `Usage: precheck sandbox ${[...sides.map((loaded) => `[--${portFlags(loaded)[0]} N]`), ...callbackFlags(sides).map((flag) => `[--${flag} URL]`)].join(' ')}`,
    '',
    `Keeps the fake ${fakes.slice(0, -1).join(', ')} and ${fakes.at(-1)} servers running on loopback (free ports unless given) until Ctrl-C,`,
    'and prints their URLs, credentials and trigger values.',
    ...callbackFlags(sides).map((flag) => `--${flag}: where that fake sends its callbacks (e.g. http://127.0.0.1:8787/fspiop, a precheck serve's).`),
    ...(older.length > 0 ? ['', ...older] : []),
  ].join('\n');
}

/** The port asked for a fake: by one of its flags (not two), else 0. */
function portOf(values: Record<string, string | undefined>, loaded: LoadedSide): number {
  const given = portFlags(loaded).filter((flag) => values[flag] !== undefined);
  if (given.length > 1) throw new UsageError(`--${given[0]} and --${given[1]} are the same port: give one`);
  return given.length === 0 ? 0 : (readInteger(`--${given[0]}`, values[given[0]], 0, 65_535) ?? 0);
}

export async function sandboxCommand(args: string[], out: (text: string) => void): Promise<number> {
  const sides = await loadSandboxSides();
  const port = { type: 'string' } as const;
  const options = Object.fromEntries([...sides.flatMap(portFlags), ...callbackFlags(sides)].map((flag) => [flag, port]));
  const { values } = parseFlags({ args, options }) as { values: Record<string, string | undefined> };
  const callbackUrls = Object.fromEntries(sides.flatMap(({ name }) => (values[`${name}-callback-url`] === undefined ? [] : [[name, values[`${name}-callback-url`]!]])));
  const sandbox = await startSandbox({ ports: Object.fromEntries(sides.map((loaded) => [loaded.name, portOf(values, loaded)])), callbackUrls });
  const settings: Record<string, unknown> = sandbox.providers;
  for (const { name, side } of sides) for (const line of side.describe(settings[name], sandbox.urls[name], { url: callbackUrls[name] })) out(line);
  const shortLived = sides.flatMap(({ side }) => (side.shortLivedToken ? [`${side.shortLivedToken.says} ${side.shortLivedToken.user}`] : []));
  if (shortLived.length > 0) out(`Tokens that say expires_in: ${SHORT_LIVED_EXPIRES_IN_S} (kept one second): ${shortLived.join(', ')} (same key / secret)\n`);
  for (const { displayName, side } of sides) {
    const { field, triggers, otherwise } = side.triggers;
    out(formatTable([`${displayName} ${field}`, 'answer'], triggers.map((t) => [t.value, t.case])));
    out(`any other ${field}: ${otherwise}\n`);
  }
  out('Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.close();
  return 0;
}
