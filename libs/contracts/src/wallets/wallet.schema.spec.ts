import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { upstreamWalletSchema, upstreamWalletTransactionSchema } from './wallet.schema';

const wallet = {
  id: 'w-1',
  external_customer_id: 'cus_1',
  status: 'active',
  currency: 'eur',
  rate_amount: '1.5',
  credits_balance: '100.0',
  balance_cents: 15000,
  consumed_credits: 20,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
};

test('a wallet: currency upper-cased, credits as decimal strings, limits optional', () => {
  const parsed = upstreamWalletSchema.parse(wallet);
  assert.equal(parsed.currency, 'EUR');
  assert.equal(parsed.consumed_credits, '20');
  assert.equal(parsed.paid_top_up_min_amount_cents, undefined);
});

test('a wallet with a negative or non-decimal credit amount is refused', () => {
  assert.ok(!upstreamWalletSchema.safeParse({ ...wallet, credits_balance: '-1' }).success);
  assert.ok(!upstreamWalletSchema.safeParse({ ...wallet, rate_amount: '1e3' }).success);
  assert.ok(!upstreamWalletSchema.safeParse({ ...wallet, status: 'paused' }).success);
});

test('a transaction needs its wallet, direction and status', () => {
  const transaction = {
    id: 't-1',
    wallet_id: 'w-1',
    status: 'settled',
    transaction_type: 'inbound',
    amount: '50.0',
    credit_amount: '50.0',
    created_at: '2026-11-02T00:00:00Z',
    updated_at: '2026-11-02T00:00:00Z',
  };
  assert.ok(upstreamWalletTransactionSchema.safeParse(transaction).success);
  const { wallet_id: _omitted, ...orphan } = transaction;
  assert.ok(!upstreamWalletTransactionSchema.safeParse(orphan).success);
  assert.ok(
    !upstreamWalletTransactionSchema.safeParse({ ...transaction, transaction_type: 'sideways' })
      .success,
  );
});
