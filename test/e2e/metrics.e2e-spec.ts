import { InvoiceCreated } from '@portico/contracts';
import { billingEvent, freePort, invoiceCreated, PorticoStack, waitFor } from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from '@jest/globals';

// /metrics in Prometheus text format on every app, and the counters move when work flows.
let stack: PorticoStack;
let apiKey: string;
let organizationId: string;
const ops = { customers: '', invoices: '' };

beforeAll(async () => {
  const [customersPort, invoicesPort] = [await freePort(), await freePort()];
  ops.customers = `http://127.0.0.1:${customersPort}`;
  ops.invoices = `http://127.0.0.1:${invoicesPort}`;
  stack = await PorticoStack.start(
    { METRICS_HOST: '127.0.0.1' },
    {
      appEnv: {
        'customer-service': { METRICS_PORT: String(customersPort) },
        'invoice-service': { METRICS_PORT: String(invoicesPort) },
      },
    },
  );
  ({ id: organizationId, apiKey } = await stack.createOrganization());
});
afterAll(async () => stack?.stop());

async function scrape(base: string): Promise<string> {
  const response = await fetch(`${base}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one sample, 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const line = text.split('\n').find((l) => {
    if (!l.startsWith(`${name}{`) && !l.startsWith(`${name} `)) return false;
    return Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`));
  });
  return line ? Number(line.split(' ').at(-1)) : 0;
}

const invoice = (i: number, total: number) =>
  billingEvent(
    InvoiceCreated,
    organizationId,
    invoiceCreated({
      id: `up_metrics_${i}`,
      external_customer_id: 'cus_metrics',
      number: `M-${i}`,
      total_amount_cents: total,
    }),
    { id: `evt_metrics_${i}` },
  );

test('services answer /health and /health/ready on their ops port', async () => {
  for (const base of [ops.customers, ops.invoices]) {
    assert.equal((await fetch(`${base}/health`)).status, 200);
    assert.equal((await fetch(`${base}/health/ready`)).status, 200);
  }
});

test('every app runs on Node 24 or newer (the version npm test provisioned when older)', async () => {
  for (const base of [stack.url, ops.customers, ops.invoices]) {
    const line = (await scrape(base)).split('\n').find((l) => l.startsWith('nodejs_version_info{'));
    assert.ok(line, `${base}/metrics names its Node version`);
    const major = Number(/major="(\d+)"/.exec(line)?.[1]);
    assert.ok(major >= 24, `${base} runs on Node ${line}`);
    // The services run on the Node that runs the tests: the one `npm test` chose.
    assert.match(line, new RegExp(`version="${process.version.replace(/\./g, '\\.')}"`));
  }
});

test('event counters move when events flow: consumed and dead-lettered, by type', async () => {
  const labels = { service: 'invoice-service', type: 'invoice.created' };
  const before = await scrape(ops.invoices);
  for (let i = 0; i < 3; i++) await stack.publish('invoice.created', invoice(i, 120));
  await stack.publish('invoice.created', invoice(99, 1.5));
  await waitFor('the counters', async () => {
    const now = await scrape(ops.invoices);
    return (
      sample(now, 'portico_events_consumed_total', labels) -
        sample(before, 'portico_events_consumed_total', labels) ===
        3 &&
      sample(now, 'portico_events_dead_lettered_total', { ...labels, reason: 'invalid_payload' }) -
        sample(before, 'portico_events_dead_lettered_total', {
          ...labels,
          reason: 'invalid_payload',
        }) ===
        1
    );
  });
  const after = await scrape(ops.invoices);
  assert.ok(sample(after, 'portico_event_handling_seconds_count', labels) >= 3);
  assert.match(after, /^process_resident_memory_bytes \d+/m, 'process metrics too');
});

test('gateway: HTTP latency by route pattern (no ids or tokens), RPC latency by pattern', async () => {
  const listed = await stack.request('GET', '/api/v1/invoices?external_customer_id=cus_metrics', {
    token: apiKey,
  });
  assert.equal(listed.status, 200);
  const text = await scrape(stack.url);
  assert.ok(
    sample(text, 'portico_http_request_duration_seconds_count', {
      method: 'GET',
      route: '/api/v1/invoices',
      status: '200',
    }) >= 1,
  );
  assert.ok(!text.includes('cus_metrics'), 'query strings stay out of labels');
  assert.ok(
    sample(text, 'portico_rpc_client_seconds_count', { outcome: 'ok' }) >= 1,
    'RPCs timed at the caller',
  );
  assert.ok(sample(await scrape(ops.invoices), 'portico_rpc_server_seconds_count', {}) >= 1);
});

test('PDF counters: a render, then a cache hit', async () => {
  const before = await scrape(ops.invoices);
  const gatewayBefore = await scrape(stack.url);
  const download = async () => {
    const response = await stack.request<{ invoice: { file_url: string } }>(
      'POST',
      '/api/v1/invoices/up_metrics_0/download',
      { token: apiKey },
    );
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const file = await fetch(response.body.invoice.file_url.replace(stack.publicUrl, stack.url));
    assert.equal(file.status, 200);
    await file.arrayBuffer();
  };
  await download();
  await download();
  const after = await scrape(ops.invoices);
  const delta = (name: string, labels: Record<string, string> = {}) =>
    sample(after, name, labels) - sample(before, name, labels);
  assert.equal(delta('portico_pdf_renders_total', { outcome: 'ok' }), 1);
  assert.equal(delta('portico_pdf_served_total', { source: 'render' }), 1);
  // The repeat is served from the bytes the gateway holds, which the invoice-service confirmed
  // current a moment ago: it is not asked again (PDF_GATEWAY_CONFIRM_SECONDS).
  for (const source of ['caller', 'memory', 'database'])
    assert.equal(delta('portico_pdf_served_total', { source }), 0, source);
  const gatewayAfter = await scrape(stack.url);
  const gatewayDelta = (outcome: string) =>
    sample(gatewayAfter, 'portico_gateway_pdf_cache_total', { outcome }) -
    sample(gatewayBefore, 'portico_gateway_pdf_cache_total', { outcome });
  assert.equal(gatewayDelta('miss'), 1);
  assert.equal(gatewayDelta('held'), 1);
  assert.ok(sample(after, 'portico_pdf_browser_starts_total', {}) >= 1);
  assert.ok(sample(after, 'portico_pdf_render_seconds_count', {}) >= 1);
});
