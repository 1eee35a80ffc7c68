import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { loadCustomerServiceConfig } from '../config/customer-service.config';
import { retryDelay, scheduleSpanMs } from './retry-schedule';

test('the default schedule retries for at least 24 hours, with growing delays', () => {
  const { webhooks } = loadCustomerServiceConfig({});
  assert.ok(scheduleSpanMs(webhooks.retryScheduleMs) >= 24 * 3_600_000);
  const delays = webhooks.retryScheduleMs;
  for (let i = 1; i < delays.length; i++) assert.ok(delays[i]! >= delays[i - 1]!);
  assert.equal(webhooks.timeoutMs, 15_000);
});

test('jitter only lengthens, within the configured fraction', () => {
  const schedule = [1_000, 10_000];
  assert.equal(
    retryDelay(schedule, 1, 0.1, () => 0),
    1_000,
  );
  assert.equal(
    retryDelay(schedule, 1, 0.1, () => 0.999),
    1_100,
  );
  assert.equal(
    retryDelay(schedule, 2, 0.5, () => 0.5),
    12_500,
  );
  assert.equal(retryDelay(schedule, 3, 0.1), null);
});

test('a malformed schedule is a clear configuration error', () => {
  assert.throws(
    () => loadCustomerServiceConfig({ WEBHOOK_RETRY_SCHEDULE_MS: '100,abc' }),
    /WEBHOOK_RETRY_SCHEDULE_MS: must be 1-50 comma-separated delays/,
  );
  assert.throws(
    () => loadCustomerServiceConfig({ OUTBOUND_ALLOWED_HOSTS: '10.0.0.0/99' }),
    /OUTBOUND_ALLOWED_HOSTS: "10.0.0.0\/99" is not a CIDR range/,
  );
});

test('plain http is accepted in development only, unless configured', () => {
  assert.equal(loadCustomerServiceConfig({ NODE_ENV: 'development' }).webhooks.allowHttp, true);
  assert.equal(loadCustomerServiceConfig({ NODE_ENV: 'production' }).webhooks.allowHttp, false);
  assert.equal(
    loadCustomerServiceConfig({ NODE_ENV: 'test', WEBHOOK_ALLOW_HTTP: 'true' }).webhooks.allowHttp,
    true,
  );
});
