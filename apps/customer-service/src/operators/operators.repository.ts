import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { tenantCollectionOf, type TenantCollection } from '@portico/persistence';
import type { Model } from 'mongoose';
import { Operator } from './operator.model';

export type OperatorRecord = Operator;

/** Operator accounts as plain objects; every query but login and link lookups is per organization. */
@Injectable()
export class OperatorsRepository implements OnModuleInit {
  private readonly records: TenantCollection<OperatorRecord>;

  constructor(@InjectModel(Operator.name) private readonly operators: Model<Operator>) {
    this.records = tenantCollectionOf(operators);
  }

  async onModuleInit(): Promise<void> {
    await this.operators.init();
  }

  insert(operator: OperatorRecord): Promise<void> {
    return this.records.insertOne(operator);
  }

  /** Login: the email alone names the account (unique across organizations). */
  findByEmail(email: string): Promise<OperatorRecord | null> {
    return this.records.acrossOrganizations.findOne({ email });
  }

  findById(organizationId: string, id: string): Promise<OperatorRecord | null> {
    return this.records.findOne({ _id: id, organization_id: organizationId });
  }

  list(organizationId: string): Promise<OperatorRecord[]> {
    return this.records
      .find({ organization_id: organizationId })
      .sort({ created_at: 1, _id: 1 })
      .toArray();
  }

  countAdmins(organizationId: string): Promise<number> {
    return this.records.countDocuments({ organization_id: organizationId, role: 'admin' });
  }

  update(
    organizationId: string,
    id: string,
    changes: Partial<OperatorRecord>,
  ): Promise<OperatorRecord | null> {
    return this.records.findOneAndUpdate(
      { _id: id, organization_id: organizationId },
      { $set: changes },
      { returnDocument: 'after' },
    );
  }

  /**
   * Sets the password and spends the link in one conditional write: of two concurrent uses of
   * the same link, only one finds it still pending.
   */
  spendSetupToken(sha256: string, now: Date, passwordHash: string): Promise<OperatorRecord | null> {
    return this.records.acrossOrganizations.findOneAndUpdate(
      { setup_token_sha256: sha256, setup_expires_at: { $gt: now } },
      {
        $set: {
          password_hash: passwordHash,
          setup_token_sha256: null,
          setup_expires_at: null,
          updated_at: now,
        },
      },
      { returnDocument: 'after' },
    );
  }

  async remove(organizationId: string, id: string): Promise<boolean> {
    const result = await this.records.deleteOne({ _id: id, organization_id: organizationId });
    return result.deletedCount === 1;
  }
}
