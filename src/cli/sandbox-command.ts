import { parseArgs } from 'node:util';
import { BEEP_TRIGGERS, BMO_TRIGGERS } from '../sandbox/fixtures.js';
import { startSandbox } from '../sandbox/start-sandbox.js';
import { formatTable } from './format-table.js';
import { readInteger } from './read-integer.js';

export const SANDBOX_HELP = `Usage: precheck sandbox [--bmo-port N] [--beep-port N]

Keeps the fake B-MO and BEEP servers running on loopback (free ports unless given) until Ctrl-C,
and prints their URLs, credentials and trigger values.`;

export async function sandboxCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { 'bmo-port': { type: 'string' }, 'beep-port': { type: 'string' } } });
  const sandbox = await startSandbox({
    bmoPort: readInteger('--bmo-port', values['bmo-port'], 0, 65_535) ?? 0,
    beepPort: readInteger('--beep-port', values['beep-port'], 0, 65_535) ?? 0,
  });
  const { bmo, beep } = sandbox.providers;
  out(`B-MO  ${bmo.baseUrl}  X-Auth-ApiKey: ${bmo.apiKey}  X-Auth-ApiSecret: ${bmo.apiSecret}`);
  out(`BEEP  ${beep.baseUrl}/v1/global-api/payments  username: ${beep.username}  password: ${beep.password}\n`);
  out(formatTable(['B-MO phone', 'answer'], BMO_TRIGGERS.map((t) => [t.value, t.case])));
  out('any other possible number: 404 customer not found\n');
  out(formatTable(['BEEP accountNumber', 'answer'], BEEP_TRIGGERS.map((t) => [t.value, t.case])));
  out('any other account number: 306 invalid account\n\nCtrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.close();
  return 0;
}
