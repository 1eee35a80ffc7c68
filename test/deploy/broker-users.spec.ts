import {
  appPermissions,
  SERVICE_USERS,
  TRUSTED_PUBLISHER_USERS,
  type PorticoApp,
} from '@portico/messaging';
import { PROJECT_ROOT } from '@portico/testing';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@jest/globals';
import { parse, parseAllDocuments } from 'yaml';

// Compose and deploy/k8s give each app the rights libs/messaging/src/broker-permissions.ts says,
// no more: the same regexps local provisioning and the tests use.

test('the console may not publish: no write on billing.events, unlike the gateway', () => {
  const pattern = (regexp: string) => new RegExp(regexp);
  assert.ok(pattern(appPermissions('gateway').write).test('billing.events'));
  assert.ok(!pattern(appPermissions('console').write).test('billing.events'));
  assert.ok(pattern(appPermissions('console').read).test('billing.events'), 'it binds to it');
  assert.ok(pattern(appPermissions('console').write).test('amq.default'), 'RPC');
  assert.ok(!TRUSTED_PUBLISHER_USERS.includes(SERVICE_USERS.console));
});
const ROOT = PROJECT_ROOT;
const APPS = Object.keys(SERVICE_USERS) as PorticoApp[];

test('deploy/k8s: one User and one Permission per app, with the library’s regexps', () => {
  const docs = parseAllDocuments(
    readFileSync(join(ROOT, 'deploy/k8s/base/broker-users.yaml'), 'utf8'),
  ).map(
    (d) =>
      d.toJS() as {
        kind: string;
        metadata: { name: string };
        spec: { permissions?: unknown; importCredentialsSecret?: { name: string } };
      },
  );
  for (const app of APPS) {
    const user = docs.find((d) => d.kind === 'User' && d.metadata.name === SERVICE_USERS[app]);
    assert.equal(user?.spec.importCredentialsSecret?.name, `portico-broker-${app}`, app);
    const permission = docs.find(
      (d) => d.kind === 'Permission' && d.metadata.name === SERVICE_USERS[app],
    );
    const { configure, write, read } = appPermissions(app);
    assert.deepEqual(permission?.spec.permissions, { configure, write, read }, app);
  }
});

test('compose: the broker entrypoint grants the library’s regexps; each app uses its user', () => {
  const script = readFileSync(join(ROOT, 'deploy/docker/rabbitmq-entrypoint.sh'), 'utf8');
  execFileSync('sh', ['-n', join(ROOT, 'deploy/docker/rabbitmq-entrypoint.sh')]);
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as { services: Record<string, { environment: Record<string, string> }> };
  for (const app of APPS) {
    const { configure, write, read } = appPermissions(app);
    assert.ok(
      script.includes(`'${configure}' '${write}' '${read}'`) &&
        script.includes(`grant ${SERVICE_USERS[app]} `),
      `${app}'s grant`,
    );
    const env = compose.services[app]!.environment;
    assert.equal(env.AMQP_USERNAME, SERVICE_USERS[app]);
    // The console consumes no service queue and publishes nothing: not a trusted publisher.
    if (app === 'console') assert.equal(env.TRUSTED_EVENT_PUBLISHERS, undefined);
    else assert.deepEqual(env.TRUSTED_EVENT_PUBLISHERS!.split(','), TRUSTED_PUBLISHER_USERS);
  }
});
