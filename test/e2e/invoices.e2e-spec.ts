import {
  billingEvent,
  PorticoStack,
  testEnvironment,
  invoiceCreated,
  invoiceUpdated,
  invoiceVoided,
  paymentOverdue,
  paymentStatusUpdated,
  type InvoiceData,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

interface Invoice {
  id: string;
  number: string;
  external_customer_id: string;
  issuing_date: string;
  status: string;
  payment_status: string;
  badge: string;
  currency: string;
  total_amount_cents: number;
  total_due_amount_cents: number;
  fees?: { description: string; units: string; unit_amount_cents: number; amount_cents: number }[];
}
interface Page {
  invoices: Invoice[];
  meta: { next_cursor: string | null; previous_cursor: string | null; total_count: number };
}

describe('invoices: ingestion from billing.events and the queries the portal needs', () => {
  let stack: PorticoStack;
  let acme: { id: string; apiKey: string };
  let globex: { id: string; apiKey: string };

  beforeAll(async () => {
    stack = await PorticoStack.start({ AMQP_RETRY_DELAY_MS: '200' });
    acme = await stack.createOrganization({ name: 'Acme' });
    globex = await stack.createOrganization({ name: 'Globex' });
  });
  afterAll(async () => stack?.stop());

  const invoice = invoiceCreated;
  const publish = (
    type: string,
    data: Record<string, unknown>,
    organizationId = acme.id,
    id = `evt_${randomUUID()}`,
  ) => stack.publish(type, { ...billingEvent(type, organizationId, data), id });
  const list = (query: string, key = acme.apiKey) =>
    stack.request<Page>('GET', `/api/v1/invoices?${query}`, { token: key });
  const get = (id: string, key = acme.apiKey) =>
    stack.request<{ invoice: Invoice }>('GET', `/api/v1/invoices/${encodeURIComponent(id)}`, {
      token: key,
    });
  const stored = (id: string, key = acme.apiKey) =>
    waitFor(`invoice ${id}`, async () => {
      const response = await get(id, key);
      return response.status === 200 ? response.body.invoice : undefined;
    });
  const revisionOf = (upstreamId: string) =>
    stack.withInvoicesDb(
      async (db) =>
        (await db.collection('invoices').findOne({ upstream_id: upstreamId }))?.rev as number,
    );

  test('an invoice arrives with its line items', async () => {
    const data = invoice();
    await publish('invoice.created', data);
    const stored1 = await stored(data.id);
    assert.equal(stored1.number, data.number);
    assert.equal(stored1.badge, 'unpaid');
    // Lago's fee shape: units as a decimal string.
    assert.deepEqual(
      stored1.fees!.map(({ description, units, unit_amount_cents, amount_cents }) => ({
        description,
        units,
        unit_amount_cents,
        amount_cents,
      })),
      data.fees,
    );
  });

  test('a duplicate delivery (same event id, same content) changes nothing', async () => {
    const data = invoice();
    const eventId = `evt_${randomUUID()}`;
    await publish('invoice.created', data, acme.id, eventId);
    await stored(data.id);
    const revision = await revisionOf(data.id);
    await publish('invoice.created', data, acme.id, eventId);
    await publish('invoice.created', data, acme.id, eventId);
    const marker = invoice();
    await publish('invoice.created', marker);
    await stored(marker.id);
    assert.equal(await revisionOf(data.id), revision);
    const count = await stack.withInvoicesDb((db) =>
      db.collection('invoices').countDocuments({ upstream_id: data.id }),
    );
    assert.equal(count, 1);
  });

  test('out of order: an older update never overwrites a newer one', async () => {
    const data = invoice();
    const version = (number: string, updatedAt: string) =>
      invoiceUpdated(data, { number, updated_at: updatedAt });
    await publish('invoice.updated', version('NEWEST', '2026-10-03T00:00:00Z'));
    await publish('invoice.created', version('OLDEST', '2026-10-01T00:00:00Z'));
    await publish('invoice.updated', version('MIDDLE', '2026-10-02T00:00:00Z'));
    const marker = invoice();
    await publish('invoice.created', marker);
    await stored(marker.id);
    assert.equal((await get(data.id)).body.invoice.number, 'NEWEST');
  });

  test('a payment update before its invoice is kept and applied when the invoice arrives', async () => {
    const data = invoice({ updated_at: '2026-10-01T08:00:00Z' });
    await publish(
      'invoice.payment_status_updated',
      paymentStatusUpdated(data, {
        payment_status: 'succeeded',
        updated_at: '2026-10-05T08:00:00Z',
      }),
    );
    const marker = invoice();
    await publish('invoice.created', marker);
    await stored(marker.id);
    assert.equal((await get(data.id)).status, 404, 'nothing to show before the invoice itself');
    await publish('invoice.created', data);
    const paid = await stored(data.id);
    assert.equal(paid.payment_status, 'succeeded');
    assert.equal(paid.badge, 'paid');
  });

  test('overdue, voided and disputed states, and the badge order', async () => {
    const overdue = invoice();
    await publish('invoice.created', overdue);
    await publish(
      'invoice.payment_overdue',
      paymentOverdue(overdue, { updated_at: '2026-11-01T00:00:00Z' }),
    );
    await waitFor(
      'the overdue badge',
      async () => (await get(overdue.id)).body.invoice?.badge === 'overdue',
    );

    const voided = invoice();
    await publish('invoice.created', voided);
    await publish('invoice.voided', invoiceVoided(voided, { updated_at: '2026-11-01T00:00:00Z' }));
    await waitFor(
      'the voided status',
      async () => (await get(voided.id)).body.invoice?.status === 'voided',
    );

    const disputed = invoice({ payment_dispute_lost_at: '2026-10-20T00:00:00Z' });
    await publish('invoice.created', disputed);
    assert.equal((await stored(disputed.id)).badge, 'disputed');
  });

  test('a poison message is dead-lettered with the field and the reason; the queue keeps flowing', async () => {
    const bad = invoice({ number: '', total_amount_cents: 12.5 });
    await publish('invoice.created', bad);
    const good = invoice();
    await publish('invoice.created', good);
    await stored(good.id);
    const reason = await stack.deadLetterReason();
    assert.match(reason, /^invalid_payload: /);
    assert.match(reason, /data\.number: /);
    assert.match(reason, /data\.total_amount_cents: /);
    assert.equal((await get(bad.id)).status, 404);
  });

  describe('queries', () => {
    const customer = `cus_q_${randomUUID().slice(0, 6)}`;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const rows: (Partial<InvoiceData> & { key: string })[] = [
        {
          key: 'jan',
          issuing_date: '2026-01-15',
          number: 'ACME-0001',
          payment_status: 'succeeded',
        },
        { key: 'feb', issuing_date: '2026-02-15', number: 'ACME-0002' },
        {
          key: 'mar',
          issuing_date: '2026-03-15',
          number: 'ACME-0003',
          payment_overdue: true,
          total_due_amount_cents: 7_000,
        },
        {
          key: 'apr',
          issuing_date: '2026-04-15',
          number: 'ACME-0004',
          currency: 'USD',
          total_amount_cents: 5_000,
          total_due_amount_cents: 5_000,
        },
        {
          key: 'may',
          issuing_date: '2026-05-15',
          number: 'acme-0005',
          payment_status: 'succeeded',
          total_due_amount_cents: 0,
        },
        { key: 'draft', issuing_date: '2026-06-15', number: 'DRAFT-0006', status: 'draft' },
      ];
      for (const row of rows) {
        const { key, ...overrides } = row;
        const data = invoice({ external_customer_id: customer, ...overrides });
        ids[key] = data.id;
        await publish('invoice.created', data);
      }
      // Same customer id in another organization, and another customer in this one.
      await publish(
        'invoice.created',
        invoice({ external_customer_id: customer, number: 'GLOBEX-1' }),
        globex.id,
      );
      await publish(
        'invoice.created',
        invoice({ external_customer_id: 'someone_else', number: 'ACME-9999' }),
      );
      await waitFor(
        'every invoice',
        async () => (await list(`external_customer_id=${customer}`)).body.meta.total_count === 5,
      );
    });

    const numbers = (page: Page) => page.invoices.map((i) => i.number);

    test('newest first; drafts never appear, not even asked for by id', async () => {
      const page = (await list(`external_customer_id=${customer}`)).body;
      assert.deepEqual(numbers(page), [
        'acme-0005',
        'ACME-0004',
        'ACME-0003',
        'ACME-0002',
        'ACME-0001',
      ]);
      assert.equal(page.meta.total_count, 5);
      assert.equal((await get(ids.draft!)).status, 404);
    });

    test('every filter', async () => {
      const filtered = async (filter: string) =>
        numbers((await list(`external_customer_id=${customer}&filter=${filter}`)).body);
      assert.deepEqual(await filtered('paid'), ['acme-0005', 'ACME-0001']);
      assert.deepEqual(await filtered('unpaid'), ['ACME-0004', 'ACME-0003', 'ACME-0002']);
      assert.deepEqual(await filtered('overdue'), ['ACME-0003']);
      assert.equal((await list(`external_customer_id=${customer}&filter=late`)).status, 422);
    });

    test('search by number: partial, any case, literal', async () => {
      const search = async (text: string) =>
        numbers(
          (await list(`external_customer_id=${customer}&search=${encodeURIComponent(text)}`)).body,
        );
      assert.deepEqual(await search('acme-000'), [
        'acme-0005',
        'ACME-0004',
        'ACME-0003',
        'ACME-0002',
        'ACME-0001',
      ]);
      assert.deepEqual(await search('0003'), ['ACME-0003']);
      assert.deepEqual(await search('ACME-0005'), ['acme-0005']);
      assert.deepEqual(await search('.*'), [], 'regex characters are literal');
      assert.deepEqual(await search('DRAFT'), []);
      const combined = (await list(`external_customer_id=${customer}&search=acme&filter=paid`))
        .body;
      assert.deepEqual(numbers(combined), ['acme-0005', 'ACME-0001']);
    });

    test('isolation: other customers and other organizations never mix in', async () => {
      const theirs = (await list(`external_customer_id=${customer}`, globex.apiKey)).body;
      assert.deepEqual(numbers(theirs), ['GLOBEX-1']);
      assert.equal(
        (await get(ids.jan!, globex.apiKey)).status,
        404,
        "another organization's invoice id",
      );
      const ours = numbers((await list(`external_customer_id=${customer}&search=9999`)).body);
      assert.deepEqual(ours, []);
    });

    test('keyset pagination, stable while new invoices arrive', async () => {
      const first = (await list(`external_customer_id=${customer}&per_page=2`)).body;
      assert.deepEqual(numbers(first), ['acme-0005', 'ACME-0004']);
      assert.ok(first.meta.next_cursor);
      // A newer invoice arrives between two page loads: it must not shift the next page.
      const newer = invoice({
        external_customer_id: customer,
        issuing_date: '2026-12-01',
        number: 'ACME-0100',
      });
      await publish('invoice.created', newer);
      await stored(newer.id);
      const second = (
        await list(`external_customer_id=${customer}&per_page=2&cursor=${first.meta.next_cursor}`)
      ).body;
      assert.deepEqual(numbers(second), ['ACME-0003', 'ACME-0002']);
      assert.equal(second.meta.total_count, 6, 'the count includes the newcomer');
      assert.ok(second.meta.previous_cursor);
      const back = (
        await list(
          `external_customer_id=${customer}&per_page=2&cursor=${second.meta.previous_cursor}`,
        )
      ).body;
      assert.deepEqual(numbers(back), ['acme-0005', 'ACME-0004'], 'the page just before');
      assert.ok(back.meta.previous_cursor, 'and the newcomer is before that');
      const third = (
        await list(`external_customer_id=${customer}&per_page=2&cursor=${second.meta.next_cursor}`)
      ).body;
      assert.deepEqual(numbers(third), ['ACME-0001']);
      assert.equal(third.meta.next_cursor, null);
      const bogus = await list(`external_customer_id=${customer}&cursor=not-a-cursor`);
      assert.equal(bogus.status, 422);
    });

    test('totals per currency: invoiced, outstanding and overdue, never mixing currencies', async () => {
      const response = await stack.request<{ totals: unknown }>(
        'GET',
        `/api/v1/invoices?external_customer_id=${customer}`,
        {
          token: acme.apiKey,
        },
      );
      assert.equal(response.status, 200);
      // Totals are an RPC for the portal; checked here through the service's answer directly.
      const { RpcClient, AmqpConnection } = await import('@portico/messaging');
      const { GetInvoiceTotals } = await import('@portico/contracts');
      const connection = new AmqpConnection(testEnvironment.amqpUrl, 'totals-test');
      await connection.start(10_000);
      const rpc = new RpcClient(connection, stack.namespace, 5_000);
      await rpc.start();
      const { totals } = await rpc.call(GetInvoiceTotals, {
        organization_id: acme.id,
        external_customer_id: customer,
      });
      await rpc.stop();
      await connection.close();
      assert.deepEqual(totals, [
        {
          currency: 'EUR',
          invoices_count: 5,
          total_invoiced_cents: 12_000 * 5,
          total_outstanding_cents: 12_000 + 7_000 + 12_000,
          total_overdue_cents: 7_000,
        },
        {
          currency: 'USD',
          invoices_count: 1,
          total_invoiced_cents: 5_000,
          total_outstanding_cents: 5_000,
          total_overdue_cents: 0,
        },
      ]);
    });
  });
});
