import { InvoiceCreated, InvoicePaymentStatusUpdated } from '@portico/contracts';
import {
  billingEvent,
  freePort,
  invoiceCreated,
  paymentStatusUpdated,
  PorticoStack,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from '@jest/globals';

// Issue #12's burst of payment updates arriving newer-first: for each invoice a newer status and
// then an older one, all at once. Every invoice must end with the newer status: a write that
// lost to another writer of the same revision must hear so and recompute, never count as stored
// (before the fix 16 of 144 kept the older status).
let stack: PorticoStack;
let organizationId: string;
let metricsUrl: string;
const INVOICES = 150;

beforeAll(async () => {
  const metricsPort = await freePort();
  metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  stack = await PorticoStack.start(
    {},
    { appEnv: { 'invoice-service': { METRICS_PORT: String(metricsPort) } } },
  );
  organizationId = (await stack.createOrganization()).id;
});
afterAll(async () => {
  await stack?.stop();
});

const invoiceIds = Array.from({ length: INVOICES }, (_, i) => `up_race_${i}`);

function created(id: string) {
  const data = invoiceCreated({
    id,
    external_customer_id: `cus_race_${Number(id.split('_').at(-1)) % 5}`,
    number: `RACE-${id}`,
    fees: [],
  });
  return billingEvent(InvoiceCreated, organizationId, data, {
    id: `evt_c_${id}`,
    occurred_at: '2026-11-25T00:00:00Z',
  });
}

function payment(id: string, status: 'succeeded' | 'failed', updatedAt: string) {
  const data = paymentStatusUpdated(created(id).data, {
    payment_status: status,
    updated_at: updatedAt,
  });
  return billingEvent(InvoicePaymentStatusUpdated, organizationId, data, {
    id: `evt_p_${status}_${id}`,
    occurred_at: updatedAt,
  });
}

async function paymentUpdatesHandled(): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('portico_events_consumed_total{') &&
        l.includes('type="invoice.payment_status_updated"'),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

const statuses = () =>
  stack.withInvoicesDb(async (db) =>
    db
      .collection<{ upstream_id: string; payment_status: string }>('invoices')
      .find({ upstream_id: /^up_race_/ }, { projection: { upstream_id: 1, payment_status: 1 } })
      .toArray(),
  );

test('newer then older payment updates for every invoice, all at once: the newer status stands on every one', async () => {
  await stack.publishAll(invoiceIds.map(created));
  await waitFor('all created', async () => (await statuses()).length === INVOICES, {
    timeoutMs: 120_000,
    intervalMs: 500,
  });
  const newer = invoiceIds.map((id) => payment(id, 'succeeded', '2026-11-03T00:00:00Z'));
  const older = invoiceIds.map((id) => payment(id, 'failed', '2026-11-02T00:00:00Z'));
  await stack.publishAll([...newer, ...older]);
  // Acked only once stored: when all of them are counted, nothing is left in hand.
  await waitFor(
    'every update handled',
    async () => (await paymentUpdatesHandled()) === 2 * INVOICES,
    {
      timeoutMs: 120_000,
      intervalMs: 500,
    },
  );
  const wrong = (await statuses()).filter((invoice) => invoice.payment_status !== 'succeeded');
  assert.deepEqual(
    wrong.map((invoice) => `${invoice.upstream_id}: ${invoice.payment_status}`),
    [],
    'every invoice keeps its newer status',
  );
});
