import { Injectable } from '@nestjs/common';
import {
  CustomerUpdatedFromPortal,
  type EventData,
  type EventEnvelope,
  type PortalCustomerDetails,
} from '@portico/contracts';
import { callLago, LagoApiClients, LagoApiError } from '@portico/lago-api';
import { LagoSettingsService } from '../organizations/lago-settings.service';

/**
 * The delivery target of the Lago write-back. Its deliveries sit in the webhook delivery log and
 * queue beside the endpoints' (same retries, same log: `…/webhook-endpoints/lago/deliveries`).
 */
export const LAGO_TARGET = 'lago';

type PortalEditData = EventData<typeof CustomerUpdatedFromPortal>;

/**
 * What Lago is sent for a portal edit: `POST /api/v1/customers`, which creates or updates by
 * `external_id`, naming only the fields that changed (Lago leaves the others as they are).
 */
export function lagoCustomerUpdate(data: PortalEditData): { customer: Record<string, unknown> } {
  const customer: Record<string, unknown> = { external_id: data.external_customer_id };
  for (const field of data.changed_fields) {
    const value = data.after[field];
    if (field === 'document_locale') customer.billing_configuration = { document_locale: value };
    else if (field === 'shipping_address') customer.shipping_address = shippingFor(data.after);
    else customer[field] = value;
  }
  return { customer };
}

/** "Same as billing" is no shipping address of its own: Lago's fields are cleared. */
function shippingFor(after: PortalCustomerDetails) {
  const shipping = after.shipping_address;
  return {
    address_line1: shipping?.address_line1 ?? null,
    address_line2: shipping?.address_line2 ?? null,
    city: shipping?.city ?? null,
    state: shipping?.state ?? null,
    zipcode: shipping?.zipcode ?? null,
    country: shipping?.country ?? null,
  };
}

/** True when an event asks for a write-back to the organization's Lago. */
export function writesBackToLago(event: EventEnvelope): boolean {
  return event.type === CustomerUpdatedFromPortal.type;
}

export interface LagoAttemptResult {
  status: number | null;
  latencyMs: number;
  excerpt: string | null;
  error: string | null;
  /** False for what waiting cannot fix (Lago refused the values, no API key any more). */
  retryable: boolean;
}

/** One attempt of a write-back, through Lago's official client and the outbound guard. */
@Injectable()
export class LagoWriteBack {
  constructor(
    private readonly settings: LagoSettingsService,
    private readonly lagoApi: LagoApiClients,
  ) {}

  /** Whether the organization gave Portico a Lago API key (write-back is on). */
  async enabledFor(organizationId: string): Promise<boolean> {
    return (await this.settings.apiAccess(organizationId)) !== null;
  }

  async send(organizationId: string, body: string): Promise<LagoAttemptResult> {
    const started = Date.now();
    const access = await this.settings.apiAccess(organizationId);
    if (!access) {
      return {
        status: null,
        latencyMs: 0,
        excerpt: null,
        error: 'no Lago API key is set any more',
        retryable: false,
      };
    }
    const client = this.lagoApi.for(access);
    try {
      await callLago('update customer', () =>
        client.customers.createCustomer(
          JSON.parse(body) as Parameters<typeof client.customers.createCustomer>[0],
        ),
      );
      return {
        status: 200,
        latencyMs: Date.now() - started,
        excerpt: null,
        error: null,
        retryable: false,
      };
    } catch (error) {
      if (!(error instanceof LagoApiError)) throw error;
      return {
        status: error.status,
        latencyMs: Date.now() - started,
        excerpt: error.body === null ? null : JSON.stringify(error.body).slice(0, 500),
        error: error.message.slice(0, 1_000),
        retryable: error.retryable,
      };
    }
  }
}
