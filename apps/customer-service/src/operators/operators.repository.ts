import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Operator } from './operator.model';

export type OperatorRecord = Operator;

/** Operator accounts as plain objects; every query but login and link lookups is per organization. */
@Injectable()
export class OperatorsRepository implements OnModuleInit {
  constructor(@InjectModel(Operator.name) private readonly operators: Model<Operator>) {}

  async onModuleInit(): Promise<void> {
    await this.operators.init();
  }

  async insert(operator: OperatorRecord): Promise<void> {
    await this.operators.create(operator);
  }

  /** Login: the email alone names the account (unique across organizations). */
  findByEmail(email: string): Promise<OperatorRecord | null> {
    return this.operators.findOne({ email }).lean<OperatorRecord>().exec();
  }

  findById(organizationId: string, id: string): Promise<OperatorRecord | null> {
    return this.operators
      .findOne({ _id: id, organization_id: organizationId })
      .lean<OperatorRecord>()
      .exec();
  }

  list(organizationId: string): Promise<OperatorRecord[]> {
    return this.operators
      .find({ organization_id: organizationId })
      .sort({ created_at: 1, _id: 1 })
      .lean<OperatorRecord[]>()
      .exec();
  }

  countAdmins(organizationId: string): Promise<number> {
    return this.operators.countDocuments({ organization_id: organizationId, role: 'admin' }).exec();
  }

  update(
    organizationId: string,
    id: string,
    changes: Partial<OperatorRecord>,
  ): Promise<OperatorRecord | null> {
    return this.operators
      .findOneAndUpdate(
        { _id: id, organization_id: organizationId },
        { $set: changes },
        { returnDocument: 'after' },
      )
      .lean<OperatorRecord>()
      .exec();
  }

  /**
   * Sets the password and spends the link in one conditional write: of two concurrent uses of
   * the same link, only one finds it still pending.
   */
  spendSetupToken(sha256: string, now: Date, passwordHash: string): Promise<OperatorRecord | null> {
    return this.operators
      .findOneAndUpdate(
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
      )
      .lean<OperatorRecord>()
      .exec();
  }

  async remove(organizationId: string, id: string): Promise<boolean> {
    const result = await this.operators
      .deleteOne({ _id: id, organization_id: organizationId })
      .exec();
    return result.deletedCount === 1;
  }
}
