import { z } from 'zod';
import { currencySchema, isoDateTime, storableText } from '../kit/common-schemas';
import { externalIdSchema } from '../customers/customer.schema';

export const WALLET_STATUSES = ['active', 'terminated'] as const;
export const WALLET_TRANSACTION_STATUSES = ['pending', 'settled', 'failed'] as const;
export const WALLET_TRANSACTION_TYPES = ['inbound', 'outbound'] as const;
export const WALLET_TRANSACTION_KINDS = ['purchased', 'granted', 'voided', 'invoiced'] as const;

export const upstreamWalletIdSchema = storableText().trim().min(1).max(255);

/** Lago's decimal strings ("100.0", "1.25"): credits, rates and transaction amounts. */
export const decimalStringSchema = z
  .union([z.string(), z.number().nonnegative()])
  .transform(String)
  .pipe(z.string().regex(/^\d{1,15}(\.\d{1,15})?$/, 'must be a decimal string like "10.5"'));

const cents = z.number().int().min(-1e15).max(1e15);
const optionalCents = z.number().int().min(0).max(1e15).nullable().optional();

/**
 * A prepaid-credit wallet as an upstream billing system sends it in wallet.created / updated /
 * terminated (Lago's wallet object; `id` is its `lago_id`). Credits are decimal strings, money
 * integers in the currency's minor unit. `updated_at` decides which write wins.
 */
export const upstreamWalletSchema = z.object({
  id: upstreamWalletIdSchema,
  external_customer_id: externalIdSchema,
  status: z.enum(WALLET_STATUSES),
  currency: currencySchema,
  name: z.string().trim().max(255).nullable().optional(),
  code: z.string().trim().max(255).nullable().optional(),
  /** What one credit is worth in `currency` (major unit), e.g. "1.0". */
  rate_amount: decimalStringSchema,
  credits_balance: decimalStringSchema,
  balance_cents: cents,
  consumed_credits: decimalStringSchema.default('0'),
  /** The smallest and largest paid top-up, in cents; null or absent: no limit. */
  paid_top_up_min_amount_cents: optionalCents,
  paid_top_up_max_amount_cents: optionalCents,
  expiration_at: isoDateTime.nullable().optional(),
  created_at: isoDateTime,
  terminated_at: isoDateTime.nullable().optional(),
  updated_at: isoDateTime,
});
export type UpstreamWallet = z.output<typeof upstreamWalletSchema>;

/**
 * One credit movement of a wallet (Lago's wallet transaction; `id` is its `lago_id`, `wallet_id`
 * the wallet's). `amount` is in the currency's major unit, `credit_amount` in credits.
 */
export const upstreamWalletTransactionSchema = z.object({
  id: upstreamWalletIdSchema,
  wallet_id: upstreamWalletIdSchema,
  /** Optional: Lago's transaction webhooks name only the wallet. */
  external_customer_id: externalIdSchema.nullable().optional(),
  status: z.enum(WALLET_TRANSACTION_STATUSES),
  transaction_status: z.enum(WALLET_TRANSACTION_KINDS).nullable().optional(),
  transaction_type: z.enum(WALLET_TRANSACTION_TYPES),
  amount: decimalStringSchema,
  credit_amount: decimalStringSchema,
  name: z.string().trim().max(255).nullable().optional(),
  settled_at: isoDateTime.nullable().optional(),
  failed_at: isoDateTime.nullable().optional(),
  created_at: isoDateTime,
  updated_at: isoDateTime,
});
export type UpstreamWalletTransaction = z.output<typeof upstreamWalletTransactionSchema>;

/** A wallet as the portal reads it (no internal ids: `id` is the upstream id). */
export const walletViewSchema = z.object({
  id: z.string(),
  external_customer_id: z.string(),
  status: z.enum(WALLET_STATUSES),
  currency: z.string(),
  name: z.string().nullable(),
  rate_amount: z.string(),
  credits_balance: z.string(),
  balance_cents: z.number().int(),
  consumed_credits: z.string(),
  /** `consumed_credits` × `rate_amount`, in cents. */
  consumed_amount_cents: z.number().int(),
  paid_top_up_min_amount_cents: z.number().int().nullable(),
  paid_top_up_max_amount_cents: z.number().int().nullable(),
  expiration_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type WalletView = z.output<typeof walletViewSchema>;

export const walletTransactionViewSchema = z.object({
  id: z.string(),
  wallet_id: z.string(),
  status: z.enum(WALLET_TRANSACTION_STATUSES),
  transaction_status: z.enum(WALLET_TRANSACTION_KINDS).nullable(),
  transaction_type: z.enum(WALLET_TRANSACTION_TYPES),
  amount: z.string(),
  credit_amount: z.string(),
  name: z.string().nullable(),
  settled_at: z.string().nullable(),
  failed_at: z.string().nullable(),
  created_at: z.string(),
});
export type WalletTransactionView = z.output<typeof walletTransactionViewSchema>;
