import { DEMO_CUSTOMERS, invoiceHistory, visibleInvoices } from '../tools/demo/demo-data';
import { PorticoHttp } from '../tools/demo/portico-http';
import { publishEvents, waitForInvoices } from '../tools/demo/seed-demo';

export interface SeededPortal {
  apiKey: string;
  organizationId: string;
  /** The customer whose invoices were seeded. */
  externalCustomerId: string;
  invoices: number;
  seededSeconds: number;
  /** The portal page's path (token included). */
  page: string;
  /** One of the customer's visible invoices (its page, its PDF). */
  invoiceId: string;
  /** What the portal bench loads: first page, a filter, a search. */
  targets: [string, string][];
}

/**
 * One customer with `count` invoices (through POST /api/v1/events, as an upstream would send
 * them), and the portal paths that show them. Every path is fetched once, so the first load is
 * not in the figures.
 */
export async function seedPortal(
  base: string,
  adminToken: string,
  count: number,
): Promise<SeededPortal> {
  const http = new PorticoHttp(base);
  const { api_key: apiKey, organization } = await http.expect<{
    api_key: string;
    organization: { id: string };
  }>('POST', '/admin/v1/organizations', adminToken, {
    name: 'Bench Org',
    embed_origins: ['https://app.example.com'],
  });
  const customer = DEMO_CUSTOMERS[1]!;
  await http.expect('POST', '/api/v1/customers', apiKey, {
    customer: {
      external_id: customer.external_id,
      name: customer.name,
      billing_configuration: { document_locale: customer.locale },
    },
  });
  const events = invoiceHistory(customer, { count });
  const seeding = performance.now();
  await publishEvents(http, apiKey, events);
  await waitForInvoices(http, apiKey, customer.external_id, visibleInvoices(events).length);
  const seededSeconds = (performance.now() - seeding) / 1000;
  const { customer: view } = await http.expect<{ customer: { portal_url: string } }>(
    'GET',
    `/api/v1/customers/${customer.external_id}/portal_url`,
    apiKey,
  );
  const page = new URL(view.portal_url).pathname;
  // A month's invoices: a search that matches a few rows out of thousands.
  const month = String(visibleInvoices(events)[100]!.data.number).split('-')[1]!;
  const targets: [string, string][] = [
    ['first page', page],
    ['filter=unpaid', `${page}?filter=unpaid`],
    [`search=${month}`, `${page}?search=${month}`],
  ];
  for (const [, path] of targets) {
    const response = await fetch(`${base}${path}`);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
  }
  return {
    apiKey,
    organizationId: organization.id,
    externalCustomerId: customer.external_id,
    invoices: visibleInvoices(events).length,
    seededSeconds,
    page,
    invoiceId: String(visibleInvoices(events)[0]!.data.id),
    targets,
  };
}
