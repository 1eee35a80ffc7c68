import { randomUUID } from 'node:crypto';

export interface LagoWalletOptions {
  lagoId?: string;
  externalCustomerId?: string;
  status?: 'active' | 'terminated';
  name?: string | null;
  currency?: string;
  rateAmount?: string;
  creditsBalance?: string;
  consumedCredits?: string;
  paidTopUpMinAmountCents?: number | null;
  paidTopUpMaxAmountCents?: number | null;
  expirationAt?: string | null;
  createdAt?: string;
  lastBalanceSyncAt?: string | null;
  terminatedAt?: string | null;
}

/** A Lago wallet object as its serializer writes it (Lago's public webhook documentation). */
export function lagoWallet(options: LagoWalletOptions = {}) {
  const rate = options.rateAmount ?? '1.0';
  const credits = options.creditsBalance ?? '120.0';
  return {
    lago_id: options.lagoId ?? randomUUID(),
    lago_customer_id: randomUUID(),
    external_customer_id: options.externalCustomerId ?? 'cus_lago_42',
    status: options.status ?? 'active',
    currency: options.currency ?? 'EUR',
    name: options.name === undefined ? 'Prepaid credits' : options.name,
    code: 'prepaid',
    priority: 50,
    rate_amount: rate,
    credits_balance: credits,
    balance_cents: Math.round(Number(credits) * Number(rate) * 100),
    consumed_credits: options.consumedCredits ?? '30.0',
    created_at: options.createdAt ?? '2026-11-01T08:00:00Z',
    expiration_at:
      options.expirationAt === undefined ? '2027-12-31T23:59:59Z' : options.expirationAt,
    last_balance_sync_at: options.lastBalanceSyncAt ?? null,
    last_consumed_credit_at: null,
    terminated_at: options.terminatedAt ?? null,
    invoice_requires_successful_payment: false,
    ongoing_balance_cents: 0,
    ongoing_usage_balance_cents: 0,
    credits_ongoing_balance: credits,
    credits_ongoing_usage_balance: '0.0',
    paid_top_up_min_amount_cents:
      options.paidTopUpMinAmountCents === undefined ? null : options.paidTopUpMinAmountCents,
    paid_top_up_max_amount_cents:
      options.paidTopUpMaxAmountCents === undefined ? null : options.paidTopUpMaxAmountCents,
    recurring_transaction_rules: [],
  };
}

export interface LagoWalletTransactionOptions {
  lagoId?: string;
  walletId: string;
  status?: 'pending' | 'settled' | 'failed';
  transactionType?: 'inbound' | 'outbound';
  transactionStatus?: 'purchased' | 'granted' | 'voided' | 'invoiced';
  creditAmount?: string;
  rateAmount?: string;
  createdAt?: string;
  settledAt?: string | null;
}

/** A Lago wallet transaction object as its serializer writes it. */
export function lagoWalletTransaction(options: LagoWalletTransactionOptions) {
  const credits = options.creditAmount ?? '50.0';
  const status = options.status ?? 'settled';
  const createdAt = options.createdAt ?? '2026-11-02T10:00:00Z';
  return {
    lago_id: options.lagoId ?? randomUUID(),
    lago_wallet_id: options.walletId,
    lago_invoice_id: null,
    lago_credit_note_id: null,
    status,
    source: 'manual',
    transaction_status: options.transactionStatus ?? 'purchased',
    transaction_type: options.transactionType ?? 'inbound',
    amount: String(Number(credits) * Number(options.rateAmount ?? '1.0')),
    credit_amount: credits,
    invoice_requires_successful_payment: false,
    metadata: [],
    priority: 50,
    settled_at:
      options.settledAt === undefined
        ? status === 'settled'
          ? createdAt
          : null
        : options.settledAt,
    failed_at: status === 'failed' ? createdAt : null,
    created_at: createdAt,
    name: null,
  };
}
