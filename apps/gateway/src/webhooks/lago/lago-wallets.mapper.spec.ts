import {
  WalletTerminated,
  WalletTransactionCreated,
  WalletUpdated,
  upstreamWalletSchema,
  upstreamWalletTransactionSchema,
} from '@portico/contracts';
import { lagoWallet, lagoWalletTransaction, lagoWebhook } from '@portico/testing';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { mapLagoWebhook } from './lago-payload.mapper';

const map = (body: unknown) => {
  const mapping = mapLagoWebhook(body, 'org_hooli', 'key-1');
  assert.equal(mapping.status, 'mapped');
  return mapping.status === 'mapped' ? mapping.events : [];
};

describe('Lago wallet webhooks → Portico events', () => {
  test('wallet.created becomes a valid wallet.created; its version is its latest moment', () => {
    const wallet = lagoWallet({
      lagoId: 'w-1',
      rateAmount: '2.0',
      creditsBalance: '10.0',
      paidTopUpMinAmountCents: 1000,
      lastBalanceSyncAt: '2026-11-05T10:00:00Z',
    });
    const [event] = map(lagoWebhook('wallet.created', 'wallet', wallet));
    assert.equal(event!.type, 'wallet.created');
    assert.equal(event!.id, 'lago_key-1_wallet');
    const data = upstreamWalletSchema.parse(event!.data);
    assert.equal(data.id, 'w-1');
    assert.equal(data.rate_amount, '2.0');
    assert.equal(data.balance_cents, wallet.balance_cents);
    assert.equal(data.paid_top_up_min_amount_cents, 1000);
    assert.equal(data.updated_at, '2026-11-05T10:00:00.000Z');
  });

  test('wallet.terminated and wallet.depleted_ongoing_balance map to their events', () => {
    const wallet = lagoWallet({ status: 'terminated', terminatedAt: '2026-11-09T00:00:00Z' });
    const [terminated] = map(lagoWebhook('wallet.terminated', 'wallet', wallet));
    assert.equal(terminated!.type, WalletTerminated.type);
    assert.equal(upstreamWalletSchema.parse(terminated!.data).status, 'terminated');
    const [depleted] = map(lagoWebhook('wallet.depleted_ongoing_balance', 'wallet', lagoWallet()));
    assert.equal(depleted!.type, WalletUpdated.type);
  });

  test('a transaction maps whole, with the embedded wallet first when Lago sends it', () => {
    const transaction = lagoWalletTransaction({
      walletId: 'w-1',
      status: 'pending',
      creditAmount: '50.0',
    });
    const [alone] = map(
      lagoWebhook('wallet_transaction.created', 'wallet_transaction', transaction),
    );
    assert.equal(alone!.type, WalletTransactionCreated.type);
    const data = upstreamWalletTransactionSchema.parse(alone!.data);
    assert.equal(data.wallet_id, 'w-1');
    assert.equal(data.credit_amount, '50.0');
    assert.equal(data.status, 'pending');
    const embedded = { ...transaction, wallet: lagoWallet({ lagoId: 'w-1' }) };
    const events = map(lagoWebhook('wallet_transaction.updated', 'wallet_transaction', embedded));
    assert.deepEqual(
      events.map((e) => e.type),
      ['wallet.updated', 'wallet_transaction.updated'],
    );
    assert.equal(
      upstreamWalletTransactionSchema.parse(events[1]!.data).external_customer_id,
      'cus_lago_42',
    );
  });

  test('a wallet without what Portico needs is a 422 naming the path', () => {
    const { lago_id: _omitted, ...wallet } = lagoWallet();
    assert.throws(
      () => mapLagoWebhook(lagoWebhook('wallet.updated', 'wallet', wallet), 'org', 'k'),
      (error: { details?: Record<string, unknown> }) =>
        JSON.stringify(error.details).includes('wallet.lago_id'),
    );
  });
});
