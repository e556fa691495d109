import { SHORT_LIVED_EXPIRES_IN_S, SHORT_LIVED_TOKEN_USERS } from '../sandbox/fixtures.js';
import { BMO_TRIGGERS } from '../providers/bmo/bmo-fixtures.js';
import { BEEP_TRIGGERS } from '../providers/beep/beep-fixtures.js';
import { GSMA_TRIGGERS } from '../providers/gsma/gsma-fixtures.js';
import { MTN_TRIGGERS } from '../providers/mtn-momo/mtn-momo-fixtures.js';
import { MOJALOOP_OTHERWISE, MOJALOOP_TRIGGERS } from '../providers/mojaloop/mojaloop-fixtures.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../sandbox/start-sandbox.js';
import { formatTable } from './format-table.js';
import { parseFlags } from './parse-flags.js';
import { readInteger } from './read-integer.js';

export const SANDBOX_HELP = `Usage: precheck sandbox [--bmo-port N] [--beep-port N] [--mtn-port N] [--gsma-port N] [--mojaloop-port N]
                       [--mojaloop-callback-url URL]

Keeps the fake B-MO, BEEP, MTN MoMo, GSMA and Mojaloop servers running on loopback (free ports unless given) until
Ctrl-C, and prints their URLs, credentials and trigger values. The Mojaloop switch sends its callbacks to
--mojaloop-callback-url (e.g. http://127.0.0.1:8080/fspiop for a precheck serve); its public JWS keys are written to
PEM files whose paths it prints, ready for PRECHECK_MOJALOOP_JWS_KEYS.`;

export async function sandboxCommand(args: string[], out: (text: string) => void): Promise<number> {
  const port = { type: 'string' } as const;
  const { values } = parseFlags({
    args,
    options: { 'bmo-port': port, 'beep-port': port, 'mtn-port': port, 'gsma-port': port, 'mojaloop-port': port, 'mojaloop-callback-url': port },
  });
  const sandbox = await startSandbox({
    bmoPort: readInteger('--bmo-port', values['bmo-port'], 0, 65_535) ?? 0,
    beepPort: readInteger('--beep-port', values['beep-port'], 0, 65_535) ?? 0,
    mtnPort: readInteger('--mtn-port', values['mtn-port'], 0, 65_535) ?? 0,
    gsmaPort: readInteger('--gsma-port', values['gsma-port'], 0, 65_535) ?? 0,
    mojaloopPort: readInteger('--mojaloop-port', values['mojaloop-port'], 0, 65_535) ?? 0,
    ...(values['mojaloop-callback-url'] !== undefined && { mojaloopCallbackUrl: values['mojaloop-callback-url'] }),
  });
  const { bmo, beep, gsma } = sandbox.providers;
  const mtn = sandbox.providers['mtn-momo'];
  const basic = sandbox.credentials.gsma.basic;
  const oauth = sandbox.credentials.gsma.oauth2;
  out(`B-MO  ${bmo.baseUrl}  X-Auth-ApiKey: ${bmo.apiKey}  X-Auth-ApiSecret: ${bmo.apiSecret}`);
  out(`BEEP  ${beep.baseUrl}/v1/global-api/payments  username: ${beep.username}  password: ${beep.password}`);
  out(
    `MTN   ${mtn.baseUrl}  apiUser: ${mtn.apiUser}  apiKey: ${mtn.apiKey}  targetEnvironment: ${mtn.targetEnvironment}` +
      `  collection key: ${mtn.subscriptionKeys.collection}  disbursement key: ${mtn.subscriptionKeys.disbursement}`,
  );
  out(`GSMA  ${sandbox.gsmaBasic.baseUrl}  Basic ${basic.username} / ${basic.password}  X-API-Key: ${gsma.apiKey}`);
  out(`GSMA  ${gsma.baseUrl}  OAuth 2.0: ${gsma.auth.type === 'oauth2' ? gsma.auth.tokenUrl : ''}  client ${oauth.clientId} / ${oauth.clientSecret}`);
  const fspiop = sandbox.mojaloopFspiop;
  const keysDir = mkdtempSync(join(tmpdir(), 'precheck-sandbox-jws-'));
  const keyFiles = Object.entries(fspiop.jws?.keys ?? {}).map(([fsp, pem]) => {
    const file = join(keysDir, `${fsp}.pem`);
    writeFileSync(file, pem);
    return `${fsp}=${file}`;
  });
  out(`Mojaloop SDK adapter  ${sandbox.providers.mojaloop.baseUrl}  (PRECHECK_MOJALOOP_MODE=sdk)`);
  out(
    `Mojaloop FSPIOP switch  ${fspiop.baseUrl}  fspId: ${fspiop.fspId}  apiVersion: ${fspiop.apiVersion}  callbacks to: ` +
      `${values['mojaloop-callback-url'] ?? '(none: pass --mojaloop-callback-url)'}\n  PRECHECK_MOJALOOP_JWS_KEYS=${keyFiles.join(',')}`,
  );
  out(
    `Tokens that say expires_in: ${SHORT_LIVED_EXPIRES_IN_S} (kept one second): MTN apiUser ${SHORT_LIVED_TOKEN_USERS['mtn-momo']}, ` +
      `GSMA client ${SHORT_LIVED_TOKEN_USERS.gsma} (same key / secret)\n`,
  );
  out(formatTable(['B-MO phone', 'answer'], BMO_TRIGGERS.map((t) => [t.value, t.case])));
  out('any other possible number: 404 customer not found\n');
  out(formatTable(['BEEP accountNumber', 'answer'], BEEP_TRIGGERS.map((t) => [t.value, t.case])));
  out('any other account number: 306 invalid account\n');
  out(formatTable(['MTN MoMo phone', 'answer'], MTN_TRIGGERS.map((t) => [t.value, t.case])));
  out('any other number: active, basicuserinfo "Sand Box" (as MTN\'s sandbox)\n');
  out(formatTable(['GSMA identifier', 'answer'], GSMA_TRIGGERS.map((t) => [t.value, t.case])));
  out('any other identifier: 404 identification/identifierError\n');
  out(formatTable(['Mojaloop party (Type/ID)', 'answer'], MOJALOOP_TRIGGERS.map((t) => [t.value, t.case])));
  out(`any other party: ${MOJALOOP_OTHERWISE}\n\nCtrl-C to stop.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.close();
  return 0;
}
