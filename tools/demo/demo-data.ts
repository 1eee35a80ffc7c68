/**
 * The demo organization, its customers and their invoice history: fixed ids and a seeded random
 * generator, so that seeding twice publishes the very same events (and the second time changes
 * nothing). Dates count back from a fixed day, not from today, for the same reason.
 */
export const DEMO_ANCHOR_DATE = '2026-11-01';

export const DEMO_ORGANIZATION = {
  id: 'demo',
  name: 'Lumen Analytics',
  display_name: 'Lumen Analytics',
  brand_color: '#4f46e5',
  default_document_locale: 'en',
  // Customers may correct their billing address in the portal ("Your details").
  portal_settings: {
    editable_customer_fields: [
      'email',
      'address_line1',
      'address_line2',
      'city',
      'zipcode',
      'state',
      'country',
      'shipping_address',
    ],
  },
} as const;

export interface DemoCustomer {
  external_id: string;
  name: string;
  email: string;
  currency: string;
  locale: string;
  /** Invoice currencies, the first being the usual one. */
  currencies: string[];
  taxRate: number;
  numberPrefix: string;
  /** The billing address (Lago's fields), shown in "Your details" and on the PDF. */
  address: {
    address_line1: string;
    city: string;
    zipcode?: string;
    state?: string;
    country: string;
  };
}

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    external_id: 'northwind',
    name: 'Northwind Traders',
    email: 'billing@northwind.example',
    currency: 'USD',
    locale: 'en',
    currencies: ['USD', 'EUR', 'GBP'],
    taxRate: 0,
    numberPrefix: 'NWT',
    address: {
      address_line1: '2 Market Street',
      city: 'San Francisco',
      zipcode: '94105',
      state: 'CA',
      country: 'US',
    },
  },
  {
    external_id: 'boulangerie-martin',
    name: 'Boulangerie Martin',
    email: 'compta@boulangerie-martin.example',
    currency: 'EUR',
    locale: 'fr',
    currencies: ['EUR'],
    taxRate: 0.2,
    numberPrefix: 'BMA',
    address: { address_line1: '12 rue des Lilas', city: 'Lyon', zipcode: '69003', country: 'FR' },
  },
  {
    external_id: 'kraftwerk-logistik',
    name: 'Kraftwerk Logistik GmbH',
    email: 'rechnung@kraftwerk-logistik.example',
    currency: 'EUR',
    locale: 'de',
    currencies: ['EUR'],
    taxRate: 0.19,
    numberPrefix: 'KWL',
    address: { address_line1: 'Hafenstraße 8', city: 'Hamburg', zipcode: '20457', country: 'DE' },
  },
  {
    external_id: 'dar-al-nour',
    name: 'دار النور للتجارة',
    email: 'finance@dar-al-nour.example',
    currency: 'AED',
    locale: 'ar',
    currencies: ['AED'],
    taxRate: 0.05,
    numberPrefix: 'DAN',
    address: {
      address_line1: 'شارع الشيخ زايد',
      city: 'دبي',
      country: 'AE',
    },
  },
];

export interface InvoiceEvent {
  id: string;
  type: 'invoice.created';
  occurred_at: string;
  data: Record<string, unknown>;
}

/** mulberry32: small, fast and the same on every machine. */
function seededRandom(seedText: string): () => number {
  let seed = 0;
  for (const char of seedText) seed = (Math.imul(seed, 31) + char.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

type Outcome = 'paid' | 'unpaid' | 'overdue' | 'disputed' | 'voided' | 'draft';

/**
 * Newest first: the next month's draft (never shown), this month's unpaid invoices, one overdue,
 * one disputed, one voided, and paid ones further back. `count` visible invoices over `days`.
 */
function outcomeFor(index: number, random: () => number): Outcome {
  if (index === 0) return 'draft';
  if (index <= 2) return 'unpaid';
  if (index === 3) return 'overdue';
  if (index === 5) return 'disputed';
  if (index === 8) return 'voided';
  if (index === 11) return 'overdue';
  return random() < 0.04 ? 'voided' : 'paid';
}

export function invoiceHistory(
  customer: DemoCustomer,
  { count = 36, days = 730 }: { count?: number; days?: number } = {},
): InvoiceEvent[] {
  const random = seededRandom(customer.external_id);
  const step = days / count;
  const events: InvoiceEvent[] = [];
  for (let index = 0; index <= count; index += 1) {
    const outcome = outcomeFor(index, random);
    const issuingDate = addDays(DEMO_ANCHOR_DATE, Math.round((1 - index) * step));
    const currency =
      index % 5 === 4 && customer.currencies.length > 1
        ? customer.currencies[1 + (index % (customer.currencies.length - 1))]!
        : customer.currencies[0]!;
    const seats = 5 + Math.floor(random() * 20);
    const calls = Math.floor(random() * 400) * 1_000;
    const type = index % 7 === 6 ? 'one_off' : 'subscription';
    const fees =
      type === 'one_off'
        ? [
            {
              description: 'Onboarding workshop (half day)',
              units: '1',
              unit_amount_cents: 45_000,
              amount_cents: 45_000,
            },
          ]
        : [
            {
              description: 'Growth plan',
              units: '1',
              unit_amount_cents: 29_900,
              amount_cents: 29_900,
            },
            {
              description: 'Additional seats',
              units: String(seats),
              unit_amount_cents: 1_200,
              amount_cents: seats * 1_200,
            },
            {
              description: 'API calls (per 1,000)',
              units: String(calls / 1_000),
              unit_amount_cents: 5,
              amount_cents: (calls / 1_000) * 5,
            },
          ];
    const subTotal = fees.reduce((sum, fee) => sum + fee.amount_cents, 0);
    const taxes = Math.round(subTotal * customer.taxRate);
    const total = subTotal + taxes;
    const owed = ['unpaid', 'overdue', 'disputed'].includes(outcome);
    const id = `inv_demo_${customer.external_id}_${String(count - index).padStart(4, '0')}`;
    const updatedAt = `${addDays(issuingDate, owed || outcome === 'draft' ? 0 : 3)}T09:00:00Z`;
    events.push({
      id: `evt_demo_${id}_created`,
      type: 'invoice.created',
      occurred_at: updatedAt,
      data: {
        id,
        external_customer_id: customer.external_id,
        number: `${customer.numberPrefix}-${issuingDate.slice(0, 7).replace('-', '')}-${String(count - index).padStart(4, '0')}`,
        issuing_date: issuingDate,
        payment_due_date: addDays(issuingDate, 14),
        status: outcome === 'draft' ? 'draft' : outcome === 'voided' ? 'voided' : 'finalized',
        payment_status:
          outcome === 'paid' ? 'succeeded' : outcome === 'disputed' ? 'failed' : 'pending',
        payment_overdue: outcome === 'overdue',
        payment_dispute_lost_at:
          outcome === 'disputed' ? `${addDays(issuingDate, 20)}T12:00:00Z` : null,
        invoice_type: type,
        currency,
        sub_total_excluding_taxes_amount_cents: subTotal,
        taxes_amount_cents: taxes,
        total_amount_cents: total,
        total_due_amount_cents: owed ? total : 0,
        fees,
        updated_at: updatedAt,
      },
    });
  }
  return events;
}

/** What the portal lists: everything but drafts. */
export const visibleInvoices = (events: InvoiceEvent[]) =>
  events.filter((e) => e.data.status !== 'draft');
