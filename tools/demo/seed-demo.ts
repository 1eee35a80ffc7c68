import { setTimeout as sleep } from 'node:timers/promises';
import {
  DEMO_CUSTOMERS,
  DEMO_ORGANIZATION,
  invoiceHistory,
  visibleInvoices,
  type DemoCustomer,
  type InvoiceEvent,
} from './demo-data';
import { PorticoHttp } from './portico-http';

export interface SeedOptions {
  porticoUrl: string;
  adminToken: string;
  /** Origins allowed to frame the demo portal (the demo host's). */
  embedOrigins: string[];
  /** A key from an earlier run: reused while it still works, so re-seeding issues none. */
  knownApiKey?: string;
}

export interface SeedResult {
  organizationId: string;
  apiKey: string;
  customers: DemoCustomer[];
  portalUrl: string;
}

const EVENTS_PER_REQUEST = 100;

/**
 * Seeds the demo through the operator's real paths: the admin API, the customers API and
 * `POST /api/v1/events` (which publishes to billing.events). Safe to run on every start.
 */
export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const http = new PorticoHttp(options.porticoUrl);
  const { id, ...settings } = DEMO_ORGANIZATION;
  const wanted = { ...settings, embed_origins: options.embedOrigins };
  let apiKey = options.knownApiKey;

  const created = await http.call<{ api_key: string }>(
    'POST',
    '/admin/v1/organizations',
    options.adminToken,
    { id, ...wanted },
  );
  if (created.status === 201) apiKey = created.body.api_key;
  else if (created.status === 409)
    await http.expect('PUT', `/admin/v1/organizations/${id}`, options.adminToken, wanted);
  else throw new Error(`creating the demo organization: ${JSON.stringify(created.body)}`);

  if (!apiKey || (await http.call('GET', '/api/v1/customers?per_page=1', apiKey)).status !== 200) {
    const issued = await http.expect<{ key: string }>(
      'POST',
      `/admin/v1/organizations/${id}/api_keys`,
      options.adminToken,
    );
    apiKey = issued.key;
  }

  for (const customer of DEMO_CUSTOMERS) {
    await http.expect('POST', '/api/v1/customers', apiKey, {
      customer: {
        external_id: customer.external_id,
        name: customer.name,
        email: customer.email,
        currency: customer.currency,
        ...customer.address,
        billing_configuration: { document_locale: customer.locale },
      },
    });
    await publishEvents(http, apiKey, invoiceHistory(customer));
  }
  for (const customer of DEMO_CUSTOMERS)
    await waitForInvoices(
      http,
      apiKey,
      customer.external_id,
      visibleInvoices(invoiceHistory(customer)).length,
    );

  const { customer } = await http.expect<{ customer: { portal_url: string } }>(
    'GET',
    `/api/v1/customers/${DEMO_CUSTOMERS[0]!.external_id}/portal_url`,
    apiKey,
  );
  return { organizationId: id, apiKey, customers: DEMO_CUSTOMERS, portalUrl: customer.portal_url };
}

/** Batches of events over HTTP; the broker has confirmed each batch when the answer arrives. */
export async function publishEvents(
  http: PorticoHttp,
  apiKey: string,
  events: InvoiceEvent[],
): Promise<void> {
  for (let start = 0; start < events.length; start += EVENTS_PER_REQUEST) {
    const batch = events.slice(start, start + EVENTS_PER_REQUEST);
    const answer = await http.expect<{ meta: { rejected: number }; events: unknown[] }>(
      'POST',
      '/api/v1/events',
      apiKey,
      { events: batch },
    );
    if (answer.meta.rejected > 0)
      throw new Error(`events rejected: ${JSON.stringify(answer.events).slice(0, 2_000)}`);
  }
}

/** Events are stored asynchronously: wait until the portal's list holds them all. */
export async function waitForInvoices(
  http: PorticoHttp,
  apiKey: string,
  externalCustomerId: string,
  expected: number,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  while (Date.now() < deadline) {
    const page = await http.call<{ meta?: { total_count?: number } }>(
      'GET',
      `/api/v1/invoices?external_customer_id=${encodeURIComponent(externalCustomerId)}&per_page=1`,
      apiKey,
    );
    seen = page.body.meta?.total_count ?? -1;
    if (seen >= expected) return;
    await sleep(200);
  }
  throw new Error(`${externalCustomerId}: ${seen} of ${expected} invoices stored after seeding`);
}
