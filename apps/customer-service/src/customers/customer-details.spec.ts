import { customerInputSchema } from '@portico/contracts';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { mergeDetails, usableUpstreamDetails } from './customer-details';

const now = new Date('2026-03-01T09:30:00Z');

describe('customer details', () => {
  test('omitted fields keep their value, null clears, metadata entries keep their id by key', () => {
    const first = mergeDetails(
      null,
      customerInputSchema.parse({
        external_id: 'c',
        city: 'Paris',
        country: 'fr',
        metadata: [{ key: 'plan', value: 'pro' }],
      }),
      now,
    );
    assert.equal(first.country, 'FR');
    assert.equal(first.metadata![0]!.display_in_invoice, false);
    const second = mergeDetails(
      first,
      customerInputSchema.parse({
        external_id: 'c',
        country: null,
        metadata: [
          { key: 'plan', value: 'team' },
          { key: 'seats', value: '3' },
        ],
      }),
      new Date('2026-03-02T00:00:00Z'),
    );
    assert.equal(second.city, 'Paris', 'omitted: kept');
    assert.equal(second.country, null, 'null: cleared');
    assert.equal(second.metadata![0]!.lago_id, first.metadata![0]!.lago_id);
    assert.equal(second.metadata![0]!.created_at, now.toISOString());
    assert.equal(second.metadata![0]!.value, 'team');
    assert.notEqual(second.metadata![1]!.lago_id, first.metadata![0]!.lago_id);
  });

  test("an upstream's unusable time zone, country or URL becomes null", () => {
    const details = usableUpstreamDetails({
      external_id: 'c',
      timezone: 'Mars/Base',
      country: 'France',
      url: 'javascript:alert(1)',
      updated_at: now.toISOString(),
    } as never);
    assert.equal(details.timezone, null);
    assert.equal(details.country, null);
    assert.equal(details.url, null);
    assert.equal(usableUpstreamDetails({ timezone: 'Asia/Tokyo' } as never).timezone, 'Asia/Tokyo');
  });
});
