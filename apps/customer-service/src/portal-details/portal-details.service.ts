import { Injectable } from '@nestjs/common';
import {
  CustomerUpdatedFromPortal,
  DomainError,
  ErrorCode,
  changedPortalFields,
  portalDetailsOf,
  portalSettingsOf,
  type EventData,
  type EventEnvelope,
  type PortalCustomerField,
  type PortalDetailsChanges,
  type RpcRequest,
  type RpcResponse,
  type UpdateCustomerFromPortal,
} from '@portico/contracts';
import { EventPublisher } from '@portico/messaging';
import { CustomerEvents } from '../customers/customer-events';
import { mergeDetails } from '../customers/customer-details';
import { toCustomerView } from '../customers/customer-views';
import { CustomersRepository, type CustomerRecord } from '../customers/customers.repository';
import { CustomersService } from '../customers/customers.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { recordPortalEdit } from './portal-edit-precedence';

type Request = RpcRequest<typeof UpdateCustomerFromPortal>;
type Response = RpcResponse<typeof UpdateCustomerFromPortal>;
type PortalEvent = EventEnvelope<EventData<typeof CustomerUpdatedFromPortal>>;

/** A customer's corrections from the portal: stored with who and when, told to the operator. */
@Injectable()
export class PortalDetailsService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly customers: CustomersService,
    private readonly repository: CustomersRepository,
    private readonly events: CustomerEvents,
    private readonly publisher: EventPublisher,
  ) {}

  async update(request: Request, correlationId?: string): Promise<Response> {
    const organization = await this.organizations.require(request.organization_id);
    const allowed = portalSettingsOf(organization).editable_customer_fields;
    const named = namedFields(request.changes);
    const refused = named.filter((field) => !allowed.includes(field));
    // The portal shows no input for these; a request naming one was not made by its form.
    if (named.length === 0 || refused.length > 0) {
      throw new DomainError(
        ErrorCode.Forbidden,
        refused.length
          ? `these details cannot be edited in the portal: ${refused.join(', ')}`
          : 'nothing to change',
      );
    }
    const externalId = request.external_customer_id;
    const current = await this.customers.requireLive(organization._id, externalId);
    const before = portalDetailsOf(toCustomerView(current));
    const wouldBe = portalDetailsOf(
      toCustomerView({ ...current, ...changesFor(current, request.changes, new Date()) }),
    );
    if (changedPortalFields(before, wouldBe).length === 0) {
      // The same values again: perhaps a resubmit after the announcement was lost.
      await this.flushOutbox(current);
      return { customer: toCustomerView(current), changed_fields: [], before, after: before };
    }

    const at = new Date();
    const updated = await this.customers.change(organization._id, externalId, (stored) => {
      const from = portalDetailsOf(toCustomerView(stored));
      const fields = changesFor(stored, request.changes, at);
      const to = portalDetailsOf(toCustomerView({ ...stored, ...fields }));
      const changed = changedPortalFields(from, to);
      // Written with the edit (an outbox): if the broker does not confirm it, it is not lost.
      const event: PortalEvent = {
        id: `evt_portal_${stored._id}_${at.getTime()}`,
        type: CustomerUpdatedFromPortal.type,
        organization_id: organization._id,
        occurred_at: at.toISOString(),
        data: {
          external_customer_id: externalId,
          changed_fields: changed,
          before: from,
          after: to,
          updated_at: at.toISOString(),
        },
      };
      return {
        ...fields,
        portal_edits: recordPortalEdit(stored.portal_edits, changed, {
          at,
          by: request.edited_by,
        }),
        // Upstream writes keep being compared with the last upstream version, not this edit's.
        source_updated_at: stored.source_updated_at ?? stored.updated_at,
        // Changed concurrently to these very values: nothing to announce.
        portal_event_outbox: changed.length ? event : null,
      };
    });
    const event = updated.portal_event_outbox as PortalEvent | null;
    await this.events.changed(updated, correlationId);
    if (event) await this.announce(event, updated);
    const after = portalDetailsOf(toCustomerView(updated));
    return {
      customer: toCustomerView(updated),
      changed_fields: event?.data.changed_fields ?? [],
      before: event?.data.before ?? after,
      after,
    };
  }

  private async flushOutbox(customer: CustomerRecord): Promise<void> {
    const pending = customer.portal_event_outbox as PortalEvent | null | undefined;
    if (pending?.type === CustomerUpdatedFromPortal.type) await this.announce(pending, customer);
  }

  private async announce(event: PortalEvent, customer: CustomerRecord): Promise<void> {
    const { type: _type, ...envelope } = event;
    await this.publisher.publish(CustomerUpdatedFromPortal, envelope);
    await this.repository.clearPortalEventOutbox(
      customer.organization_id,
      customer.external_id,
      event.id,
    );
  }
}

function namedFields(changes: PortalDetailsChanges): PortalCustomerField[] {
  return (Object.keys(changes) as PortalCustomerField[]).filter(
    (field) => changes[field] !== undefined,
  );
}

/** The record's fields after the edit: top-level ones as they are, the rest into its details. */
function changesFor(
  stored: CustomerRecord,
  changes: PortalDetailsChanges,
  at: Date,
): Partial<CustomerRecord> {
  const { name, email, document_locale, ...details } = changes;
  return {
    ...(name !== undefined && { name }),
    ...(email !== undefined && { email }),
    ...(document_locale !== undefined && { document_locale }),
    ...(Object.values(details).some((v) => v !== undefined) && {
      details: mergeDetails(stored.details, details, at),
    }),
  };
}
