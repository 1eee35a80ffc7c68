import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { eventsExchangeName, serviceQueueNames } from './topology';

test('production names are exactly the public contract', () => {
  assert.equal(eventsExchangeName(''), 'billing.events');
  assert.deepEqual(serviceQueueNames('', 'invoice-service'), {
    events: 'invoice-service.events',
    retry: 'invoice-service.events.retry',
    deadLetter: 'invoice-service.events.dead-letter',
    rpc: 'invoice-service.rpc',
  });
});

test('a namespace prefixes every name', () => {
  assert.equal(eventsExchangeName('t1.'), 't1.billing.events');
  for (const name of Object.values(serviceQueueNames('t1.', 'customer-service'))) {
    assert.ok(name.startsWith('t1.customer-service.'), name);
  }
});
