import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { DomainError, ErrorCode } from '@portico/contracts';
import { describeError, failureClass } from '@portico/messaging';
import type { Collection, Connection } from 'mongoose';
import {
  deriveWallet,
  transactionWins,
  walletDocumentId,
  type WalletRecord,
  type WalletState,
  type WalletTransactionRecord,
} from './wallet-record';

const MAX_RACE_RETRIES = 8;

/**
 * Wallets and their transactions. Writes are compare-and-set against what was read (the wallet's
 * `rev`, the transaction's `updated_at`), so racing instances and replays converge; every query
 * is scoped to an organization.
 */
@Injectable()
export class WalletsRepository implements OnModuleInit {
  private readonly wallets: Collection<WalletRecord>;
  private readonly transactions: Collection<WalletTransactionRecord>;

  constructor(@InjectConnection() connection: Connection) {
    this.wallets = connection.collection<WalletRecord>('wallets');
    this.transactions = connection.collection<WalletTransactionRecord>('wallet_transactions');
  }

  async onModuleInit(): Promise<void> {
    // A customer's visible wallets (the portal's Credits section).
    await this.wallets.createIndex({ organization_id: 1, external_customer_id: 1, visible: 1 });
    // A wallet's transactions, newest first, in numbered pages.
    await this.transactions.createIndex({ organization_id: 1, wallet_id: 1, list_key: -1 });
  }

  /** Reads the wallet, lets `apply` change it, writes it if it did; returns whether it did. */
  async updateWallet(
    id: string,
    empty: () => WalletState,
    apply: (state: WalletState) => boolean,
  ): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
      const stored = await this.wallets.findOne({ _id: id } as never);
      const state: WalletState = stored ? withoutDerived(stored) : empty();
      const expectedRev = state.rev;
      if (!apply(state)) return false;
      const record = deriveWallet({ ...state, rev: expectedRev + 1 });
      if (await this.compareAndSet(this.wallets, record, stored ? { rev: expectedRev } : null)) {
        return true;
      }
    }
    throw new Error(`gave up writing wallet ${id} after ${MAX_RACE_RETRIES} lost races`);
  }

  /** Stores the transaction unless what is stored wins over it; returns whether it was written. */
  async saveTransaction(incoming: WalletTransactionRecord): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
      const stored = await this.transactions.findOne({ _id: incoming._id } as never);
      if (!transactionWins(stored, incoming)) return false;
      const condition = stored
        ? { updated_at: stored.updated_at, list_key: stored.list_key }
        : null;
      if (await this.compareAndSet(this.transactions, incoming, condition)) return true;
    }
    throw new Error(`gave up writing ${incoming._id} after ${MAX_RACE_RETRIES} lost races`);
  }

  /** Whose wallet this is, if Portico has stored it (Lago's transaction webhooks name no customer). */
  async customerOfWallet(organizationId: string, walletId: string): Promise<string | null> {
    const record = await this.wallets.findOne(
      { _id: walletDocumentId(organizationId, walletId) } as never,
      { projection: { external_customer_id: 1 } },
    );
    return record?.external_customer_id ?? null;
  }

  listVisible(organizationId: string, externalCustomerId: string): Promise<WalletRecord[]> {
    return this.wallets
      .find({
        organization_id: organizationId,
        external_customer_id: externalCustomerId,
        visible: true,
      } as never)
      .toArray();
  }

  /** By the derived `_id`; null unless it is this customer's and visible. */
  async findVisible(
    organizationId: string,
    externalCustomerId: string,
    walletId: string,
  ): Promise<WalletRecord | null> {
    const record = await this.wallets.findOne({
      _id: walletDocumentId(organizationId, walletId),
    } as never);
    const matches =
      record !== null &&
      record.organization_id === organizationId &&
      record.upstream_id === walletId &&
      record.external_customer_id === externalCustomerId &&
      record.visible;
    return matches ? record : null;
  }

  async transactionsPage(
    organizationId: string,
    walletId: string,
    { skip, limit }: { skip: number; limit: number },
  ): Promise<{ transactions: WalletTransactionRecord[]; totalCount: number }> {
    const filter = { organization_id: organizationId, wallet_id: walletId } as never;
    const [transactions, totalCount] = await Promise.all([
      this.transactions.find(filter).sort({ list_key: -1 }).skip(skip).limit(limit).toArray(),
      this.transactions.countDocuments(filter),
    ]);
    return { transactions, totalCount };
  }

  /** Insert when nothing was read, else update only what still matches `condition`. */
  private async compareAndSet<T extends { _id: string }>(
    collection: Collection<T>,
    document: T,
    condition: Record<string, unknown> | null,
  ): Promise<boolean> {
    try {
      if (!condition) {
        await collection.insertOne(document as never);
        return true;
      }
      const { _id, ...fields } = document;
      const result = await collection.updateOne(
        { _id, ...condition } as never,
        { $set: fields } as never,
      );
      return result.matchedCount === 1;
    } catch (error) {
      if ((error as { code?: unknown }).code === 11000) return false; // another writer inserted
      if (failureClass(error) !== 'infrastructure' && refusedByDatabase(error)) {
        throw new DomainError(
          ErrorCode.ValidationFailed,
          `refused by the database: ${describeError(error)}`,
        );
      }
      throw error;
    }
  }
}

function withoutDerived(record: WalletRecord): WalletState {
  const { visible: _visible, ...state } = record;
  return state;
}

/** The database answered and refused the command for its content (not a network failure). */
function refusedByDatabase(error: unknown): boolean {
  const e = error as { name?: string; code?: unknown };
  return e.name === 'MongoServerError' && typeof e.code === 'number';
}
