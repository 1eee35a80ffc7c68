import { buildCustomerView, type CustomerView, type PortalCustomer } from '@portico/contracts';
import type { CustomerRecord } from './customers.repository';

export function toCustomerView(customer: CustomerRecord): CustomerView {
  return buildCustomerView({
    ...customer.details,
    id: customer._id,
    external_id: customer.external_id,
    name: customer.name,
    email: customer.email,
    currency: customer.currency,
    document_locale: customer.document_locale,
    created_at: customer.created_at.toISOString(),
    updated_at: customer.updated_at.toISOString(),
  });
}

export function toPortalCustomer(customer: CustomerRecord): PortalCustomer {
  return {
    id: customer._id,
    external_id: customer.external_id,
    name: customer.name,
    email: customer.email,
    currency: customer.currency,
    document_locale: customer.document_locale,
  };
}
