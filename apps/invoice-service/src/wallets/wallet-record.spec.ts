import type { UpstreamWallet } from '@portico/contracts';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import {
  applyWalletChange,
  deriveWallet,
  emptyWallet,
  toTransactionRecord,
  transactionWins,
} from './wallet-record';

const wallet = (overrides: Partial<UpstreamWallet> = {}): UpstreamWallet => ({
  id: 'w-1',
  external_customer_id: 'cus_1',
  status: 'active',
  currency: 'EUR',
  name: 'Credits',
  rate_amount: '1.0',
  credits_balance: '100.0',
  balance_cents: 10000,
  consumed_credits: '0',
  created_at: '2026-11-01T00:00:00.000Z',
  updated_at: '2026-11-01T00:00:00.000Z',
  ...overrides,
});
const apply = (state: ReturnType<typeof emptyWallet>, w: UpstreamWallet, terminated = false) =>
  applyWalletChange(state, { organizationId: 'org', wallet: w, terminated });

test('a new wallet is stored and shown; its replay changes nothing', () => {
  const state = emptyWallet('org', wallet());
  assert.equal(apply(state, wallet()), true);
  assert.equal(deriveWallet(state).visible, true);
  assert.equal(apply(state, wallet()), false);
});

test('an older update never overwrites a newer one, whatever the order', () => {
  const newer = wallet({ credits_balance: '40.0', updated_at: '2026-11-03T00:00:00Z' });
  const older = wallet({ credits_balance: '70.0', updated_at: '2026-11-02T00:00:00Z' });
  const a = emptyWallet('org', newer);
  apply(a, older);
  apply(a, newer);
  const b = emptyWallet('org', newer);
  apply(b, newer);
  assert.equal(apply(b, older), false);
  assert.equal(a.document?.credits_balance, '40.0');
  assert.deepEqual(a.document, b.document);
});

test('terminated is final: the wallet leaves the portal and a later active event keeps it out', () => {
  const state = emptyWallet('org', wallet());
  apply(state, wallet());
  apply(state, wallet({ updated_at: '2026-11-02T00:00:00Z' }), true);
  assert.equal(state.status, 'terminated');
  assert.equal(deriveWallet(state).visible, false);
  apply(state, wallet({ status: 'active', updated_at: '2026-11-05T00:00:00Z' }));
  assert.equal(state.status, 'terminated');
  assert.equal(deriveWallet(state).visible, false);
});

test('a terminated event older than the document still terminates, without rolling it back', () => {
  const state = emptyWallet('org', wallet());
  apply(state, wallet({ credits_balance: '5.0', updated_at: '2026-11-09T00:00:00Z' }));
  apply(state, wallet({ credits_balance: '90.0', updated_at: '2026-11-02T00:00:00Z' }), true);
  assert.equal(state.status, 'terminated');
  assert.equal(state.document?.credits_balance, '5.0');
});

test('transactions: newer wins, a replay is not written, an equal version that differs is', () => {
  const base = {
    id: 't-1',
    wallet_id: 'w-1',
    status: 'pending' as const,
    transaction_type: 'inbound' as const,
    amount: '50',
    credit_amount: '50',
    created_at: '2026-11-02T00:00:00Z',
    updated_at: '2026-11-02T00:00:00Z',
  };
  const pending = toTransactionRecord('org', base);
  const settled = toTransactionRecord('org', {
    ...base,
    status: 'settled',
    settled_at: '2026-11-02T01:00:00Z',
    updated_at: '2026-11-02T01:00:00Z',
  });
  assert.equal(transactionWins(null, pending), true);
  assert.equal(transactionWins(pending, toTransactionRecord('org', base)), false);
  assert.equal(transactionWins(pending, settled), true);
  assert.equal(transactionWins(settled, pending), false);
  const sameTimeFailed = toTransactionRecord('org', { ...base, status: 'failed' });
  assert.equal(transactionWins(pending, sameTimeFailed), true);
});
