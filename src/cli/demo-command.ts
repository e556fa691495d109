import { startSandbox } from '../sandbox/start-sandbox.js';
import type { Decision } from '../core/decision.js';
import { formatTable } from './format-table.js';
import { parseFlags } from './parse-flags.js';
import { runDemo } from './run-demo.js';
import { providersInWords } from './provider-words.js';

export const DEMO_HELP = `Usage: precheck demo [--json]

Starts the sandbox (fake ${providersInWords()} on free loopback ports), runs every case of the
provider documents through the engine, and prints provider, intent, case, decision and reason.
Exit code 0 when every decision is the documented one, 1 otherwise.

  --json   print the decisions as JSON lines instead of a table`;

/** The name check's code, and the held name where the payer is shown it (a close match). */
const nameCheckWords = (decision: Decision) =>
  'nameCheck' in decision && decision.nameCheck
    ? `name ${decision.nameCheck.code}${decision.nameCheck.heldName ? ` "${decision.nameCheck.heldName}"` : ''}`
    : '';

const detail = (decision: Decision) =>
  [
    ...(decision.status === 'proceed'
      ? [decision.createAccount ? 'create account' : '', decision.verified ? 'verified' : 'unverified', decision.account.fullName ?? '']
      : ['reason' in decision ? decision.reason : '']),
    nameCheckWords(decision),
  ]
    .filter(Boolean)
    .join(', ');

export async function demoCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseFlags({ args, options: { json: { type: 'boolean' } } });
  const sandbox = await startSandbox();
  try {
    const rows = await runDemo(sandbox);
    if (values.json) {
      for (const row of rows) out(JSON.stringify({ case: row.scenario.case, asExpected: row.asExpected, decision: row.decision }));
    } else {
      out(
        formatTable(
          ['provider', 'intent', 'case', 'decision', 'reason / detail', 'ok'],
          rows.map(({ scenario, decision, asExpected }) => [
            scenario.provider,
            scenario.request.intent,
            scenario.case,
            decision.status,
            detail(decision),
            asExpected ? 'yes' : 'NO',
          ]),
        ),
      );
      const failed = rows.filter((row) => !row.asExpected).length;
      out(`\n${rows.length} scenarios, ${rows.length - failed} as documented, ${failed} not.`);
    }
    return rows.every((row) => row.asExpected) ? 0 : 1;
  } finally {
    await sandbox.close();
  }
}
