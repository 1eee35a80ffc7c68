import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { CustomerCreated } from '@portico/contracts';
import { apiEvent, customerUpserted } from '@portico/testing';
import assert from 'node:assert/strict';
import {
  answerApiKeys,
  startInProcessGateway,
  type InProcessGateway,
} from '../../../test/in-process-gateway';

const KEY = 'key_events';
const customerCreated = (id: string, extra: Record<string, unknown> = {}) => ({
  ...apiEvent(
    CustomerCreated,
    customerUpserted({ external_id: 'jane', name: 'Jane', updated_at: '2026-11-25T00:00:00Z' }),
    { id, occurred_at: '2026-11-25T00:00:00Z' },
  ),
  ...extra,
});

describe('POST /api/v1/events (in process)', () => {
  let gateway: InProcessGateway;
  beforeAll(async () => {
    gateway = await startInProcessGateway();
    answerApiKeys(gateway.rpc, { [KEY]: 'org_events' });
  });
  afterAll(async () => gateway.close());

  test("one event: accepted and published under the API key's organization", async () => {
    const response = await gateway.api('POST', '/api/v1/events', {
      key: KEY,
      body: customerCreated('evt_1'),
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json<{ event: { status: string } }>().event.status, 'accepted');
    const last = gateway.events.published.at(-1) as { type: string; body: Record<string, unknown> };
    assert.equal(last.type, 'customer.created');
    assert.equal(last.body.organization_id, 'org_events');
  });

  test("a batch: each event judged alone; another organization's is refused, not moved", async () => {
    const before = gateway.events.published.length;
    const response = await gateway.api('POST', '/api/v1/events', {
      key: KEY,
      body: {
        events: [
          customerCreated('evt_2'),
          customerCreated('evt_3', { organization_id: 'org_other' }),
          customerCreated('evt_4', { data: { name: 'no external id' } }),
        ],
      },
    });
    assert.equal(response.statusCode, 200);
    const body = response.json<{
      events: { status: string; reason?: string }[];
      meta: { accepted: number; rejected: number };
    }>();
    assert.deepEqual(body.meta, { accepted: 1, rejected: 2 });
    assert.deepEqual(
      body.events.map((e) => e.status),
      ['accepted', 'rejected', 'rejected'],
    );
    assert.match(body.events[1]!.reason!, /organization_id/);
    assert.match(body.events[2]!.reason!, /external_id/);
    assert.equal(gateway.events.published.length, before + 1);
  });

  test('a single invalid event: 422 with the reason; an empty batch: 422 on events', async () => {
    const invalid = await gateway.api('POST', '/api/v1/events', {
      key: KEY,
      body: customerCreated('evt_5', { type: 'customer.exploded' }),
    });
    assert.equal(invalid.statusCode, 422);
    const empty = await gateway.api('POST', '/api/v1/events', { key: KEY, body: { events: [] } });
    assert.equal(empty.statusCode, 422);
    assert.ok(empty.json<{ error_details: Record<string, unknown> }>().error_details.events);
  });

  test('a broker that does not confirm: 503, never a 2xx the sender would not retry', async () => {
    gateway.events.unconfirmed = new Error('channel closed');
    try {
      const response = await gateway.api('POST', '/api/v1/events', {
        key: KEY,
        body: customerCreated('evt_6'),
      });
      assert.equal(response.statusCode, 503);
      assert.match(response.json<{ message: string }>().message, /did not confirm/);
    } finally {
      gateway.events.unconfirmed = undefined;
    }
  });
});
