import { defineEvent } from '@portico/contracts';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { z } from 'zod';
import { parseEvent } from './event-parsing';

const InvoiceLike = defineEvent(
  'thing.created',
  z.object({ number: z.string(), total: z.number().int() }),
);
const contracts = new Map([[InvoiceLike.type, InvoiceLike]]);
const envelope = (overrides: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({
      id: 'evt_1',
      type: 'thing.created',
      organization_id: 'org_1',
      occurred_at: '2026-11-25T10:00:00Z',
      data: { number: 'INV-1', total: 100 },
      ...overrides,
    }),
  );

describe('parseEvent', () => {
  test('accepts a valid envelope and returns the parsed data', () => {
    const parsed = parseEvent(envelope(), contracts);
    assert.equal(parsed.ok, true);
    if (parsed.ok) assert.deepEqual(parsed.event.data, { number: 'INV-1', total: 100 });
  });

  test('invalid JSON is named as such', () => {
    const parsed = parseEvent(Buffer.from('{"id": '), contracts);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.reason, /^invalid_json: /);
  });

  test('a broken envelope names the field', () => {
    const parsed = parseEvent(envelope({ occurred_at: 'yesterday' }), contracts);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.reason, /^invalid_envelope: occurred_at: /);
  });

  test('a type without a handler is reported, not guessed', () => {
    const parsed = parseEvent(envelope({ type: 'thing.deleted' }), contracts);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.reason, /^unhandled_type: .*thing\.deleted/);
  });

  test('an invalid payload names the field inside data', () => {
    const parsed = parseEvent(envelope({ data: { number: 'INV-1', total: 1.5 } }), contracts);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.reason, /^invalid_payload: data\.total: /);
  });
});
