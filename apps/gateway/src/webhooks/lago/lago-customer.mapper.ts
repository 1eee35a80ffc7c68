import { lagoTimestamp } from './lago-mapper-kit';
import type { LagoCustomer } from './lago-payload.schema';

/** A Lago customer as the data of a Portico customer event (Lago's field names; unknown = null). */
export function toPorticoCustomer(customer: LagoCustomer): Record<string, unknown> {
  const fullName = [customer.firstname, customer.lastname].filter(Boolean).join(' ');
  const email = customer.email?.trim();
  return {
    external_id: customer.external_id,
    name: customer.name || fullName || customer.legal_name || null,
    // Lago accepts a comma-separated list; Portico keeps one address, the first.
    email: email ? email.split(',')[0]!.trim() : null,
    currency: customer.currency ?? null,
    firstname: customer.firstname ?? null,
    lastname: customer.lastname ?? null,
    customer_type: customer.customer_type ?? null,
    legal_name: customer.legal_name ?? null,
    legal_number: customer.legal_number ?? null,
    tax_identification_number: customer.tax_identification_number ?? null,
    phone: customer.phone ?? null,
    url: customer.url ?? null,
    address_line1: customer.address_line1 ?? null,
    address_line2: customer.address_line2 ?? null,
    city: customer.city ?? null,
    state: customer.state ?? null,
    zipcode: customer.zipcode ?? null,
    country: customer.country ?? null,
    timezone: customer.timezone ?? null,
    shipping_address: customer.shipping_address ?? null,
    metadata:
      customer.metadata?.map((entry) => ({
        key: entry.key,
        value: entry.value ?? null,
        display_in_invoice: entry.display_in_invoice ?? false,
      })) ?? null,
    billing_configuration: {
      document_locale: customer.billing_configuration?.document_locale ?? null,
    },
    updated_at: lagoTimestamp(customer.updated_at ?? customer.created_at),
  };
}
