import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { customerInputSchema } from '../../customers/customer.schema';
import { detailsFromZod } from './zod-details';

describe("Lago's validation codes", () => {
  test('each invalid field gets the code Lago would send', () => {
    const result = customerInputSchema.safeParse({
      external_id: '',
      email: 'nope',
      timezone: 'Mars/Base',
      country: 'FRA',
      customer_type: 'robot',
      name: 'x'.repeat(501),
    });
    assert.ok(!result.success);
    const codes = Object.fromEntries(detailsFromZod(result.error).map((d) => [d.field, d.code]));
    assert.deepEqual(codes, {
      external_id: 'value_is_mandatory',
      email: 'invalid_format',
      timezone: 'invalid_timezone',
      country: 'country_code_invalid',
      customer_type: 'value_is_invalid',
      name: 'value_is_too_long',
    });
    const missing = customerInputSchema.safeParse({});
    assert.ok(!missing.success);
    assert.equal(detailsFromZod(missing.error)[0]!.code, 'value_is_mandatory');
  });
});
