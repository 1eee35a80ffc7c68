import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { InFlight } from './in-flight';

test('drain waits for tracked work, including work that fails', async () => {
  const inFlight = new InFlight();
  let finished = 0;
  inFlight.track(sleep(50).then(() => finished++));
  inFlight.track(sleep(30).then(() => Promise.reject(new Error('boom'))));
  assert.equal(inFlight.size, 2);
  assert.equal(await inFlight.drain(1_000), true);
  assert.equal(finished, 1);
  assert.equal(inFlight.size, 0);
});

test('drain gives up at its timeout', async () => {
  const inFlight = new InFlight();
  inFlight.track(sleep(500));
  assert.equal(await inFlight.drain(20), false);
});
