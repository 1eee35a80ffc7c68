import type { UsageSnapshot } from '@portico/contracts';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { usageChart } from './usage-chart';

const period = (month: number, amount: number): UsageSnapshot => ({
  external_customer_id: 'cus_1',
  external_subscription_id: 'sub_1',
  from_datetime: `2026-${String(month).padStart(2, '0')}-01T00:00:00.000Z`,
  to_datetime: `2026-${String(month).padStart(2, '0')}-28T23:59:59.000Z`,
  currency: 'EUR',
  amount_cents: amount,
  taxes_amount_cents: 0,
  total_amount_cents: amount,
  charges_usage: [],
  computed_at: '2026-11-12T00:00:00.000Z',
});

describe('the usage chart', () => {
  const periods = [period(11, 2_000), period(9, 500), period(10, 1_000)];

  test('oldest first, heights in proportion, the tallest bar fills the plot', () => {
    const chart = usageChart(periods, 'en', 'ltr', '2026-11-01T00:00:00Z')!;
    assert.deepEqual(
      chart.bars.map((b) => b.amount),
      ['€5.00', '€10.00', '€20.00'],
    );
    const [sep, oct, nov] = chart.bars;
    assert.ok(sep!.x < oct!.x && oct!.x < nov!.x, 'left to right');
    assert.equal(oct!.height * 2, nov!.height);
    assert.equal(nov!.y + nov!.height, chart.baselineY);
    assert.deepEqual(
      chart.bars.map((b) => b.current),
      [false, false, true],
    );
  });

  test('mirrored for a right-to-left language', () => {
    const ltr = usageChart(periods, 'ar', 'ltr', null)!;
    const rtl = usageChart(periods, 'ar', 'rtl', null)!;
    assert.ok(rtl.bars[0]!.x > rtl.bars[2]!.x, 'the oldest on the right');
    assert.equal(rtl.bars[0]!.x + rtl.bars[0]!.width, ltr.width - ltr.bars[0]!.x);
    assert.equal(rtl.bars[0]!.amount, ltr.bars[0]!.amount);
  });

  test('no periods, no chart; all zero, flat bars', () => {
    assert.equal(usageChart([], 'en', 'ltr', null), null);
    const flat = usageChart([period(10, 0), period(11, 0)], 'en', 'ltr', null)!;
    assert.deepEqual(
      flat.bars.map((b) => b.height),
      [0, 0],
    );
  });
});
