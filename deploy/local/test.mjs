// `npm test`: install, provision a broker, a database and Chromium, build, and run every test.
//   npm test                 unit + integration + end-to-end
//   npm test -- --unit       unit tests only (no infrastructure)
//   npm test -- messaging    only test files whose path contains "messaging"
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureChromium } from './lib/chromium.mjs';
import { runForwardingSignals } from './lib/child-exit.mjs';
import { ensureDatabase } from './lib/database.mjs';
import { log, ProvisionError } from './lib/log.mjs';
import { build, ensureDependencies } from './lib/node-project.mjs';
import { projectRoot, runDir } from './lib/paths.mjs';
import { ensureRabbitMQ, startRabbitNode } from './lib/rabbitmq.mjs';
import { ProcessRegistry } from './lib/processes.mjs';
import { ensureRedis } from './lib/redis.mjs';

const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const filters = args.filter((a) => !a.startsWith('--'));
const TIERS = unitOnly ? ['.spec.js'] : ['.spec.js', '.int-spec.js', '.e2e-spec.js'];

const dir = runDir(`test-${process.pid}`);
let registry;

function findTests() {
  const found = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (TIERS.some((suffix) => entry.name.endsWith(suffix))) found.push(path);
    }
  };
  for (const top of ['apps', 'libs', 'test', 'tools']) {
    try {
      walk(join(projectRoot, 'dist', top));
    } catch {
      /* a tier folder may not exist yet */
    }
  }
  const tierOf = (f) =>
    TIERS.findIndex(
      (suffix) =>
        f.endsWith(suffix) && !TIERS.some((s) => s.length > suffix.length && f.endsWith(s)),
    );
  return found
    .filter(
      (f) => filters.length === 0 || filters.some((x) => relative(projectRoot, f).includes(x)),
    )
    .sort((a, b) => tierOf(a) - tierOf(b) || a.localeCompare(b));
}

async function main() {
  ensureDependencies();
  build();
  const env = { NODE_ENV: 'test', NO_COLOR: '1' };
  registry = new ProcessRegistry(dir);
  if (!unitOnly) {
    env.PORTICO_TEST_CHROMIUM = ensureChromium();
    // Our own nodes go on free ports so a stack left running (npm start) is never touched;
    // a broker or database already listening on the default port is shared, isolated by
    // per-test namespaces and database names.
    const broker = await ensureRabbitMQ(registry, { name: 'rabbitmq', port: 'free' });
    const database = await ensureDatabase(registry, {
      name: 'database',
      port: 'free',
      durable: false,
    });
    env.PORTICO_TEST_AMQP_URL = broker.url;
    // Our own node: tests may create broker users on it (least-privilege checks).
    if (broker.ctl) {
      env.PORTICO_TEST_BROKER_CTL = JSON.stringify({
        ctl: broker.ctl,
        node: broker.node,
        env: broker.env,
      });
    }
    env.PORTICO_TEST_MONGODB_URI = database.uri;
    // A node of its own for the test that restarts a broker mid-stream.
    try {
      const restartable = await startRabbitNode(registry, {
        name: 'rabbitmq-restartable',
        port: 'free',
      });
      env.PORTICO_TEST_RESTARTABLE_BROKER = JSON.stringify(restartable);
    } catch (error) {
      log.warn(
        `no broker node to restart, the broker-restart test will be skipped: ${error.message}`,
      );
    }
  }
  const files = findTests();
  if (files.length === 0) throw new ProvisionError(`no test files match ${filters.join(', ')}`);
  // The shared rate-limit store, for the tests that check limits hold across gateways.
  if (!unitOnly && files.some((f) => f.includes('rate-limit'))) {
    env.PORTICO_TEST_REDIS_URL = (await ensureRedis(registry)).url;
  }
  log.step(`running ${files.length} test files`);
  const code = await runForwardingSignals(
    process.execPath,
    ['--enable-source-maps', '--test', '--test-concurrency=1', '--test-timeout=300000', ...files],
    { cwd: projectRoot, env: { ...process.env, ...env } },
  );
  return code;
}

async function cleanup() {
  await registry?.stopAll();
  rmSync(dir, { recursive: true, force: true });
}

// Ctrl-C reaches the test runner too; we stay alive long enough to stop what we started.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  log.fail(error instanceof ProvisionError ? error.message : error.stack);
} finally {
  await cleanup();
}
process.exit(exitCode);
