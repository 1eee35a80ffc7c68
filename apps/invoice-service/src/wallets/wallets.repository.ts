import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { DomainError, ErrorCode } from '@portico/contracts';
import { describeError, failureClass } from '@portico/messaging';
import { tenantCollection, type TenantCollection } from '@portico/persistence';
import type { Connection } from 'mongoose';
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
  private readonly wallets: TenantCollection<WalletRecord>;
  private readonly transactions: TenantCollection<WalletTransactionRecord>;

  constructor(@InjectConnection() connection: Connection) {
    this.wallets = tenantCollection(connection, 'wallets');
    this.transactions = tenantCollection(connection, 'wallet_transactions');
  }

  async onModuleInit(): Promise<void> {
    // A customer's visible wallets (the portal's Credits section).
    await this.wallets.collection.createIndex({
      organization_id: 1,
      external_customer_id: 1,
      visible: 1,
    });
    // A wallet's transactions, newest first, in numbered pages.
    await this.transactions.collection.createIndex({
      organization_id: 1,
      wallet_id: 1,
      list_key: -1,
    });
  }

  /** Reads the wallet, lets `apply` change it, writes it if it did; returns whether it did. */
  updateWallet(
    id: string,
    empty: () => WalletState,
    apply: (state: WalletState) => boolean,
  ): Promise<boolean> {
    return refusalsAsValidation(
      this.wallets.saveIfNewer(id, {
        decide: (stored) => {
          const state: WalletState = stored ? withoutDerived(stored) : empty();
          const expectedRev = state.rev;
          if (!apply(state)) return undefined;
          return deriveWallet({ ...state, rev: expectedRev + 1 });
        },
        versionOf: ({ rev }) => ({ rev }),
        maxRaceRetries: MAX_RACE_RETRIES,
      }),
    );
  }

  /** Stores the transaction unless what is stored wins over it; returns whether it was written. */
  saveTransaction(incoming: WalletTransactionRecord): Promise<boolean> {
    return refusalsAsValidation(
      this.transactions.saveIfNewer(incoming._id, {
        decide: (stored) => (transactionWins(stored, incoming) ? incoming : undefined),
        versionOf: ({ updated_at, list_key }) => ({ updated_at, list_key }),
        maxRaceRetries: MAX_RACE_RETRIES,
      }),
    );
  }

  /** Whose wallet this is, if Portico has stored it (Lago's transaction webhooks name no customer). */
  async customerOfWallet(organizationId: string, walletId: string): Promise<string | null> {
    const record = await this.wallets.findById(walletDocumentId(organizationId, walletId), {
      projection: { external_customer_id: 1 },
    });
    return record?.external_customer_id ?? null;
  }

  listVisible(organizationId: string, externalCustomerId: string): Promise<WalletRecord[]> {
    return this.wallets
      .find({
        organization_id: organizationId,
        external_customer_id: externalCustomerId,
        visible: true,
      })
      .toArray();
  }

  /** By the derived `_id`; null unless it is this customer's and visible. */
  findVisible(
    organizationId: string,
    externalCustomerId: string,
    walletId: string,
  ): Promise<WalletRecord | null> {
    return this.wallets.findByIdMatching(walletDocumentId(organizationId, walletId), {
      organization_id: organizationId,
      upstream_id: walletId,
      external_customer_id: externalCustomerId,
      visible: true,
    });
  }

  async transactionsPage(
    organizationId: string,
    walletId: string,
    { skip, limit }: { skip: number; limit: number },
  ): Promise<{ transactions: WalletTransactionRecord[]; totalCount: number }> {
    const filter = { organization_id: organizationId, wallet_id: walletId };
    const { items, total } = await this.transactions.page(filter, {
      sort: { list_key: -1 },
      skip,
      limit,
    });
    return { transactions: items, totalCount: total };
  }
}

function withoutDerived(record: WalletRecord): WalletState {
  const { visible: _visible, ...state } = record;
  return state;
}

/** A document the database refuses for its content is a validation failure, not an outage. */
async function refusalsAsValidation<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (failureClass(error) !== 'infrastructure' && refusedByDatabase(error)) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `refused by the database: ${describeError(error)}`,
      );
    }
    throw error;
  }
}

/** The database answered and refused the command for its content (not a network failure). */
function refusedByDatabase(error: unknown): boolean {
  const e = error as { name?: string; code?: unknown };
  return e.name === 'MongoServerError' && typeof e.code === 'number';
}
