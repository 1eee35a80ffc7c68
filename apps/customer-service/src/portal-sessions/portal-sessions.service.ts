import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  resolveLocale,
  type RpcResponse,
  type VerifyPortalSession,
} from '@portico/contracts';
import { CustomerEvents } from '../customers/customer-events';
import { toPortalCustomer } from '../customers/customer-views';
import { CustomersRepository } from '../customers/customers.repository';
import { CustomersService } from '../customers/customers.service';
import { toPortalOrganization } from '../organizations/organization-views';
import { OrganizationsService } from '../organizations/organizations.service';

/**
 * Portal tokens are stateless JWTs signed by the gateway; what makes them revocable is the
 * customer's session generation, which every token carries and every portal request checks.
 */
@Injectable()
export class PortalSessionsService {
  constructor(
    private readonly customers: CustomersService,
    private readonly repository: CustomersRepository,
    private readonly organizations: OrganizationsService,
    private readonly events: CustomerEvents,
  ) {}

  async open(organizationId: string, externalCustomerId: string) {
    const customer = await this.customers.requireLive(organizationId, externalCustomerId);
    return {
      customer_id: customer._id,
      external_customer_id: customer.external_id,
      generation: customer.portal_session_generation,
      version: customer.updated_at.toISOString(),
    };
  }

  async revokeAll(organizationId: string, externalCustomerId: string, correlationId?: string) {
    const customer = await this.customers.change(organizationId, externalCustomerId, (current) => ({
      portal_session_generation: current.portal_session_generation + 1,
    }));
    await this.events.changed(customer, correlationId);
    return {
      revoked_at: customer.updated_at.toISOString(),
      generation: customer.portal_session_generation,
    };
  }

  async verify(
    organizationId: string,
    customerId: string,
    generation: number,
  ): Promise<RpcResponse<typeof VerifyPortalSession>> {
    const [organization, customer] = await Promise.all([
      this.organizations.require(organizationId).catch(() => null),
      this.repository.findLiveById(organizationId, customerId),
    ]);
    if (!organization || !customer) {
      throw new DomainError(
        ErrorCode.PortalTokenInvalid,
        'this portal link no longer points to a customer',
      );
    }
    if (customer.portal_session_generation !== generation) {
      throw new DomainError(ErrorCode.PortalSessionRevoked, 'this portal link was revoked');
    }
    return {
      organization: toPortalOrganization(organization),
      customer: toPortalCustomer(customer),
      locale: resolveLocale(customer.document_locale, organization.default_document_locale),
    };
  }
}
