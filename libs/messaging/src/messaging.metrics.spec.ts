import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { reasonKind } from './messaging.metrics';

test('a dead-letter reason becomes a bounded label: its kind', () => {
  assert.equal(
    reasonKind('invalid_payload: data.total_amount_cents: expected int'),
    'invalid_payload',
  );
  assert.equal(reasonKind('handler_failed after 5 attempts: MongoError'), 'handler_failed');
  assert.equal(reasonKind('rejected: validation_failed: unknown'), 'rejected');
  assert.equal(reasonKind('Weird'), 'unknown');
});
