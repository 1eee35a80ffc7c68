import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { testEnvironment, uniqueNamespace } from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { loadGatewayConfig } from '../../config/gateway.config';
import { createGateway } from '../../create-gateway';

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

  type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
  const apiOperations = () =>
    Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, item]) =>
        (['get', 'post', 'put', 'delete'] as const)
          .filter((method) => item[method])
          .map((method) => ({ path, method, operation: item[method]! as Operation })),
      );
  const content = (object: unknown) =>
    (object as { content?: Record<string, { example?: unknown; examples?: unknown }> }).content?.[
      'application/json'
    ];

  test('every API operation has a summary, a description and examples', () => {
    assert.ok(apiOperations().length >= 10);
    for (const { path, method, operation } of apiOperations()) {
      const name = `${method.toUpperCase()} ${path}`;
      assert.ok(operation.summary, `${name} has no summary`);
      assert.ok(operation.description, `${name} has no description`);
      const [, success] = Object.entries(operation.responses).find(([s]) => s.startsWith('2'))!;
      assert.ok(
        content(success)?.example !== undefined,
        `${name}: success response has no example`,
      );
      if (operation.requestBody) {
        const body = content(operation.requestBody);
        assert.ok(body?.example ?? body?.examples, `${name}: request body has no example`);
      }
      const parameters = (operation.parameters ?? []) as {
        example?: unknown;
        schema?: { example?: unknown };
      }[];
      if (parameters.length) {
        assert.ok(
          parameters.some((p) => p.example !== undefined || p.schema?.example !== undefined),
          `${name}: no parameter has an example`,
        );
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        assert.ok(content(response)?.example !== undefined, `${name}: ${status} has no example`);
      }
    }
  });

  test('every status a route gives is declared', async () => {
    const http = app.getHttpAdapter().getInstance();
    for (const { path, method, operation } of apiOperations()) {
      const name = `${method.toUpperCase()} ${path}`;
      const url = path.replace(/\{[^}]+\}/g, 'x');
      const declared = (status: number) =>
        assert.ok(operation.responses[String(status)], `${name} answers ${status}, undeclared`);
      const noKey = await http.inject({ method: method.toUpperCase() as 'GET', url });
      declared(noKey.statusCode);
      for (const status of [400, 401, 413, 429, 503]) declared(status);
      const limited = operation.responses['429'] as {
        headers?: Record<string, unknown>;
        content?: Record<string, { example?: { code?: string } }>;
      };
      for (const header of [
        'Retry-After',
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
      ]) {
        assert.ok(limited.headers?.[header], `${name}: 429 does not declare ${header}`);
      }
      assert.equal(limited.content?.['application/json']?.example?.code, 'too_many_requests');
      if (method === 'post' || method === 'put') {
        const badJson = await http.inject({
          method: method.toUpperCase() as 'POST',
          url,
          headers: { 'content-type': 'application/json' },
          payload: '{',
        });
        declared(badJson.statusCode);
      }
      const parameters = (operation.parameters ?? []) as { in: string; name: string }[];
      if (parameters.length) declared(422);
      if (parameters.some((p) => p.in === 'path')) declared(404);
    }
  });

  test('schemas are named components, and the API key is an opaque bearer token', () => {
    const schemas = document.components?.schemas ?? {};
    for (const name of ['Customer', 'CustomerInput', 'Invoice', 'Fee', 'Error', 'PaginationMeta']) {
      assert.ok(schemas[name], `components.schemas.${name} is missing`);
    }
    const invoice = document.paths['/api/v1/invoices/{lago_id}']!.get!;
    assert.match(JSON.stringify(invoice.responses['200']), /#\/components\/schemas\/Invoice/);
    const apiKey = document.components!.securitySchemes!['api-key'] as {
      bearerFormat?: string;
      description?: string;
    };
    assert.notEqual(apiKey.bearerFormat, 'JWT');
    assert.match(apiKey.description!, /opaque/);
  });

  test('every query parameter has a schema from the zod schema that validates it', () => {
    for (const { path, method, operation } of apiOperations()) {
      for (const parameter of (operation.parameters ?? []) as {
        name: string;
        schema?: Record<string, unknown>;
      }[]) {
        assert.ok(
          parameter.schema && Object.keys(parameter.schema).length > 0,
          `${method.toUpperCase()} ${path}: parameter ${parameter.name} has an empty schema`,
        );
      }
    }
    const list = document.paths['/api/v1/invoices']!.get!;
    const names = (list.parameters as { name: string }[]).map((p) => p.name);
    for (const name of [
      'page',
      'per_page',
      'status',
      'payment_status',
      'payment_overdue',
      'search_term',
      'issuing_date_from',
      'issuing_date_to',
      'external_customer_id',
    ]) {
      assert.ok(names.includes(name), `GET /api/v1/invoices lacks ${name}`);
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
