import {
  WalletCreated,
  WalletTerminated,
  WalletTransactionCreated,
  WalletTransactionUpdated,
  WalletUpdated,
  type EventContract,
  type EventEnvelope,
} from '@portico/contracts';
import { z } from 'zod';
import { lagoTimestamp, parseLagoPart, type LagoDomainMapper } from './lago-mapper-kit';

const text = z.string().nullish();
const decimal = z.union([z.string(), z.number()]);

/** The parts of Lago's wallet object Portico reads (loose: the event contract checks strictly). */
const lagoWalletSchema = z.object({
  lago_id: z.string(),
  external_customer_id: z.string(),
  status: z.string(),
  currency: z.string(),
  name: text,
  code: text,
  rate_amount: decimal,
  credits_balance: decimal,
  balance_cents: z.number().nullish(),
  consumed_credits: decimal.nullish(),
  paid_top_up_min_amount_cents: z.number().nullish(),
  paid_top_up_max_amount_cents: z.number().nullish(),
  created_at: z.string(),
  expiration_at: text,
  last_balance_sync_at: text,
  last_consumed_credit_at: text,
  terminated_at: text,
});
type LagoWallet = z.output<typeof lagoWalletSchema>;

const lagoWalletTransactionSchema = z.object({
  lago_id: z.string(),
  lago_wallet_id: z.string(),
  status: z.string(),
  transaction_status: text,
  transaction_type: z.string(),
  amount: decimal,
  credit_amount: decimal,
  name: text,
  settled_at: text,
  failed_at: text,
  created_at: z.string(),
  /** Lago's transaction webhooks may embed the wallet (its balance after the movement). */
  wallet: lagoWalletSchema.nullish(),
});
type LagoWalletTransaction = z.output<typeof lagoWalletTransactionSchema>;

const WALLET_WEBHOOKS: Record<string, EventContract> = {
  'wallet.created': WalletCreated,
  'wallet.updated': WalletUpdated,
  'wallet.depleted_ongoing_balance': WalletUpdated,
  'wallet.terminated': WalletTerminated,
};
const TRANSACTION_WEBHOOKS: Record<string, EventContract> = {
  'wallet_transaction.created': WalletTransactionCreated,
  'wallet_transaction.updated': WalletTransactionUpdated,
};

/**
 * Lago's wallets carry no `updated_at`: their version is the latest moment they name (created,
 * last top-up, last consumption, terminated). Two states with the same moment are told apart by
 * the invoice-service (an equal version that says something different wins).
 */
function latest(...moments: (string | null | undefined)[]): string | undefined {
  const times = moments
    .map((m) => (m ? new Date(m).getTime() : NaN))
    .filter((t) => Number.isFinite(t));
  return times.length ? new Date(Math.max(...times)).toISOString() : undefined;
}

function toPorticoWallet(wallet: LagoWallet): Record<string, unknown> {
  return {
    id: wallet.lago_id,
    external_customer_id: wallet.external_customer_id,
    status: wallet.status === 'terminated' ? 'terminated' : 'active',
    currency: wallet.currency,
    name: wallet.name ?? null,
    code: wallet.code ?? null,
    rate_amount: String(wallet.rate_amount),
    credits_balance: String(wallet.credits_balance),
    balance_cents:
      wallet.balance_cents ??
      Math.round(Number(wallet.credits_balance) * Number(wallet.rate_amount) * 100),
    consumed_credits: String(wallet.consumed_credits ?? '0'),
    paid_top_up_min_amount_cents: wallet.paid_top_up_min_amount_cents ?? null,
    paid_top_up_max_amount_cents: wallet.paid_top_up_max_amount_cents ?? null,
    expiration_at: lagoTimestamp(wallet.expiration_at) ?? null,
    created_at: lagoTimestamp(wallet.created_at),
    terminated_at: lagoTimestamp(wallet.terminated_at) ?? null,
    updated_at: latest(
      wallet.created_at,
      wallet.last_balance_sync_at,
      wallet.last_consumed_credit_at,
      wallet.terminated_at,
    ),
  };
}

function toPorticoTransaction(
  transaction: LagoWalletTransaction,
  externalCustomerId: string | null,
): Record<string, unknown> {
  return {
    id: transaction.lago_id,
    wallet_id: transaction.lago_wallet_id,
    external_customer_id: externalCustomerId,
    status: transaction.status,
    transaction_status: transaction.transaction_status ?? null,
    transaction_type: transaction.transaction_type,
    amount: String(transaction.amount),
    credit_amount: String(transaction.credit_amount),
    name: transaction.name ?? null,
    settled_at: lagoTimestamp(transaction.settled_at) ?? null,
    failed_at: lagoTimestamp(transaction.failed_at) ?? null,
    created_at: lagoTimestamp(transaction.created_at),
    updated_at: latest(transaction.created_at, transaction.settled_at, transaction.failed_at),
  };
}

/** `wallet.*` and `wallet_transaction.*`: prepaid credits (issue 19). */
export const lagoWalletsMapper: LagoDomainMapper = {
  webhookTypes: [...Object.keys(WALLET_WEBHOOKS), ...Object.keys(TRANSACTION_WEBHOOKS)],
  map(root, envelopeOf): EventEnvelope[] {
    const type = String(root.webhook_type);
    const walletContract = WALLET_WEBHOOKS[type];
    if (walletContract) {
      const wallet = parseLagoPart(lagoWalletSchema, root.wallet, 'wallet');
      return [envelopeOf(walletContract, 'wallet', toPorticoWallet(wallet))];
    }
    const transaction = parseLagoPart(
      lagoWalletTransactionSchema,
      root.wallet_transaction,
      'wallet_transaction',
    );
    const events: EventEnvelope[] = [];
    // The embedded wallet rides along (its balance after this movement), as an invoice's customer does.
    if (transaction.wallet) {
      events.push(envelopeOf(WalletUpdated, 'wallet', toPorticoWallet(transaction.wallet)));
    }
    const customerId = transaction.wallet?.external_customer_id ?? null;
    events.push(
      envelopeOf(
        TRANSACTION_WEBHOOKS[type]!,
        'wallet_transaction',
        toPorticoTransaction(transaction, customerId),
      ),
    );
    return events;
  },
};
