import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import './support/openapi-typescript-on-ts5.js';
import { startServeProcess } from './support/serve-process.js';

const { default: openapiTS, astToString } = await import('openapi-typescript');

const run = promisify(execFile);

/** A client of the service, written against the generated types only: it must compile, then drive a pause and resume. */
const CLIENT = `import createClient from 'openapi-fetch';
import type { paths, components } from './schema.js';

type Decision = components['schemas']['Decision'];

const client = createClient<paths>({ baseUrl: process.env.SERVE_URL });
const paused = await client.POST('/v1/checks', {
  body: { provider: 'bmo', intent: 'credit', phone: '+2290197000404', transactionId: 'tx-generated-client' },
  params: { header: { 'Idempotency-Key': 'generated-client-1' } },
});
const first: Decision | undefined = paused.data;
if (first?.status !== 'needs-names' || first.checkId === undefined) throw new Error('expected a paused check');
const status = await client.GET('/v1/checks/{checkId}', { params: { path: { checkId: first.checkId } } });
if (status.data?.state !== 'paused') throw new Error('expected paused');
const resumed = await client.POST('/v1/checks/{checkId}/names', {
  params: { path: { checkId: first.checkId } },
  body: { firstName: 'Afi', lastName: 'Agbo' },
});
const decision: Decision | undefined = resumed.data;
if (decision?.status !== 'proceed') throw new Error('expected proceed');
const createAccount: boolean = decision.createAccount;
const problem = await client.GET('/v1/checks/{checkId}', { params: { path: { checkId: 'chk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } } });
const detail: string | undefined = problem.error?.detail;
console.log(JSON.stringify({ waitingFor: status.data.waitingFor, status: decision.status, createAccount, transactionId: decision.transactionId, notFound: problem.response.status, detail }));
`;

test('a typed client generated from /openapi.json (openapi-typescript + openapi-fetch) compiles and drives a pause and resume', async () => {
  const serve = await startServeProcess(['--sandbox', '--insecure-local']);
  // Inside the project, so that the client resolves openapi-fetch from its node_modules.
  const dir = await mkdtemp(join(process.cwd(), '.generated-client-'));
  try {
    const document = await (await fetch(`${serve.url}/openapi.json`)).json();
    await writeFile(join(dir, 'schema.d.ts'), astToString(await openapiTS(document)));
    await writeFile(join(dir, 'client.ts'), CLIENT);
    const tsconfig = { extends: '../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '.' }, include: ['*.ts'] };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    const compiled = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', join(dir, 'tsconfig.json')]).catch((error) => error);
    assert.is(compiled.code ?? 0, 0, `tsc: ${compiled.stdout}${compiled.stderr}`);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(dir, 'client.ts')], { env: { ...process.env, SERVE_URL: serve.url } });
    assert.equal(JSON.parse(stdout), {
      waitingFor: 'names',
      status: 'proceed',
      createAccount: true,
      transactionId: 'tx-generated-client',
      notFound: 404,
      detail: 'No such check (unknown, expired, or not yours).',
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
    await serve.stop();
  }
});

test.run();
