import { PROJECT_ROOT } from '@portico/testing';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, test } from '@jest/globals';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

// Integration tier: the first run builds kustomize and kubeconform with `go install`.
const ROOT = PROJECT_ROOT;
const run = promisify(execFile);
const validate = (...dirs: string[]) =>
  run(process.execPath, [join(ROOT, 'deploy/local/validate-k8s.mjs'), ...dirs], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
  });
const scratch = mkdtempSync(join(tmpdir(), 'portico-k8s-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('deploy/k8s (base and overlays) renders and validates in strict mode', async () => {
  const { stdout } = await validate();
  assert.match(
    stdout,
    /base: Summary: 25 resources .* Valid: 25, Invalid: 0, Errors: 0, Skipped: 0/,
  );
  assert.match(stdout, /example: Summary: \d+ resources .* Invalid: 0, Errors: 0, Skipped: 0/);
});

test('a misspelt field fails validation (strict schemas, nothing skipped)', async () => {
  const deployment = readFileSync(join(ROOT, 'deploy/k8s/base/gateway.yaml'), 'utf8')
    .split('\n---\n')[0]!
    .replace('livenessProbe:', 'livenesProbe:');
  writeFileSync(join(scratch, 'deployment.yaml'), deployment);
  writeFileSync(join(scratch, 'kustomization.yaml'), 'resources: [deployment.yaml]\n');
  await assert.rejects(validate(scratch), (error: { stderr: string }) => {
    assert.match(error.stderr, /livenesProbe/);
    return true;
  });
});

test('every app has probes on its health endpoints; gateway and invoice-service autoscale', async () => {
  const { stdout } = await validate('--render', join(ROOT, 'deploy/k8s/base'));
  const docs = parseAllDocuments(stdout).map((d) => d.toJS() as Manifest);
  const byKind = (kind: string) => docs.filter((d) => d.kind === kind);
  for (const app of ['gateway', 'customer-service', 'invoice-service', 'console']) {
    const deployment = byKind('Deployment').find((d) => d.metadata.name === `portico-${app}`);
    const container = deployment!.spec.template.spec.containers[0];
    assert.equal(container.livenessProbe.httpGet.path, '/health', app);
    assert.equal(container.readinessProbe.httpGet.path, '/health/ready', app);
    assert.ok(
      byKind('PodDisruptionBudget').some((p) => p.metadata.name === `portico-${app}`),
      `${app} has a PodDisruptionBudget`,
    );
  }
  assert.deepEqual(
    byKind('HorizontalPodAutoscaler')
      .map((h) => h.spec.scaleTargetRef.name)
      .sort(),
    ['portico-gateway', 'portico-invoice-service'],
  );
  const consoleEnv = byKind('Deployment').find((d) => d.metadata.name === 'portico-console')!.spec
    .template.spec.containers[0].env as { name: string; valueFrom?: unknown }[];
  const names = consoleEnv.map((e) => e.name);
  assert.ok(!names.some((n) => n.startsWith('MONGODB')), 'the console never reaches a database');
  for (const name of ['PORTAL_JWT_SECRET', 'CONSOLE_SECRET', 'PORTAL_PUBLIC_URL'])
    assert.ok(consoleEnv.find((e) => e.name === name)?.valueFrom, `${name} comes from a reference`);
  assert.deepEqual(
    consoleEnv.find((e) => e.name === 'AMQP_USERNAME')?.valueFrom,
    { secretKeyRef: { name: 'portico-broker-console', key: 'username' } },
    'the console uses its own broker user, not the operator default one',
  );
  assert.equal(byKind('RabbitmqCluster').length, 1);
  assert.equal(byKind('MongoDBCommunity')[0]!.spec.type, 'ReplicaSet');
});

interface Manifest {
  kind: string;
  metadata: { name: string };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rendered YAML, checked by path
  spec: any;
}
