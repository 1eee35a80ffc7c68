import assert from 'node:assert/strict';
import { jest, test } from '@jest/globals';
import { currencyDigits, formatDate, formatMoney, formatNumber } from './formatting';

// Intl output uses narrow/no-break spaces in some locales; compare with them normalized.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

test('money follows the locale: 1 234,56 € in fr, € 1.234,56 in nl, $1,234.56 in en', () => {
  assert.equal(plain(formatMoney(123456, 'EUR', 'fr')), '1 234,56 €');
  assert.equal(plain(formatMoney(123456, 'EUR', 'nl')), '€ 1.234,56');
  assert.equal(formatMoney(123456, 'USD', 'en'), '$1,234.56');
});

test('minor units come from the currency: JPY has none, KWD three', () => {
  assert.equal(currencyDigits('JPY'), 0);
  assert.equal(currencyDigits('KWD'), 3);
  assert.equal(formatMoney(1500, 'JPY', 'ja'), '￥1,500');
  assert.equal(plain(formatMoney(1500, 'KWD', 'en')), 'KWD 1.500');
});

test('a calendar date is the same day in every time zone', () => {
  assert.equal(formatDate('2026-01-31', 'en'), 'Jan 31, 2026');
  assert.equal(formatDate('2026-01-31', 'de'), '31.01.2026');
});

test('quantities keep up to four decimals', () => {
  assert.equal(formatNumber(1.23456, 'en'), '1.2346');
  assert.equal(formatNumber(1234.5, 'de'), '1.234,5');
});

test('a currency’s digits are read from Intl once, not per amount (a hot path of the portal page)', () => {
  const resolvedOptions = jest.spyOn(Intl.NumberFormat.prototype, 'resolvedOptions');
  try {
    for (let i = 0; i < 50; i++) formatMoney(i * 100, 'CHF', 'de');
    assert.ok(resolvedOptions.mock.calls.length <= 1, `${resolvedOptions.mock.calls.length} calls`);
    assert.equal(plain(formatMoney(123456, 'CHF', 'de')), '1.234,56 CHF');
  } finally {
    resolvedOptions.mockRestore();
  }
});

test('dates: an instant and a calendar date give the same day; a repeat gives the same text', () => {
  assert.equal(formatDate('2026-03-14T23:30:00Z', 'en'), 'Mar 14, 2026');
  assert.equal(formatDate(new Date('2026-03-14T23:30:00Z'), 'en'), 'Mar 14, 2026');
  for (let i = 0; i < 3; i++) assert.equal(formatDate('2026-03-14', 'fr'), '14 mars 2026');
  assert.equal(formatDate('2026-03-14', 'ar'), formatDate('2026-03-14', 'ar'));
  assert.notEqual(formatDate('2026-03-14', 'ar'), formatDate('2026-03-14', 'en'));
});

test('money: a repeated amount is formatted once, and the cache never mixes locales, currencies or signs', () => {
  // `format` is a getter (it hands out a bound function): count its reads.
  const prototype = Intl.NumberFormat.prototype as unknown as { get format(): unknown };
  const format = jest.spyOn(prototype, 'format', 'get');
  try {
    for (let i = 0; i < 20; i++) formatMoney(98_765, 'EUR', 'fr');
    assert.ok(format.mock.calls.length <= 1, `${format.mock.calls.length} calls`);
  } finally {
    format.mockRestore();
  }
  assert.equal(plain(formatMoney(98_765, 'EUR', 'fr')), '987,65 €');
  assert.equal(plain(formatMoney(98_765, 'EUR', 'de')), '987,65 €');
  assert.equal(formatMoney(98_765, 'USD', 'en'), '$987.65');
  assert.equal(formatMoney(98_765, 'EUR', 'en'), '€987.65');
  assert.equal(formatMoney(0, 'USD', 'en'), '$0.00');
  assert.equal(
    formatMoney(-0, 'USD', 'en'),
    new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(-0),
  );
  assert.equal(formatMoney(-150, 'USD', 'en'), '-$1.50');
});
