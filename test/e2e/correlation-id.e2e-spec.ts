import { InvoiceCreated } from '@portico/contracts';
import { apiEvent, invoiceCreated, PorticoStack, waitFor } from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from '@jest/globals';

// One id follows a request from the gateway through RabbitMQ into the service that answered it
// (RPC) and into the consumer that stored what it published (event), in JSON logs.
let stack: PorticoStack;
let apiKey: string;

beforeAll(async () => {
  stack = await PorticoStack.start({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug' });
  ({ apiKey } = await stack.createOrganization());
});
afterAll(async () => stack?.stop());

interface LogRecord {
  level: string;
  message: string;
  context?: string;
  correlation_id?: string;
}

/** Every JSON line of an app's output (the odd non-JSON line, e.g. a stack trace, is skipped). */
function records(logs: string): LogRecord[] {
  return logs
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as LogRecord];
      } catch {
        return [];
      }
    });
}

const withId = (app: 'gateway' | 'invoice-service', id: string) =>
  records(stack.app(app).logs).filter((r) => r.correlation_id === id);

test('logs are JSON, one object per line', () => {
  // Node's own process warnings (`(node:123) …`) are not the app's log lines, nor is what a
  // library prints while modules load, before Nest installs the app's logger (nestjs-i18n's
  // "No resolvers provided"): the check starts at the app's first line.
  const lines = stack
    .app('gateway')
    .logs.split('\n')
    .filter((line) => line && !/^\((node:\d+|Use `node)/.test(line));
  const gateway = lines.slice(lines.findIndex((line) => line.startsWith('{')));
  assert.ok(gateway.length > 1);
  assert.equal(records(gateway.join('\n')).length, gateway.length, gateway.join('\n'));
});

test('an RPC: the request id appears in the gateway log and in the answering service log', async () => {
  const id = 'corr-rpc-0001';
  const response = await fetch(`${stack.url}/api/v1/invoices?external_customer_id=nobody`, {
    headers: { authorization: `Bearer ${apiKey}`, 'x-request-id': id },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-request-id'), id);
  await waitFor(
    'both logs',
    async () => withId('gateway', id).length > 0 && withId('invoice-service', id).length > 0,
  );
  assert.match(withId('gateway', id)[0]!.message, /^GET \/api\/v1\/invoices 200/);
  assert.ok(withId('invoice-service', id).some((r) => /^answered /.test(r.message)));
});

test('an event published over HTTP: the id reaches the consumer that stored it', async () => {
  const id = 'corr-event-0001';
  const response = await fetch(`${stack.url}/api/v1/events`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      'x-request-id': id,
    },
    body: JSON.stringify(
      apiEvent(
        InvoiceCreated,
        invoiceCreated({ id: 'up_corr_1', external_customer_id: 'cus_corr' }),
        { id: 'evt_corr_1' },
      ),
    ),
  });
  assert.equal(response.status, 200, await response.text());
  await waitFor('the consumer log', async () =>
    withId('invoice-service', id).some((r) => r.message === 'handled invoice.created evt_corr_1'),
  );
});
