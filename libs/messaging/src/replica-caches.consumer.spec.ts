import { describe, test } from '@jest/globals';
import { defineEvent, type EventEnvelope } from '@portico/contracts';
import assert from 'node:assert/strict';
import { z } from 'zod';
import type { AmqpConnection } from './amqp-connection';
import { ReplicaCaches } from './replica-caches';
import { forgetOn, replicaCachesConsumer } from './replica-caches.consumer';

/** Nest's metadata keys (@nestjs/microservices/constants), as `@EventPattern` writes them. */
const PATTERN_METADATA = 'microservices:pattern';
const PATTERN_EXTRAS_METADATA = 'microservices:pattern_extras';

const OrgChanged = defineEvent('test.org.changed', z.object({ id: z.string() }));
const CustomersChanged = defineEvent(
  'test.customers.changed',
  z.object({ ids: z.array(z.string()) }),
);

const envelope = <T>(type: string, data: T): EventEnvelope<T> => ({
  id: 'evt_1',
  type,
  organization_id: 'org-1',
  occurred_at: new Date().toISOString(),
  data,
});

function consumerWith(caches: ReplicaCaches) {
  const Consumer = replicaCachesConsumer(
    forgetOn(OrgChanged, (event) => [`org:${event.data.id}`]),
    forgetOn(CustomersChanged, (event) => event.data.ids.map((id) => `customer:${id}`)),
    forgetOn(CustomersChanged, (event) => [`org:${event.organization_id}`]),
  );
  const instance = new (Consumer as new (caches: ReplicaCaches) => object)(caches);
  const handlers = Object.getOwnPropertyNames(Consumer.prototype)
    .filter((name) => name !== 'constructor')
    .map(
      (name) => (Consumer.prototype as Record<string, (event: unknown) => Promise<void>>)[name]!,
    );
  return { instance, handlers };
}

describe('replicaCachesConsumer', () => {
  const caches = new ReplicaCaches({ on: () => undefined } as unknown as AmqpConnection);
  const cache = caches.create<{ tags: string[] }>({
    ttlMs: 60_000,
    max: 10,
    tagsOf: (value) => value.tags,
  });

  test('one instance-scoped handler per announcement, however many rules name it', () => {
    const { handlers } = consumerWith(caches);
    const patterns = handlers.map((h) => (Reflect.getMetadata(PATTERN_METADATA, h) as string[])[0]);
    assert.deepEqual(patterns.sort(), ['test.customers.changed', 'test.org.changed']);
    for (const handler of handlers) {
      const extras = Reflect.getMetadata(PATTERN_EXTRAS_METADATA, handler) as { scope: string };
      assert.equal(extras.scope, 'instance');
    }
  });

  test('an announcement drops every entry carrying a tag its rules name, and nothing else', async () => {
    const { instance, handlers } = consumerWith(caches);
    cache.set('a', { tags: ['customer:c1'] });
    cache.set('b', { tags: ['customer:c2'] });
    cache.set('c', { tags: ['org:org-1'] });
    cache.set('d', { tags: ['org:org-2'] });
    const customersChanged = handlers.find(
      (h) => (Reflect.getMetadata(PATTERN_METADATA, h) as string[])[0] === CustomersChanged.type,
    )!;
    await customersChanged.call(instance, envelope(CustomersChanged.type, { ids: ['c1'] }));
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].filter((key) => cache.get(key) !== undefined),
      ['b', 'd'],
    );
  });
});
