import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type OperatorRole, type OperatorView } from '@portico/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { isDuplicateKeyError } from '../common/mongo-errors';
import { newId } from '../common/new-id';
import { OrganizationsService } from '../organizations/organizations.service';
import { toOperatorView } from './operator-views';
import { DECOY_HASH, hashPassword, verifyPassword } from './password-hashing';
import { OperatorsRepository, type OperatorRecord } from './operators.repository';

/** A set-password link lives one day (issue #17). */
export const SETUP_LINK_TTL_MS = 24 * 60 * 60 * 1_000;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class OperatorsService {
  constructor(
    private readonly repository: OperatorsRepository,
    private readonly organizations: OrganizationsService,
  ) {}

  /**
   * A new operator, or a fresh link for one who never set a password (a lost link is re-issued
   * the same way). An active account keeps its password: inviting it again is a conflict.
   */
  async invite(organizationId: string, email: string, role: OperatorRole, now = new Date()) {
    await this.organizations.require(organizationId);
    const token = randomBytes(32).toString('base64url');
    const setup = {
      setup_token_sha256: sha256(token),
      setup_expires_at: new Date(now.getTime() + SETUP_LINK_TTL_MS),
    };
    const existing = await this.repository.findByEmail(email);
    let operator: OperatorRecord | null;
    if (existing) {
      if (existing.organization_id !== organizationId || existing.password_hash !== null) {
        throw new DomainError(ErrorCode.Conflict, `an operator with the email ${email} exists`);
      }
      await this.guardLastAdmin(existing, role);
      operator = await this.repository.update(organizationId, existing._id, {
        ...setup,
        role,
        updated_at: now,
      });
    } else {
      operator = {
        _id: newId('op'),
        organization_id: organizationId,
        email,
        role,
        password_hash: null,
        ...setup,
        created_at: now,
        updated_at: now,
      };
      try {
        await this.repository.insert(operator);
      } catch (error) {
        if (isDuplicateKeyError(error))
          throw new DomainError(ErrorCode.Conflict, `an operator with the email ${email} exists`);
        throw error;
      }
    }
    return {
      operator: toOperatorView(operator!),
      setup: { token, expires_at: setup.setup_expires_at.toISOString() },
    };
  }

  async completeSetup(token: string, password: string): Promise<{ operator: OperatorView }> {
    const hash = await hashPassword(password);
    const operator = await this.repository.spendSetupToken(sha256(token), new Date(), hash);
    if (!operator) {
      // Unknown, used and expired links look alike: nothing to learn by guessing.
      throw new DomainError(ErrorCode.NotFound, 'this link is not valid (used or expired)');
    }
    return { operator: toOperatorView(operator) };
  }

  /**
   * The password check for login. Unknown email, no password yet and a wrong password are one
   * answer, and an unknown email is hashed against too so the timing does not tell them apart.
   */
  async authenticate(email: string, password: string): Promise<OperatorRecord> {
    const operator = await this.repository.findByEmail(email);
    const matches = await verifyPassword(password, operator?.password_hash ?? DECOY_HASH);
    if (!operator || !operator.password_hash || !matches) {
      throw new DomainError(ErrorCode.Unauthorized, 'wrong email or password');
    }
    return operator;
  }

  async list(organizationId: string): Promise<OperatorView[]> {
    return (await this.repository.list(organizationId)).map(toOperatorView);
  }

  async require(organizationId: string, id: string): Promise<OperatorRecord> {
    const operator = await this.repository.findById(organizationId, id);
    if (!operator) throw new DomainError(ErrorCode.NotFound, `operator "${id}" not found`);
    return operator;
  }

  async changeRole(organizationId: string, id: string, role: OperatorRole) {
    const operator = await this.require(organizationId, id);
    await this.guardLastAdmin(operator, role);
    const updated = await this.repository.update(organizationId, id, {
      role,
      updated_at: new Date(),
    });
    if (!updated) throw new DomainError(ErrorCode.NotFound, `operator "${id}" not found`);
    return { operator: toOperatorView(updated), previous_role: operator.role };
  }

  async remove(organizationId: string, id: string): Promise<OperatorView> {
    const operator = await this.require(organizationId, id);
    await this.guardLastAdmin(operator, null);
    if (!(await this.repository.remove(organizationId, id)))
      throw new DomainError(ErrorCode.NotFound, `operator "${id}" not found`);
    return toOperatorView(operator);
  }

  /** An organization always keeps an admin: the last one can be neither demoted nor removed. */
  private async guardLastAdmin(operator: OperatorRecord, newRole: OperatorRole | null) {
    if (operator.role !== 'admin' || newRole === 'admin') return;
    if ((await this.repository.countAdmins(operator.organization_id)) <= 1) {
      throw new DomainError(
        ErrorCode.Conflict,
        'the last admin of an organization cannot be removed or demoted',
      );
    }
  }
}
