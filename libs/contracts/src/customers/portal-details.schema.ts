import { z } from 'zod';
import { storableText } from '../kit/common-schemas';
import { localeSchema } from '../kit/locales';
import {
  PORTAL_CUSTOMER_FIELDS,
  type PortalCustomerDetails,
  type PortalCustomerField,
} from './portal-customer-details.schema';
import { isIsoCountryCode } from './countries';
import type { CustomerView } from './customer.schema';

/** Names the message the portal shows beside a field whose value an issue refused. */
export const portalError = (key: 'email' | 'country' | 'language' | 'text') => ({
  params: { portal_error: key },
});

/** Trimmed; an empty value clears the field (null), as an emptied form field means. */
const text = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    storableText()
      // eslint-disable-next-line no-control-regex -- control characters are what is refused
      .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), portalError('text'))
      .transform((v) => v.trim())
      .pipe(z.string().max(max))
      .nullable(),
  );

const country = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
  z
    .string()
    .trim()
    .refine(isIsoCountryCode, {
      message: 'must be an ISO 3166-1 alpha-2 code like FR',
      ...portalError('country'),
    })
    .transform((v) => v.toUpperCase())
    .nullable(),
);

const address = {
  address_line1: text(255),
  address_line2: text(255),
  city: text(200),
  zipcode: text(50),
  state: text(200),
  country,
};

/**
 * A customer's corrections from the portal's "Your details" form: only the fields given change.
 * The limits are the stricter of the customers API's and the outbound contract's, so an edit is
 * always accepted by both (and by Lago, which has the same names).
 */
export const portalDetailsChangesSchema = z
  .object({
    name: text(500),
    legal_name: text(500),
    legal_number: text(255),
    email: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
      z
        .string()
        .trim()
        .pipe(z.email({ message: 'must be an email address', ...portalError('email') }).max(320))
        .nullable(),
    ),
    tax_identification_number: text(100),
    ...address,
    document_locale: z.preprocess(
      (value) => (value === '' ? null : value),
      localeSchema.nullable(),
    ),
    shipping_address: z.object(address).nullable(),
  })
  .partial();
export type PortalDetailsChanges = z.output<typeof portalDetailsChangesSchema>;

/** The portal details of a customer as the API answers it. */
export function portalDetailsOf(customer: CustomerView): PortalCustomerDetails {
  const shipping = customer.shipping_address;
  const hasShipping = Object.values(shipping).some((value) => value !== null);
  return {
    name: customer.name,
    legal_name: customer.legal_name,
    legal_number: customer.legal_number,
    email: customer.email,
    tax_identification_number: customer.tax_identification_number,
    address_line1: customer.address_line1,
    address_line2: customer.address_line2,
    city: customer.city,
    zipcode: customer.zipcode,
    state: customer.state,
    country: customer.country,
    document_locale: (customer.billing_configuration.document_locale ??
      null) as PortalCustomerDetails['document_locale'],
    shipping_address: hasShipping
      ? {
          address_line1: shipping.address_line1,
          address_line2: shipping.address_line2,
          city: shipping.city,
          zipcode: shipping.zipcode,
          state: shipping.state,
          country: shipping.country,
        }
      : null,
  };
}

/** The fields whose value differs between two versions of the details, in the contract's order. */
export function changedPortalFields(
  before: PortalCustomerDetails,
  after: PortalCustomerDetails,
): PortalCustomerField[] {
  return PORTAL_CUSTOMER_FIELDS.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}
