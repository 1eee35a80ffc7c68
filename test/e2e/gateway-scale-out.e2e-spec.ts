import { freePort, PorticoStack, waitFor, type AppProcess } from '@portico/testing';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

const WORKERS = 2;
const METRICS_TOKEN = 'scrape-token-of-the-first-gateway';

/**
 * Two gateways behind an imaginary load balancer, each a cluster of two worker processes sharing
 * its port (GATEWAY_WORKERS=2). Every worker caches API keys and portal-session generations; a
 * change made through one gateway must take effect on every worker of the other within moments
 * (each hears it over RabbitMQ), not after the 30–60 s the cache entries would otherwise live.
 * The first gateway serves /metrics on its HTTP port behind METRICS_TOKEN, the other on an ops
 * listener (METRICS_PORT) that its cluster primary serves: both answer for every worker.
 */
describe('two gateways of two workers each', () => {
  let stack: PorticoStack;
  let first: string;
  let other: string;
  let otherOps: string;
  /** Worker processes that said they listen: /health/ready answers as soon as the first does. */
  const listening = (app: AppProcess) =>
    new Set([...app.logs.matchAll(/worker (\d+) listening on/g)].map((m) => m[1]));
  beforeAll(async () => {
    const workers = { GATEWAY_WORKERS: String(WORKERS) };
    stack = await PorticoStack.start({}, { appEnv: { gateway: { ...workers, METRICS_TOKEN } } });
    first = stack.url;
    const firstApp = stack.app('gateway');
    const opsPort = await freePort();
    otherOps = `http://127.0.0.1:${opsPort}`;
    other = await stack.startExtraGateway({
      ...workers,
      METRICS_PORT: String(opsPort),
      METRICS_HOST: '127.0.0.1',
    });
    for (const app of [firstApp, stack.app('gateway')]) {
      await waitFor(`${WORKERS} workers listening`, () => listening(app).size === WORKERS, {
        timeoutMs: 60_000,
        intervalMs: 100,
      });
    }
  });
  afterAll(async () => stack?.stop());

  /**
   * A request on a connection of its own: node:cluster hands connections to the workers in turn,
   * so consecutive calls reach every worker (fetch would reuse one kept-alive connection).
   */
  const via = (base: string, path: string, key: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${base}${path}`, {
        agent: false,
        headers: key ? { authorization: `Bearer ${key}` } : {},
      });
      req.on('error', reject);
      req.on('response', (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      req.end();
    });
  const viaOther = (path: string, key: string) => via(other, path, key);
  /** The same answer from every worker: a few rounds over fresh connections. */
  const everyWorker = async (path: string, key: string, status: number, message: string) => {
    for (let i = 0; i < WORKERS * 3; i++) {
      assert.equal((await viaOther(path, key)).status, status, `${message} (request ${i + 1})`);
    }
  };

  // stack.app('gateway') is the most recent one: the other gateway.
  test('the other gateway runs two worker processes', () => {
    const app = stack.app('gateway');
    assert.equal(listening(app).size, WORKERS, app.logs);
    assert.match(app.logs, new RegExp(`starting ${WORKERS} gateway workers`));
  });

  test('a key revoked through one gateway is refused by every worker of the other at once', async () => {
    const { id, apiKey } = await stack.createOrganization();
    await everyWorker('/api/v1/locales', apiKey, 200, 'cached on every worker of the other');
    const { body } = await stack.admin<{ organization: { api_keys: { id: string }[] } }>(
      'GET',
      `/admin/v1/organizations/${id}`,
    );
    await stack.admin(
      'DELETE',
      `/admin/v1/organizations/${id}/api_keys/${body.organization.api_keys[0]!.id}`,
    );
    const started = Date.now();
    await waitFor(
      'the other gateway to refuse the key',
      async () => (await viaOther('/api/v1/locales', apiKey)).status === 401,
      { timeoutMs: 3_000, intervalMs: 20 },
    );
    await waitFor(
      'every worker of the other gateway to refuse the key',
      async () => {
        for (let i = 0; i < WORKERS * 3; i++) {
          if ((await viaOther('/api/v1/locales', apiKey)).status !== 401) return false;
        }
        return true;
      },
      { timeoutMs: 3_000, intervalMs: 20 },
    );
    assert.ok(Date.now() - started < 3_000);
  });

  test('sessions revoked through one gateway: every worker of the other mints URLs of the new generation', async () => {
    const { apiKey } = await stack.createOrganization();
    await stack.request('POST', '/api/v1/customers', {
      token: apiKey,
      body: { customer: { external_id: 'c1' } },
    });
    const mint = async () => {
      const response = await viaOther('/api/v1/customers/c1/portal_url', apiKey);
      const { customer } = JSON.parse(response.body) as { customer: { portal_url: string } };
      return customer.portal_url.replace(stack.publicUrl, stack.url);
    };
    for (let i = 0; i < WORKERS * 2; i++) {
      assert.equal((await fetch(await mint())).status, 200, 'the other gateway has it cached');
    }
    const revoked = await stack.request('DELETE', '/api/v1/customers/c1/portal_sessions', {
      token: apiKey,
    });
    assert.equal(revoked.status, 200);
    await waitFor(
      'every worker of the other gateway to mint working URLs again',
      async () => {
        for (let i = 0; i < WORKERS * 3; i++) {
          if ((await fetch(await mint())).status !== 200) return false;
        }
        return true;
      },
      { timeoutMs: 3_000, intervalMs: 20 },
    );
  });

  /** portico_http_request_duration_seconds_count of GET /api/v1/customers 200s in a scrape. */
  const customersCount = (text: string) => {
    const line = text
      .split('\n')
      .find(
        (l) =>
          l.startsWith('portico_http_request_duration_seconds_count{') &&
          l.includes('method="GET"') &&
          l.includes('route="/api/v1/customers"') &&
          l.includes('status="200"'),
      );
    return line ? Number(line.split(' ').at(-1)) : 0;
  };

  test('/metrics on the HTTP port behind METRICS_TOKEN counts every worker, whichever answers', async () => {
    const { apiKey } = await stack.createOrganization();
    for (let i = 0; i < WORKERS * 2; i++) {
      assert.equal((await via(first, '/metrics', '')).status, 401, 'no token, any worker');
      assert.equal((await via(first, '/metrics', 'not-the-token')).status, 401, 'wrong token');
    }
    const scrape = async () => {
      const response = await via(first, '/metrics', METRICS_TOKEN);
      assert.equal(response.status, 200);
      return customersCount(response.body);
    };
    const before = await scrape();
    const requests = WORKERS * 5;
    for (let i = 0; i < requests; i++) {
      assert.equal((await via(first, '/api/v1/customers', apiKey)).status, 200);
    }
    // Connections alternate between the workers, so one worker alone saw about half of them.
    assert.equal((await scrape()) - before, requests);
  });

  test('with METRICS_PORT the primary serves /metrics for every worker; none on the HTTP port', async () => {
    const { apiKey } = await stack.createOrganization();
    for (let i = 0; i < WORKERS * 2; i++) {
      assert.equal((await viaOther('/metrics', '')).status, 404, 'off the public port');
    }
    const scrape = async () => {
      const response = await fetch(`${otherOps}/metrics`);
      assert.equal(response.status, 200);
      return customersCount(await response.text());
    };
    const before = await scrape();
    const requests = WORKERS * 5;
    for (let i = 0; i < requests; i++) {
      assert.equal((await viaOther('/api/v1/customers', apiKey)).status, 200);
    }
    assert.equal((await scrape()) - before, requests);
    assert.equal((await fetch(`${otherOps}/health/ready`)).status, 200, 'workers listening');
  });

  test('SIGTERM: the primary drains every worker and exits 0', async () => {
    const gateway = stack.app('gateway');
    assert.equal(await gateway.stop(), 0, gateway.logs);
    const drained = gateway.logs.match(/the primary asked to stop/g) ?? [];
    assert.equal(drained.length, WORKERS, gateway.logs);
  });
});
