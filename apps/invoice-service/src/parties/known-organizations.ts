import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@portico/contracts';
import { PartiesRepository } from './parties.repository';

/** Organizations seen; never forgotten in a process's life (an organization is never deleted). */
const MAX_REMEMBERED = 100_000;

/**
 * Whether an organization exists, from the organization projection customer-service's
 * `portico.organization.changed` events keep. An event naming one that does not is not stored:
 * the handler fails with OrganizationNotFound, which the consumer holds in its retry queue for a
 * few delayed attempts (the organization may be being created, its event still on the way) and
 * then dead-letters with that reason.
 */
@Injectable()
export class KnownOrganizations {
  private readonly known = new Set<string>();

  constructor(private readonly parties: PartiesRepository) {}

  async require(organizationId: string): Promise<void> {
    if (this.known.has(organizationId)) return;
    if (!(await this.parties.findOrganization(organizationId))) {
      throw new DomainError(
        ErrorCode.OrganizationNotFound,
        `unknown_organization: no organization "${organizationId}" in Portico`,
      );
    }
    if (this.known.size < MAX_REMEMBERED) this.known.add(organizationId);
  }
}
