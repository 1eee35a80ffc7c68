import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { testEnvironment, uniqueNamespace } from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { loadGatewayConfig } from '../config/gateway.config';
import { createGateway } from '../create-gateway';

const DOCUMENTED_PREFIXES = ['/api/v1/', '/admin/v1/'];
const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z_]+)/g, '{$1}');

/** Keeps /api/docs true: every API route documented, nothing documented that does not exist. */
describe('OpenAPI document', () => {
  let app: NestFastifyApplication;
  let document: OpenAPIObject;
  const routes: { method: string; path: string }[] = [];

  beforeAll(async () => {
    const config = loadGatewayConfig({
      NODE_ENV: 'test',
      AMQP_URL: testEnvironment.amqpUrl,
      AMQP_NAMESPACE: uniqueNamespace(),
    });
    app = await createGateway(config);
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) {
          if (method !== 'HEAD')
            routes.push({ method: method.toLowerCase(), path: toOpenApiPath(route.url) });
        }
      });
    await app.init();
    const served = await app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(served.statusCode, 200);
    document = served.json<OpenAPIObject>();
  });

  afterAll(async () => app?.close());

  const apiRoutes = () =>
    routes.filter((r) => DOCUMENTED_PREFIXES.some((p) => r.path.startsWith(p)));

  test('every API route is documented', () => {
    assert.ok(apiRoutes().length >= 13, `found ${apiRoutes().length} routes`);
    for (const { method, path } of apiRoutes()) {
      assert.ok(
        document.paths[path]?.[method as 'get'],
        `${method.toUpperCase()} ${path} is missing from /api/docs`,
      );
    }
  });

  test('everything documented exists', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      if (!DOCUMENTED_PREFIXES.some((p) => path.startsWith(p))) continue;
      for (const method of ['get', 'post', 'put', 'delete', 'patch'] as const) {
        if (!item[method]) continue;
        assert.ok(
          routes.some((r) => r.method === method && r.path === path),
          `${method.toUpperCase()} ${path} is documented but not served`,
        );
      }
    }
  });

  test('every operation names its auth, a success schema and its errors', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      if (!DOCUMENTED_PREFIXES.some((p) => path.startsWith(p))) continue;
      for (const method of ['get', 'post', 'put', 'delete'] as const) {
        const operation = item[method];
        if (!operation) continue;
        const name = `${method.toUpperCase()} ${path}`;
        assert.ok(operation.security?.length, `${name} has no security`);
        const success = Object.entries(operation.responses).find(([status]) =>
          status.startsWith('2'),
        );
        assert.ok(success, `${name} documents no success response`);
        assert.ok(
          (success[1] as { content?: unknown }).content,
          `${name} success response has no schema`,
        );
        assert.ok(operation.responses['401'], `${name} does not document 401`);
      }
    }
  });

  test("the portal URL endpoint documents Lago's shape", () => {
    const operation = document.paths['/api/v1/customers/{external_customer_id}/portal_url']!.get!;
    const schema = (operation.responses['200'] as { content: Record<string, { schema: unknown }> })
      .content['application/json']!.schema as {
      properties: { customer: { properties: Record<string, unknown> } };
    };
    assert.deepEqual(Object.keys(schema.properties.customer.properties), ['portal_url']);
  });
});
