// Runs one command (a benchmark, a script) with a broker and a database provisioned around it:
//   node deploy/local/with-infra.mjs node dist/bench/messaging-throughput.js
import { rmSync } from 'node:fs';
import { runForwardingSignals } from './lib/child-exit.mjs';
import { ensureDatabase } from './lib/database.mjs';
import { log, ProvisionError } from './lib/log.mjs';
import { ensureDependencies } from './lib/node-project.mjs';
import { projectRoot, runDir } from './lib/paths.mjs';
import { ProcessRegistry } from './lib/processes.mjs';
import { ensureRabbitMQ } from './lib/rabbitmq.mjs';
import { runOnSupportedNode } from './lib/node-runtime.mjs';

// Node 24 or newer, provisioned into the cache when the system's is older (DESIGN.md).
await runOnSupportedNode();

const [command, ...args] = process.argv.slice(2);
// Signals reach the command; we stay alive long enough to stop what we started.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);
const dir = runDir(`infra-${process.pid}`);
const registry = new ProcessRegistry(dir);
let code = 1;
try {
  ensureDependencies();
  const broker = await ensureRabbitMQ(registry, { name: 'rabbitmq', port: 'free' });
  const database = await ensureDatabase(registry, { name: 'database', port: 'free' });
  code = await runForwardingSignals(command, args, {
    cwd: projectRoot,
    env: { ...process.env, AMQP_URL: broker.url, MONGODB_URI: database.uri },
  });
} catch (error) {
  log.fail(error instanceof ProvisionError ? error.message : error.stack);
} finally {
  await registry.stopAll();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
