// `npm test`: install, provision a broker, a database and Chromium, build, and run every test.
//   npm test                 unit + integration + end-to-end
//   npm test -- --unit       unit tests only (no infrastructure)
//   npm test -- messaging    only test files whose path contains "messaging"
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './lib/chromium.mjs';
import { runForwardingSignals } from './lib/child-exit.mjs';
import { ensureDatabase } from './lib/database.mjs';
import { log, ProvisionError } from './lib/log.mjs';
import { build, ensureDependencies } from './lib/node-project.mjs';
import { projectRoot, runDir } from './lib/paths.mjs';
import { ensureRabbitMQ, startRabbitNode } from './lib/rabbitmq.mjs';
import { ProcessRegistry } from './lib/processes.mjs';
import { ensureRedis } from './lib/redis.mjs';
import { runOnSupportedNode } from './lib/node-runtime.mjs';

// Node 24 or newer, provisioned into the cache when the system's is older (docs/architecture.md).
await runOnSupportedNode();

const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
// Any other flag goes to jest as it is (`npm run test:unit -- --watch`).
const jestFlags = args.filter((a) => a.startsWith('--') && a !== '--unit');
const filters = args.filter((a) => !a.startsWith('--'));
// Path filters are plain text ("metrics.e2e" means that text), jest's patterns regular expressions.
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const RATE_LIMIT_TEST = 'test/security/rate-limits.e2e-spec.ts';

const dir = runDir(`test-${process.pid}`);
let registry;

async function main() {
  ensureDependencies();
  const env = { NODE_ENV: 'test', NO_COLOR: '1' };
  registry = new ProcessRegistry(dir);
  if (unitOnly) {
    // Unit tests run from source (@swc/jest): no build, no infrastructure.
    env.PORTICO_TEST_TIER = 'unit';
  } else {
    // The e2e tier spawns the apps, the CLIs and the test consumers from dist/.
    build();
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
  // The shared rate-limit store, for the test that checks limits hold across gateways.
  const runsRateLimitTest =
    filters.length === 0 || filters.some((f) => RATE_LIMIT_TEST.includes(f));
  if (!unitOnly && runsRateLimitTest) {
    env.PORTICO_TEST_REDIS_URL = (await ensureRedis(registry)).url;
  }
  log.step(`running the ${unitOnly ? 'unit' : 'unit, integration and end-to-end'} tests (jest)`);
  // With the integration and e2e tiers, one file at a time: they share a broker and a database,
  // and spawn apps on a small machine. The unit tier shares nothing, so its files run on every
  // core (jest's default leaves one idle). --ci: a snapshot is never written silently.
  const scheduling = unitOnly ? [`--maxWorkers=${availableParallelism()}`] : ['--runInBand'];
  return runForwardingSignals(
    process.execPath,
    [
      '--enable-source-maps',
      // NestJS 12 ships ES modules that our CommonJS code require()s: jest follows Node's
      // require(esm) only on Node ≥ 24.9 with vm modules on.
      '--experimental-vm-modules',
      '--disable-warning=ExperimentalWarning',
      join(projectRoot, 'node_modules', 'jest', 'bin', 'jest.js'),
      ...scheduling,
      ...(jestFlags.includes('--watch') || jestFlags.includes('--watchAll') ? [] : ['--ci']),
      ...jestFlags,
      ...filters.map(escapeRegExp),
    ],
    { cwd: projectRoot, env: { ...process.env, ...env } },
  );
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
