import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { FixedWindowLimiter } from './fixed-window-limiter';

test('allows the limit per key per window, then says how long to wait', () => {
  let now = 10_000;
  const limiter = new FixedWindowLimiter(2, 60_000, () => now);
  assert.equal(limiter.take('a').allowed, true);
  assert.equal(limiter.take('a').remaining, 0);
  const refused = limiter.take('a');
  assert.equal(refused.allowed, false);
  assert.equal(refused.retryAfterSeconds, 50);
  assert.equal(limiter.take('b').allowed, true, 'keys are counted apart');
  now = 60_000;
  assert.equal(limiter.take('a').allowed, true, 'a new window starts afresh');
});
