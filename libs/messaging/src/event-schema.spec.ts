import { defineEvent, eventEnvelopeSchema } from '@portico/contracts';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { z } from 'zod';
import { parseValidEvent } from './event-schema';

const Thing = defineEvent('thing.created', z.object({ number: z.string() }));
const event = (data: unknown, extra: Record<string, unknown> = {}) => ({
  id: 'evt_1',
  type: 'thing.created',
  organization_id: 'org_1',
  occurred_at: '2026-11-25T10:00:00Z',
  data,
  ...extra,
});

/** What the step-by-step path (envelope, then the contract on `data`) accepts and returns. */
function stepByStep(json: unknown) {
  const envelope = eventEnvelopeSchema.safeParse(json);
  if (!envelope.success) return undefined;
  const data = Thing.schema.safeParse(envelope.data.data);
  return data.success ? { ...envelope.data, data: data.data } : undefined;
}

test('accepts and returns exactly what the step-by-step path does', () => {
  const cases: unknown[] = [
    event({ number: 'INV-1' }),
    event({ number: 'INV-1', extra: 1 }, { unknown_field: true }),
    event({ number: 'INV-1', extra: 'a\u0000b' }),
    event({ number: 'INV-1', ['k\u0000']: 1 }),
    event({ number: 'INV-1', nested: { n: Infinity } }),
    event([{ number: 'INV-1' }]),
    event(
      new (class Thing {
        number = 'INV-1';
      })(),
    ),
    event(null),
    event({ number: 1 }),
    event({ number: 'INV-1' }, { occurred_at: 'yesterday' }),
    null,
    'text',
  ];
  for (const json of cases) {
    assert.deepEqual(parseValidEvent(json, Thing), stepByStep(json), JSON.stringify(json));
  }
});
