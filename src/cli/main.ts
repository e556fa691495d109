#!/usr/bin/env node
import { PrecheckConfigError } from '../engine/options/read-options.js';
import { checkCommand, CHECK_HELP } from './check-command.js';
import { DEMO_HELP, demoCommand } from './demo-command.js';
import { DOCS_HELP, docsCommand } from './docs-command.js';
import { sandboxCommand, sandboxHelp } from './sandbox-command.js';
import { SERVE_HELP, serveCommand } from './serve-command.js';
import { UsageError } from './usage-error.js';
import { providersInWords } from './provider-words.js';

const HELP = `precheck: may this transfer credit or debit this account?

Usage: precheck <command> [options]

Commands:
  demo      run every seed scenario against the embedded sandbox and print the decisions
  check     run one pre-check (${providersInWords('or')}) against real endpoints (environment) or --sandbox
  sandbox   keep the fake ${providersInWords()} servers running
  serve     the engine as an HTTP service (OpenAPI, idempotency keys, bearer tokens, metrics)
  docs      write the machine docs (charts, transition and decision tables)

precheck <command> --help for a command's options.`;

const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

/** Each command: its `--help` (a function when it is read from what loads lazily) and how it runs. */
const commands: Record<string, { help: string | (() => Promise<string>); run: (args: string[]) => Promise<number> }> = {
  demo: { help: DEMO_HELP, run: (args) => demoCommand(args, out) },
  check: { help: CHECK_HELP, run: (args) => checkCommand(args, out) },
  sandbox: { help: sandboxHelp, run: (args) => sandboxCommand(args, out) },
  docs: { help: DOCS_HELP, run: (args) => docsCommand(args, out, err) },
  serve: { help: SERVE_HELP, run: (args) => serveCommand(args, out) },
};

/** What kind of error a command ended with, as `--json` names it, and its exit code. */
function kindOf(error: unknown): { kind: 'usage' | 'configuration' | 'runtime'; exitCode: number } {
  if (error instanceof UsageError) return { kind: 'usage', exitCode: 2 };
  if (error instanceof PrecheckConfigError) return { kind: 'configuration', exitCode: 2 };
  return { kind: 'runtime', exitCode: 1 };
}

/** `--json` (or `--json=true`): errors go to stdout as JSON too. */
const wantsJson = (args: string[]) => args.some((arg) => arg === '--json' || /^--json=(true|1)$/i.test(arg));

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    out(HELP);
    return 0;
  }
  const command = name === undefined ? undefined : commands[name];
  if (!command) {
    const what = name === undefined ? 'No command given' : `Unknown command "${name}"`;
    err(`${what}: the commands are ${Object.keys(commands).join(', ')}.\nRun "precheck --help" for what each does.`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    out(typeof command.help === 'string' ? command.help : await command.help());
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    // Usage and configuration errors, and failures at run time (a port in use); none of them quotes a credential.
    const message = error instanceof Error ? error.message : String(error);
    const { kind, exitCode } = kindOf(error);
    if (wantsJson(args)) {
      // Under --json, stdout stays machine-readable whatever happens: the error is a JSON object too.
      out(JSON.stringify({ status: 'error', error: kind, message }));
    } else {
      // A mistake in what was typed points at the command's help; a failure at run time is its message alone.
      err(kind === 'runtime' ? message : `${message}\nRun "precheck ${name} --help" for its options.`);
    }
    return exitCode;
  }
}

process.exitCode = await main(process.argv.slice(2));
