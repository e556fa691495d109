import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chartJson, edgeOfEntry } from '../src/docs/chart-json.js';
import { machineGraph } from '../src/docs/machine-graph.js';
import { allMachines } from '../src/docs/machine-list.js';
import { createPrecheck, type Decision } from '../src/index.js';
import { startSandbox } from '../src/sandbox/index.js';
import { startServeProcess, type ServeProcess } from './support/serve-process.js';

/**
 * docs/machines/precheck.html in Debian's Chromium (never a downloaded browser), headless: a state's panel, a pasted
 * needs-names → proceed decision's path, a screenshot kept in .tmp/, and not one network request.
 */
const CHROMIUM = '/usr/bin/chromium';
const PAGE = resolve('docs/machines/precheck.html');
const SCREENSHOTS = resolve('.tmp');

const browser = suite<{ context?: BrowserContext; profile?: string; decision?: Decision; serve?: ServeProcess }>('interactive page');

browser.before(async (context) => {
  if (!existsSync(CHROMIUM)) {
    const line = `interactive page: no Chromium at ${CHROMIUM}`;
    if (process.env.CI) throw new Error(`${line} (CI is set: the browser test is required; apt-get install -y chromium)`);
    console.log(`${line}: skipped (apt-get install -y chromium)`);
    return;
  }
  // A real decision: a B-MO credit to an unknown customer pauses for names, then proceeds once they are given.
  const sandbox = await startSandbox();
  const precheck = createPrecheck({ providers: sandbox.providers });
  try {
    const paused = await precheck.check({ provider: 'bmo', intent: 'credit', phone: '+2290197000404' });
    assert.is(paused.status, 'needs-names');
    context.decision = await precheck.resume(paused.checkId!, { type: 'NAMES', firstName: 'Afi', lastName: 'Agbo' });
    assert.is(context.decision.status, 'proceed');
  } finally {
    precheck.close();
    await sandbox.close();
  }
  context.serve = await startServeProcess(['--sandbox'], { PRECHECK_SERVE_TOKENS: 'browser-test-token-7c1e4b9a02' });
  context.profile = await mkdtemp(join(tmpdir(), 'precheck-chromium-'));
  context.context = await chromium.launchPersistentContext(context.profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1400, height: 1000 },
  });
});

browser.after(async ({ context, profile, serve }) => {
  await context?.close();
  await serve?.stop();
  if (profile) await rm(profile, { recursive: true, force: true });
});

/** Opens `url`, recording every request the page makes besides loading itself. */
async function open(context: BrowserContext, url: string): Promise<{ page: Page; requests: string[] }> {
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.goto(url);
  return { page, requests };
}

/** The transitions (chart indices) and states a decision's path takes, as the chart knows them. */
function expectedPath(decision: Decision) {
  const [name, machine] = allMachines().find(([machineName]) => machineName === 'precheck')!;
  const graph = machineGraph(name, machine);
  const chart = chartJson(graph);
  const transitions = new Set<string>();
  for (const entry of decision.trace.transitions ?? []) {
    const edge = edgeOfEntry(chart, entry);
    assert.ok(edge, `${entry.from} → ${entry.to} is an edge of the chart`);
    transitions.add(String(graph.transitions.findIndex((t) => t.id === edge.transition)));
  }
  return [...transitions].sort((a, b) => Number(a) - Number(b));
}

/** `observed`: the page generated with the docs has the observed decisions (and their commands); the served one not. */
async function exercise(page: Page, decision: Decision, screenshot: string, observed: boolean) {
  // A state, clicked in the chart: its transitions in words, the observed decisions through it, a sandbox command.
  await page.locator('#chart [data-state="awaitingNames"]').first().click();
  assert.match(await page.locator('#panel h2').textContent() ?? '', 'awaitingNames');
  const transitions = await page.locator('#panel-transitions li').allTextContents();
  assert.ok(transitions.some((line) => line.includes('NAMES (names given), if names usable → proceed')), transitions.join('\n'));
  assert.ok(transitions.some((line) => line.includes('after namesTimeout') && line.includes('abort')), transitions.join('\n'));
  if (observed) {
    const rows = await page.locator('#panel-rows tr').allTextContents();
    assert.ok(rows.some((row) => row.includes('B-MO') && row.includes('credit') && row.includes('needs-names')), rows.join('\n'));
    assert.match(await page.locator('#panel-command').textContent() ?? '', /^precheck check --sandbox --provider \S+ --intent credit /);
  }

  // The keyboard reaches states too: focus one, press Enter.
  const found = page.locator('#chart [data-state="found"]').first();
  assert.is(await found.getAttribute('tabindex'), '0');
  await found.focus();
  await page.keyboard.press('Enter');
  assert.match(await page.locator('#panel h2').textContent() ?? '', /^found /);

  // A pasted decision: exactly the transitions it took are highlighted, numbered in order.
  await page.locator('#decision').fill(JSON.stringify(decision));
  await page.locator('#draw').click();
  const taken = await page.locator('#chart [data-transition].taken').evaluateAll((nodes) =>
    [...new Set(nodes.map((node) => node.getAttribute('data-transition')!))].sort((a, b) => Number(a) - Number(b)),
  );
  assert.equal(taken, expectedPath(decision));
  const steps = await page.locator('#chart .transition.taken').evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-step'))));
  assert.equal([...new Set(steps)].sort((a, b) => a - b), decision.trace.transitions!.map((_, index) => index + 1));
  const takenStates = await page.locator('#chart .state.taken').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-state')));
  for (const state of ['checking.validating', 'checking.lookingUp', 'notFound', 'creditCreatesAccount', 'awaitingNames', 'proceed']) {
    assert.ok(takenStates.includes(state), `${state} is highlighted`);
  }
  assert.match(await page.locator('#path-status').textContent() ?? '', 'decision: proceed');
  assert.ok((await page.locator('#chart .faded').count()) > 20, 'the rest is faded');
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true });
}

browser('from disk (file://): a state, a pasted path, no network', async ({ context, decision }) => {
  if (!context || !decision) return; // skipped: no Chromium
  const url = pathToFileURL(PAGE).href;
  const { page, requests } = await open(context, url);
  await exercise(page, decision, 'interactive-page-file.png', true);
  assert.equal(requests, [], 'the page makes no request');
  await page.close();
});

browser('from precheck serve (GET /docs/precheck.html): the same, no request beyond the page', async ({ context, decision, serve }) => {
  if (!context || !decision || !serve) return; // skipped: no Chromium
  const { page, requests } = await open(context, `${serve.url}/docs/precheck.html`);
  await exercise(page, decision, 'interactive-page-served.png', false);
  assert.equal(requests, [], 'the page makes no request');
  await page.close();
});

browser.run();
