import type { WalletTransactionView, WalletView } from '@portico/contracts';
import type { WalletRecord, WalletTransactionRecord } from './wallet-record';

/** Digits of the currency's minor unit (2 for EUR, 0 for JPY), as Intl knows it. */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** Credits × rate, in the currency's minor unit. */
export function creditsToCents(credits: string, rateAmount: string, currency: string): number {
  return Math.round(Number(credits) * Number(rateAmount) * 10 ** minorDigits(currency));
}

export function toWalletView(record: WalletRecord): WalletView {
  const doc = record.document!;
  const versions = [record.document_version, record.status_version]
    .filter((d): d is Date => d !== null)
    .map((d) => d.getTime());
  return {
    id: record.upstream_id,
    external_customer_id: record.external_customer_id,
    status: record.status ?? 'active',
    currency: doc.currency,
    name: doc.name,
    rate_amount: doc.rate_amount,
    credits_balance: doc.credits_balance,
    balance_cents: doc.balance_cents,
    consumed_credits: doc.consumed_credits,
    consumed_amount_cents: creditsToCents(doc.consumed_credits, doc.rate_amount, doc.currency),
    paid_top_up_min_amount_cents: doc.paid_top_up_min_amount_cents,
    paid_top_up_max_amount_cents: doc.paid_top_up_max_amount_cents,
    expiration_at: doc.expiration_at,
    created_at: doc.created_at,
    updated_at: new Date(Math.max(0, ...versions)).toISOString(),
  };
}

export function toWalletTransactionView(record: WalletTransactionRecord): WalletTransactionView {
  return {
    id: record.upstream_id,
    wallet_id: record.wallet_id,
    status: record.status,
    transaction_status: record.transaction_status ?? null,
    transaction_type: record.transaction_type,
    amount: record.amount,
    credit_amount: record.credit_amount,
    name: record.name,
    settled_at: record.settled_at,
    failed_at: record.failed_at,
    created_at: record.created_at,
  };
}
