import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { LoginThrottle } from './login-throttle';

test('free attempts, then a lock that doubles with each further failure, capped', () => {
  let now = 1_000_000;
  const throttle = new LoginThrottle(3, 60_000, 10, 100, () => now);
  for (let i = 0; i < 3; i++) {
    assert.equal(throttle.retryAfter('a'), 0);
    throttle.fail('a');
  }
  assert.equal(throttle.retryAfter('a'), 0, 'three failures are free');
  throttle.fail('a');
  assert.equal(throttle.retryAfter('a'), 1);
  throttle.fail('a');
  assert.equal(throttle.retryAfter('a'), 2);
  throttle.fail('a');
  assert.equal(throttle.retryAfter('a'), 4);
  for (let i = 0; i < 10; i++) throttle.fail('a');
  assert.equal(throttle.retryAfter('a'), 10, 'capped at maxLockSeconds');
  assert.equal(throttle.retryAfter('b'), 0, 'keys are independent');
  now += 10_000;
  assert.equal(throttle.retryAfter('a'), 0, 'the lock ends');
});

test('a success clears the key; the window forgets old failures', () => {
  let now = 0;
  const throttle = new LoginThrottle(1, 60_000, 60, 100, () => now);
  throttle.fail('a');
  throttle.fail('a');
  assert.ok(throttle.retryAfter('a') > 0);
  throttle.succeed('a');
  assert.equal(throttle.retryAfter('a'), 0);
  throttle.fail('b');
  now += 61_000;
  throttle.fail('b');
  assert.equal(throttle.retryAfter('b'), 0, 'the first failure fell out of the window');
});

test('memory stays bounded under many keys', () => {
  const throttle = new LoginThrottle(5, 60_000, 60, 10);
  for (let i = 0; i < 1_000; i++) throttle.fail(`k${i}`);
  assert.ok((throttle as unknown as { entries: Map<string, unknown> }).entries.size <= 10);
});
