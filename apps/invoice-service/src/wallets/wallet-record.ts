import type { UpstreamWallet, UpstreamWalletTransaction } from '@portico/contracts';
import { createHash } from 'node:crypto';

/** The part of a wallet that wallet.created / updated / terminated carry, besides its status. */
export interface WalletDocument {
  currency: string;
  name: string | null;
  rate_amount: string;
  credits_balance: string;
  balance_cents: number;
  consumed_credits: string;
  paid_top_up_min_amount_cents: number | null;
  paid_top_up_max_amount_cents: number | null;
  expiration_at: string | null;
  created_at: string;
}

/**
 * A wallet as stored. The document and the status each have their own version, and a part only
 * changes when an event is at least as new as that part and says something different (so a
 * replay changes nothing). Terminated is final: once seen, no event makes the wallet active.
 */
export interface WalletState {
  _id: string;
  organization_id: string;
  upstream_id: string;
  external_customer_id: string;
  document: WalletDocument | null;
  document_version: Date | null;
  status: UpstreamWallet['status'] | null;
  status_version: Date | null;
  /** Optimistic concurrency: a write succeeds only against the revision it read. */
  rev: number;
}

export interface WalletRecord extends WalletState {
  /** What the portal shows: a known, active wallet. */
  visible: boolean;
}

export interface WalletChange {
  organizationId: string;
  wallet: UpstreamWallet;
  terminated: boolean;
}

/** Stable ids from (organization, upstream id): retries and racing instances address one document. */
function documentId(prefix: string, organizationId: string, upstreamId: string): string {
  const digest = createHash('sha256')
    .update(`${organizationId}\u0000${upstreamId}`)
    .digest('base64url');
  return `${prefix}_${digest.slice(0, 27)}`;
}

export const walletDocumentId = (organizationId: string, upstreamId: string) =>
  documentId('wal', organizationId, upstreamId);
export const walletTransactionDocumentId = (organizationId: string, upstreamId: string) =>
  documentId('wtx', organizationId, upstreamId);

export function emptyWallet(organizationId: string, wallet: UpstreamWallet): WalletState {
  return {
    _id: walletDocumentId(organizationId, wallet.id),
    organization_id: organizationId,
    upstream_id: wallet.id,
    external_customer_id: wallet.external_customer_id,
    document: null,
    document_version: null,
    status: null,
    status_version: null,
    rev: 0,
  };
}

const atLeastAsNew = (version: Date, current: Date | null) =>
  current === null || version.getTime() >= current.getTime();

function sameDocument(a: WalletDocument | null, b: WalletDocument): boolean {
  return a !== null && (Object.keys(b) as (keyof WalletDocument)[]).every((k) => a[k] === b[k]);
}

/** Applies one change; returns whether anything changed. */
export function applyWalletChange(state: WalletState, change: WalletChange): boolean {
  const w = change.wallet;
  const version = new Date(w.updated_at);
  let changed = false;
  const document: WalletDocument = {
    currency: w.currency,
    name: w.name ?? null,
    rate_amount: w.rate_amount,
    credits_balance: w.credits_balance,
    balance_cents: w.balance_cents,
    consumed_credits: w.consumed_credits,
    paid_top_up_min_amount_cents: w.paid_top_up_min_amount_cents ?? null,
    paid_top_up_max_amount_cents: w.paid_top_up_max_amount_cents ?? null,
    expiration_at: w.expiration_at ? new Date(w.expiration_at).toISOString() : null,
    created_at: new Date(w.created_at).toISOString(),
  };
  if (atLeastAsNew(version, state.document_version) && !sameDocument(state.document, document)) {
    state.document = document;
    state.document_version = version;
    state.external_customer_id = w.external_customer_id;
    changed = true;
  }
  const status = change.terminated ? 'terminated' : w.status;
  if (state.status === 'terminated') return changed;
  if (
    status === 'terminated' ||
    (atLeastAsNew(version, state.status_version) && status !== state.status)
  ) {
    state.status = status;
    state.status_version = version;
    changed = true;
  }
  return changed;
}

export function deriveWallet(state: WalletState): WalletRecord {
  return { ...state, visible: state.document !== null && state.status === 'active' };
}

/** A wallet transaction as stored: one version for the whole of it (newer or equal and different wins). */
export interface WalletTransactionRecord {
  _id: string;
  organization_id: string;
  upstream_id: string;
  wallet_id: string;
  status: UpstreamWalletTransaction['status'];
  transaction_status: UpstreamWalletTransaction['transaction_status'] | null;
  transaction_type: UpstreamWalletTransaction['transaction_type'];
  amount: string;
  credit_amount: string;
  name: string | null;
  settled_at: string | null;
  failed_at: string | null;
  created_at: string;
  /** `created_at|upstream_id`: one sortable key for newest-first pages. */
  list_key: string;
  updated_at: Date;
}

export function toTransactionRecord(
  organizationId: string,
  t: UpstreamWalletTransaction,
): WalletTransactionRecord {
  const createdAt = new Date(t.created_at).toISOString();
  return {
    _id: walletTransactionDocumentId(organizationId, t.id),
    organization_id: organizationId,
    upstream_id: t.id,
    wallet_id: t.wallet_id,
    status: t.status,
    transaction_status: t.transaction_status ?? null,
    transaction_type: t.transaction_type,
    amount: t.amount,
    credit_amount: t.credit_amount,
    name: t.name ?? null,
    settled_at: t.settled_at ? new Date(t.settled_at).toISOString() : null,
    failed_at: t.failed_at ? new Date(t.failed_at).toISOString() : null,
    created_at: createdAt,
    list_key: `${createdAt}|${t.id}`,
    updated_at: new Date(t.updated_at),
  };
}

/** Whether `incoming` should replace `stored`: newer, or as new and different (never a replay). */
export function transactionWins(
  stored: WalletTransactionRecord | null,
  incoming: WalletTransactionRecord,
): boolean {
  if (!stored) return true;
  const a = stored.updated_at.getTime();
  const b = incoming.updated_at.getTime();
  if (b !== a) return b > a;
  const { updated_at: _s, ...storedFields } = stored;
  const { updated_at: _i, ...incomingFields } = incoming;
  return (Object.keys(incomingFields) as (keyof typeof incomingFields)[]).some(
    (k) => storedFields[k] !== incomingFields[k],
  );
}
