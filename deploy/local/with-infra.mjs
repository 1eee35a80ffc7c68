// Runs one command (a benchmark, a script) with a broker and a database provisioned around it:
//   node deploy/local/with-infra.mjs node dist/bench/messaging-throughput.js
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { ensureDatabase } from './lib/database.mjs';
import { log, ProvisionError } from './lib/log.mjs';
import { ensureDependencies } from './lib/node-project.mjs';
import { projectRoot, runDir } from './lib/paths.mjs';
import { ProcessRegistry } from './lib/processes.mjs';
import { ensureRabbitMQ } from './lib/rabbitmq.mjs';

const [command, ...args] = process.argv.slice(2);
const dir = runDir(`infra-${process.pid}`);
const registry = new ProcessRegistry(dir);
let code = 1;
try {
  ensureDependencies();
  const broker = await ensureRabbitMQ(registry, { name: 'rabbitmq', port: 'free' });
  const database = await ensureDatabase(registry, { name: 'database', port: 'free' });
  code = await new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: projectRoot,
      stdio: 'inherit',
      env: { ...process.env, AMQP_URL: broker.url, MONGODB_URI: database.uri },
    });
    child.on('exit', (c) => resolve(c ?? 1));
  });
} catch (error) {
  log.fail(error instanceof ProvisionError ? error.message : error.stack);
} finally {
  await registry.stopAll();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
