import { PROJECT_ROOT, PorticoStack, testEnvironment, waitFor } from '@portico/testing';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from '@jest/globals';
import { promisify } from 'node:util';

const ROOT = PROJECT_ROOT;
let stack: PorticoStack;
beforeAll(async () => (stack = await PorticoStack.start()));
afterAll(async () => stack?.stop());

test('the documented publisher example delivers the documented example invoice', async () => {
  const { id, apiKey } = await stack.createOrganization();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'examples/publish-event.mjs'), join(ROOT, 'examples/invoice-created.json')],
    {
      env: {
        ...process.env,
        AMQP_URL: testEnvironment.amqpUrl,
        EXCHANGE: `${stack.namespace}billing.events`,
        ORGANIZATION_ID: id,
      },
    },
  );
  assert.match(stdout, /published invoice\.created/);
  const invoice = await waitFor('the example invoice', async () => {
    const response = await stack.request<{ invoice: { number: string; fees: unknown[] } }>(
      'GET',
      '/api/v1/invoices/1a901a90-1a90-1a90-1a90-1a901a901a90',
      { token: apiKey },
    );
    return response.status === 200 ? response.body.invoice : undefined;
  });
  assert.equal(invoice.number, 'ACME-202611-001');
  assert.equal(invoice.fees.length, 2);
});
