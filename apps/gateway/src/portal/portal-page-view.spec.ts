import type { InvoiceSummary } from '@portico/contracts';
import { invoiceSummary } from '@portico/testing';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { fromAcceptLanguage } from './portal-locale';
import { directionOf, pageHref, resultsView } from './portal-page-view';

const invoice = (overrides: Partial<InvoiceSummary> = {}): InvoiceSummary =>
  invoiceSummary({
    id: 'inv/1',
    number: 'INV-1',
    external_customer_id: 'jane',
    issuing_date: '2026-03-01',
    payment_due_date: '2026-03-31',
    sub_total_excluding_taxes_amount_cents: 100_000,
    taxes_amount_cents: 23_456,
    total_amount_cents: 123_456,
    total_due_amount_cents: 123_456,
    updated_at: '2026-03-01T00:00:00.000Z',
    ...overrides,
  });
const page = (invoices: InvoiceSummary[], extra = {}) => ({
  invoices,
  next_cursor: null,
  previous_cursor: null,
  total_count: invoices.length,
  offset: 0,
  ...extra,
});
const all = { filter: 'all' as const, search: '' };

test('links keep filter and search, leave defaults out, and encode what they carry', () => {
  assert.equal(pageHref('/p/t', all), '/p/t');
  assert.equal(
    pageHref('/p/t', { filter: 'paid', search: 'a&b' }),
    '/p/t?filter=paid&search=a%26b',
  );
  assert.equal(pageHref('/p/t', { ...all, cursor: 'abc' }), '/p/t?cursor=abc');
});

test('rows: formatted for the locale, download link per invoice id, voided says so', () => {
  const view = resultsView(
    '/p/t',
    all,
    page([invoice(), invoice({ status: 'voided' })]),
    'fr',
    true,
  );
  assert.equal(view.state, 'list');
  assert.equal(view.rows[0]!.amount.replace(/[\u00a0\u202f]/g, ' '), '1 234,56 €');
  assert.equal(view.rows[0]!.issuingDate, '1 mars 2026');
  assert.equal(view.rows[0]!.downloadHref, 'invoices/inv%2F1/pdf', 'relative to <base>');
  assert.equal(view.rows[1]!.badge, 'voided');
  assert.equal(view.rows[1]!.dueDate, null, 'no due date on a voided invoice');
});

test('empty (no invoices at all) is told apart from no-match (filters hide them)', () => {
  assert.equal(resultsView('/p/t', all, page([]), 'en', false).state, 'empty');
  assert.equal(
    resultsView('/p/t', { filter: 'paid', search: '' }, page([]), 'en', true).state,
    'no-match',
  );
  assert.equal(
    resultsView('/p/t', { ...all, search: 'x' }, page([]), 'en', true).state,
    'no-match',
  );
});

test('pagination: the range shown and links both ways', () => {
  const view = resultsView(
    '/p/t',
    all,
    page([invoice()], { offset: 20, total_count: 45, next_cursor: 'n', previous_cursor: 'p' }),
    'en',
    true,
  );
  assert.deepEqual([view.from, view.to, view.total], [21, 21, 45]);
  assert.equal(view.nextHref, '/p/t?cursor=n');
  assert.equal(view.prevHref, '/p/t?cursor=p');
});

test("a dead link's page speaks the browser's language when it can", () => {
  assert.equal(fromAcceptLanguage('pt-BR,pt;q=0.9'), 'pt-BR');
  assert.equal(fromAcceptLanguage('de-CH,de;q=0.9,en;q=0.5'), 'de');
  assert.equal(fromAcceptLanguage('xx, fr;q=0.8'), 'fr');
  assert.equal(fromAcceptLanguage('en;q=0, ja'), 'ja');
  assert.equal(fromAcceptLanguage(undefined), 'en');
  assert.equal(fromAcceptLanguage('tlh'), 'en');
  assert.equal(directionOf('ar'), 'rtl');
});
