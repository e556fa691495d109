import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BoundExceededError, bounded, newLiveness } from '../src/util/bounded.js';

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const never = () => new Promise<never>(() => {});
const blockFor = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end);
};

test('a peer that never answers: rejected once the bound has passed', async () => {
  const started = Date.now();
  const error = await bounded(never(), 50).catch((e: unknown) => e);
  assert.instance(error, BoundExceededError);
  const took = Date.now() - started;
  assert.ok(took >= 50 && took < 400, `${took} ms`);
});

test('an answer within the bound is passed through; a rejection too', async () => {
  assert.is(await bounded(after(5, 'yes'), 100), 'yes');
  const error = await bounded(Promise.reject(new Error('refused')), 100).catch((e: unknown) => e);
  assert.is((error as Error).message, 'refused');
});

test('our own busy event loop does not count against the peer', async () => {
  // The answer is ready at 10 ms, but this process is busy for 300 ms: the bound (50 ms) must not fire first.
  const answer = after(10, 'answered');
  const call = bounded(answer, 50);
  blockFor(300);
  assert.is(await call, 'answered');
});

test('the bound starts once the call is sent: busy time before the client sends it is ours, not the peer\'s', async () => {
  // node-redis writes its commands on the next turn of the event loop (setImmediate). A call made just before 110 ms
  // of our own work is sent only afterwards: a bound of 100 ms must still give the peer its 100 ms (it answers in 5).
  for (let round = 0; round < 5; round++) {
    const outcome = await new Promise<unknown>((resolve) => {
      setTimeout(() => {
        const sentNextTurn = new Promise<void>((sent) => setImmediate(sent)).then(() => after(5, 'answered'));
        const call = bounded(sentNextTurn, 100);
        blockFor(110);
        call.then(resolve, resolve);
      }, 1);
    });
    assert.is(outcome, 'answered', `round ${round}`);
  }
});

test('a peer that keeps answering other calls is up: a queued call gets more time, up to 20 bounds', async () => {
  const liveness = newLiveness();
  const slowButAlive = bounded(after(150, 'late'), 50, 'peer', liveness);
  const others = [20, 60, 100].map((ms) => bounded(after(ms, ms), 50, 'peer', liveness));
  assert.is(await slowButAlive, 'late');
  await Promise.all(others);
  const stuck = bounded(never(), 20, 'peer', liveness);
  const keepAnswering = setInterval(() => void bounded(after(1, 0), 20, 'peer', liveness), 5);
  const started = Date.now();
  const error = await stuck.catch((e: unknown) => e);
  clearInterval(keepAnswering);
  assert.instance(error, BoundExceededError);
  assert.ok(Date.now() - started < 20 * 20 + 300, 'gives up after 20 bounds at most');
});

test.run();
