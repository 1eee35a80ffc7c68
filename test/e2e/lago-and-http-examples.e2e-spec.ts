import { LagoSender, PROJECT_ROOT, PorticoStack, waitFor } from '@portico/testing';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from '@jest/globals';
import { promisify } from 'node:util';

const ROOT = PROJECT_ROOT;
const run = promisify(execFile);
let stack: PorticoStack;
beforeAll(async () => (stack = await PorticoStack.start()));
afterAll(async () => stack?.stop());

const shown = (apiKey: string, id: string) =>
  waitFor(`invoice ${id}`, async () => {
    const response = await stack.request<{ invoice: { number: string; fees: unknown[] } }>(
      'GET',
      `/api/v1/invoices/${id}`,
      { token: apiKey },
    );
    return response.status === 200 ? response.body.invoice : undefined;
  });

test('the documented HTTP publisher delivers the documented example invoice', async () => {
  const { apiKey } = await stack.createOrganization();
  const { stdout } = await run(
    process.execPath,
    [join(ROOT, 'examples/post-events.mjs'), join(ROOT, 'examples/invoice-created.json')],
    { env: { ...process.env, PORTICO_URL: stack.url, PORTICO_API_KEY: apiKey } },
  );
  assert.match(stdout, /accepted invoice\.created/);
  const invoice = await shown(apiKey, '1a901a90-1a90-1a90-1a90-1a901a901a90');
  assert.equal(invoice.number, 'ACME-202611-001');
});

test('the documented Lago example reaches the portal through the bridge', async () => {
  const { id, apiKey } = await stack.createOrganization();
  const lago = new LagoSender();
  await stack.admin('PUT', `/admin/v1/organizations/${id}/lago`, { hmac_key: lago.hmacKey });
  const { stdout } = await run(
    process.execPath,
    [
      join(ROOT, 'examples/send-lago-webhook.mjs'),
      join(ROOT, 'examples/lago-invoice-created.json'),
    ],
    {
      env: {
        ...process.env,
        PORTICO_URL: stack.url,
        ORGANIZATION_ID: id,
        LAGO_HMAC_KEY: lago.hmacKey,
      },
    },
  );
  assert.match(stdout, /^200 \{"status":"accepted"/);
  const invoice = await shown(apiKey, '5eb02857-a71e-4ea2-bcf9-57d3a41bc6ba');
  assert.equal(invoice.number, 'HOO-2026-0042');
  assert.equal(invoice.fees.length, 2);
});
