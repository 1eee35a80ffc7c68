import { PROJECT_ROOT } from '@portico/testing';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from '@jest/globals';
import { parse } from 'yaml';

// No Docker engine runs where the tests run, so the compose file is checked by reading it.
const ROOT = PROJECT_ROOT;
interface ComposeService {
  image?: string;
  build?: { dockerfile: string; target: string; args: { APP?: string } };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const dockerfile = readFileSync(join(ROOT, 'deploy/docker/Dockerfile'), 'utf8');

test('the three apps and the console are built from the multi-stage Dockerfile, each with its own APP', () => {
  for (const app of ['gateway', 'customer-service', 'invoice-service', 'console']) {
    const service = compose.services[app]!;
    assert.equal(service.build?.dockerfile, 'deploy/docker/Dockerfile', app);
    assert.equal(service.build?.args.APP, app);
    assert.match(
      dockerfile,
      new RegExp(`^FROM .* AS ${service.build!.target}$`, 'm'),
      `target ${service.build!.target}`,
    );
  }
});

test('apps wait for healthy infrastructure, which has health checks', () => {
  for (const infra of ['mongodb', 'rabbitmq'])
    assert.ok(compose.services[infra]?.healthcheck, infra);
  for (const app of ['customer-service', 'invoice-service']) {
    assert.equal(compose.services[app]!.depends_on?.mongodb?.condition, 'service_healthy');
    assert.equal(compose.services[app]!.depends_on?.rabbitmq?.condition, 'service_healthy');
  }
  assert.match(compose.services.gateway!.healthcheck!.test.join(' '), /\/health\/ready/);
  for (const app of ['customer-service', 'invoice-service']) {
    // The services' ops listener: /health/ready on METRICS_PORT.
    const port = compose.services[app]!.environment!.METRICS_PORT;
    assert.equal(port, '9464', app);
    assert.match(compose.services[app]!.healthcheck!.test.join(' '), /:9464\/health\/ready/, app);
    assert.equal(compose.services.gateway!.depends_on?.[app]?.condition, 'service_healthy');
  }
});

test('production secrets must be supplied, never defaulted', () => {
  const env = compose.services.gateway!.environment!;
  assert.match(env.PORTAL_JWT_SECRET!, /^\$\{PORTAL_JWT_SECRET:\?/);
  assert.match(env.PORTICO_ADMIN_TOKEN!, /^\$\{PORTICO_ADMIN_TOKEN:\?/);
  const consoleEnv = compose.services.console!.environment!;
  assert.match(consoleEnv.PORTAL_JWT_SECRET!, /^\$\{PORTAL_JWT_SECRET:\?/);
  assert.match(consoleEnv.CONSOLE_SECRET!, /^\$\{CONSOLE_SECRET:\?/);
});

test('the console: production mode, the broker only (never a database), ready after customer-service', () => {
  const service = compose.services.console!;
  const env = service.environment!;
  assert.equal(env.NODE_ENV, 'production');
  assert.equal(env.AMQP_URL, 'amqp://rabbitmq:5672');
  assert.equal(env.AMQP_USERNAME, 'portico-console', 'its own broker user, not the admin one');
  assert.equal(env.MONGODB_URI, undefined, 'the console talks to services over RabbitMQ only');
  assert.equal(service.depends_on?.['customer-service']?.condition, 'service_healthy');
  assert.match(service.healthcheck!.test.join(' '), /:4100\/health\/ready/);
  assert.equal(env.PORTAL_PUBLIC_URL, compose.services.gateway!.environment!.PUBLIC_URL);
  assert.equal(env.CONSOLE_PUBLIC_URL, compose.services.gateway!.environment!.CONSOLE_PUBLIC_URL);
  assert.match(dockerfile, /COPY .*apps\/console\/src\/views/);
  assert.match(dockerfile, /COPY .*apps\/console\/src\/assets/);
});

test('every app runs in production mode against the compose broker and database', () => {
  for (const app of ['gateway', 'customer-service', 'invoice-service']) {
    const env = compose.services[app]!.environment!;
    assert.equal(env.NODE_ENV, 'production', app);
    assert.equal(env.AMQP_URL, 'amqp://rabbitmq:5672');
    assert.equal(env.AMQP_USERNAME, `portico-${app}`, 'its own broker user');
    assert.equal(env.MONGODB_URI, 'mongodb://mongodb:27017');
  }
});

test('the image runs on Node 24 and carries its own health check', () => {
  const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]!);
  for (const base of bases.filter((b) => b.startsWith('node:')))
    assert.equal(base, 'node:24-bookworm-slim');
  assert.ok(bases.includes('node:24-bookworm-slim'));
  assert.match(
    dockerfile,
    /^HEALTHCHECK .*\\\n\s+CMD \["node", "deploy\/docker\/healthcheck\.mjs"\]$/m,
  );
  assert.match(dockerfile, /^COPY deploy\/docker\/healthcheck\.mjs /m);
});

test('the image health check probes the readiness of the app it runs', async () => {
  let status = 200;
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    response.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = String((server.address() as AddressInfo).port);
  const probe = (env: Record<string, string>) =>
    new Promise<number | null>((resolve) =>
      execFile(process.execPath, [join(ROOT, 'deploy/docker/healthcheck.mjs')], { env }, (error) =>
        resolve(error ? (error.code as number) : 0),
      ),
    );
  try {
    assert.equal(await probe({ APP: 'gateway', PORT: port }), 0);
    assert.equal(await probe({ APP: 'invoice-service', METRICS_PORT: port }), 0);
    status = 503;
    assert.equal(await probe({ APP: 'customer-service', METRICS_PORT: port }), 1);
    assert.deepEqual(paths, ['/health/ready', '/health/ready', '/health/ready']);
  } finally {
    server.close();
  }
});
