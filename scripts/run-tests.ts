// `npm test`: uvu over test/**/*.test.ts, then exit with its code. A test that fails half-way can leave a connection
// open (its cleanup never ran); the run must still end, so that a failure is reported at once, not after CI's timeout.
import { parse } from 'uvu/parse';
import { run } from 'uvu/run';

process.env.FORCE_COLOR ??= '1';
const pattern = process.argv[2] ?? '\\.test\\.ts$';
const { suites } = await parse('test', new RegExp(pattern), { cwd: process.cwd() });
await run(suites, { bail: false });
process.exit(process.exitCode ?? 0);
