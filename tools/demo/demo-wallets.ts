import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_ANCHOR_DATE, type DemoCustomer } from './demo-data';
import type { PorticoHttp } from './portico-http';

/** One prepaid-credit wallet per demo customer listed here (fixed ids: re-seeding changes nothing). */
export const DEMO_WALLET_CUSTOMERS = ['northwind', 'dar-al-nour'];

export interface WalletEvent {
  id: string;
  type: 'wallet.created' | 'wallet_transaction.created';
  occurred_at: string;
  data: Record<string, unknown>;
}

export const demoWalletId = (customer: DemoCustomer) => `demo_wallet_${customer.external_id}`;

const at = (daysBefore: number) =>
  new Date(Date.parse(`${DEMO_ANCHOR_DATE}T09:00:00Z`) - daysBefore * 86_400_000).toISOString();

/** A wallet with a purchase, a grant and some consumption, in the customer's own currency. */
export function walletEvents(customer: DemoCustomer): WalletEvent[] {
  const walletId = demoWalletId(customer);
  const movements = [
    { days: 60, type: 'inbound', kind: 'purchased', credits: 500 },
    { days: 45, type: 'inbound', kind: 'granted', credits: 50 },
    { days: 30, type: 'outbound', kind: 'invoiced', credits: 120 },
    { days: 14, type: 'outbound', kind: 'invoiced', credits: 95.5 },
    { days: 2, type: 'inbound', kind: 'purchased', credits: 200 },
  ] as const;
  const balance = movements.reduce(
    (sum, m) => sum + (m.type === 'inbound' ? m.credits : -m.credits),
    0,
  );
  const consumed = movements
    .filter((m) => m.type === 'outbound')
    .reduce((sum, m) => sum + m.credits, 0);
  const wallet: WalletEvent = {
    id: `evt_demo_${walletId}`,
    type: 'wallet.created',
    occurred_at: at(2),
    data: {
      id: walletId,
      external_customer_id: customer.external_id,
      status: 'active',
      currency: customer.currency,
      name: null,
      rate_amount: '1.0',
      credits_balance: String(balance),
      balance_cents: Math.round(balance * 100),
      consumed_credits: String(consumed),
      paid_top_up_min_amount_cents: 1_000,
      paid_top_up_max_amount_cents: 500_000,
      expiration_at: `${DEMO_ANCHOR_DATE.slice(0, 4)}-12-31T23:59:59Z`,
      created_at: at(60),
      updated_at: at(2),
    },
  };
  return [
    wallet,
    ...movements.map((m, index): WalletEvent => ({
      id: `evt_demo_${walletId}_tx_${index}`,
      type: 'wallet_transaction.created',
      occurred_at: at(m.days),
      data: {
        id: `${walletId}_tx_${index}`,
        wallet_id: walletId,
        status: 'settled',
        transaction_status: m.kind,
        transaction_type: m.type,
        amount: String(m.credits),
        credit_amount: String(m.credits),
        settled_at: at(m.days),
        created_at: at(m.days),
        updated_at: at(m.days),
      },
    })),
  ];
}

/**
 * Publishes the demo wallets (through `POST /api/v1/events`, like the invoices), lets customers
 * buy credits (the demo has no Lago: a top-up becomes `wallet.top_up_requested`), and waits until
 * each wallet shows in its customer's portal.
 */
export async function seedDemoWallets(
  http: PorticoHttp,
  options: { porticoUrl: string; adminToken: string; apiKey: string; organizationId: string },
  customers: DemoCustomer[],
): Promise<void> {
  await http.expect(
    'PATCH',
    `/admin/v1/organizations/${options.organizationId}/portal-settings`,
    options.adminToken,
    { wallet_top_up: true },
  );
  const withWallets = customers.filter((c) => DEMO_WALLET_CUSTOMERS.includes(c.external_id));
  for (const customer of withWallets) {
    await http.expect('POST', '/api/v1/events', options.apiKey, {
      events: walletEvents(customer),
    });
  }
  for (const customer of withWallets) await waitForWallet(http, options, customer);
}

async function waitForWallet(
  http: PorticoHttp,
  { porticoUrl, apiKey }: { porticoUrl: string; apiKey: string },
  customer: DemoCustomer,
  timeoutMs = 60_000,
): Promise<void> {
  const { customer: found } = await http.expect<{ customer: { portal_url: string } }>(
    'GET',
    `/api/v1/customers/${customer.external_id}/portal_url`,
    apiKey,
  );
  // Asked of this gateway, whatever public address the portal URL names.
  const portalPath = new URL(found.portal_url).pathname;
  const walletPage = new URL(`${portalPath}/wallets/${demoWalletId(customer)}`, porticoUrl);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const page = await fetch(walletPage);
    const html = await page.text();
    if (page.status === 200 && html.split('data-transaction-id=').length - 1 >= 5) return;
    await sleep(200);
  }
  throw new Error(`${customer.external_id}: the demo wallet did not show after seeding`);
}
