import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import { createHash } from 'node:crypto';

/**
 * One top-up form submission, claimed before anything is sent: the claim's id derives from the
 * form's nonce, so a second submission of the same form (double click, retry, a second gateway)
 * finds it and sends nothing. `status` records how it ended, for the operator's inquiries.
 */
export interface WalletTopUpClaim {
  _id: string;
  organization_id: string;
  wallet_id: string;
  external_customer_id: string;
  credits: string;
  channel: 'lago' | 'webhook';
  status: 'claimed' | 'sent' | 'failed';
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export function topUpClaimId(organizationId: string, walletId: string, nonce: string): string {
  const digest = createHash('sha256')
    .update(`${organizationId}\u0000${walletId}\u0000${nonce}`)
    .digest('base64url');
  return `wtu_${digest.slice(0, 27)}`;
}

@Injectable()
export class WalletTopUpsRepository implements OnModuleInit {
  private readonly claims: Collection<WalletTopUpClaim>;

  constructor(@InjectConnection() connection: Connection) {
    this.claims = connection.collection<WalletTopUpClaim>('wallet_top_ups');
  }

  async onModuleInit(): Promise<void> {
    // The collection exists up front: FerretDB creates them lazily, and claims race the first one.
    await this.claims.countDocuments({}, { limit: 1 });
  }

  /** Inserts the claim; false when this form was claimed before (the unique `_id`). */
  async claim(claim: WalletTopUpClaim): Promise<boolean> {
    try {
      await this.claims.insertOne(claim);
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 11000) return false;
      throw error;
    }
  }

  async finish(id: string, status: 'sent' | 'failed', error: string | null = null): Promise<void> {
    await this.claims.updateOne(
      { _id: id },
      {
        $set: { status, error, finished_at: new Date() },
      },
    );
  }
}
