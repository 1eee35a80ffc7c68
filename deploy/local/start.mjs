// `npm start`: install, provision, build, and run the whole stack in the foreground.
// `npm run start:dev` (--watch): the same, then tsc rebuilds on every change and each service
// restarts when its compiled code changes (node --watch).
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { provisionInfrastructure } from './lib/infrastructure.mjs';
import { log, ProvisionError } from './lib/log.mjs';
import { build, ensureDependencies } from './lib/node-project.mjs';
import { projectRoot, runDir } from './lib/paths.mjs';
import { isListening } from './lib/ports.mjs';
import { isRunning, ProcessRegistry } from './lib/processes.mjs';
import { brokerUsersEnv, provisionBrokerUsers } from './lib/rabbitmq.mjs';
import { ensureRedis } from './lib/redis.mjs';
import { runOnSupportedNode } from './lib/node-runtime.mjs';

// Node 24 or newer, provisioned into the cache when the system's is older (docs/architecture.md).
await runOnSupportedNode();

const SERVICES = ['customer-service', 'invoice-service', 'gateway', 'console'];
const watch = process.argv.includes('--watch');
const dir = runDir('stack');
const supervisorFile = join(dir, 'supervisor.pid');
const port = Number(process.env.PORT || 3000);
const publicUrl = process.env.PUBLIC_URL || `http://localhost:${port}`;
const demoHostPort = Number(process.env.DEMO_HOST_PORT || 4000);
const demoHostUrl = `http://localhost:${demoHostPort}`;
const consolePort = Number(process.env.CONSOLE_PORT || 4100);
const consoleUrl = process.env.CONSOLE_PUBLIC_URL || `http://localhost:${consolePort}`;

let registry;
let stopping = false;

async function main() {
  if (existsSync(supervisorFile) && isRunning(Number(readFileSync(supervisorFile, 'utf8')))) {
    throw new ProvisionError('Portico is already running from this checkout; `npm stop` stops it.');
  }
  registry = new ProcessRegistry(dir);
  await registry.stopAll(); // leftovers of a start that was killed without cleaning up
  writeFileSync(supervisorFile, String(process.pid));
  if (await isListening(port)) {
    throw new ProvisionError(
      `port ${port} is already in use; set PORT to run the gateway elsewhere`,
    );
  }
  if (await isListening(consolePort)) {
    throw new ProvisionError(
      `port ${consolePort} is already in use; set CONSOLE_PORT to run the console elsewhere`,
    );
  }

  ensureDependencies();
  const { broker, database, chromium } = await provisionInfrastructure(registry);
  build();
  const brokerUsers = await provisionBrokerUsers(broker);
  // One rate-limit count for every gateway, only when asked for: per instance otherwise.
  const rateLimitStore =
    process.env.RATE_LIMIT_STORE === 'redis'
      ? { RATE_LIMIT_STORE: 'redis', RATE_LIMIT_REDIS_URL: (await ensureRedis(registry)).url }
      : {};

  const env = {
    NODE_ENV: process.env.NODE_ENV || 'development',
    AMQP_URL: broker.url,
    MONGODB_URI: database.uri,
    CHROMIUM_PATH: chromium,
    PORT: String(port),
    HOST: process.env.HOST || '127.0.0.1',
    PUBLIC_URL: publicUrl,
    CONSOLE_PUBLIC_URL: consoleUrl,
    ...rateLimitStore,
  };
  // The console is an edge app of its own: its own port; its portal links point at the gateway.
  const consoleEnv = { ...env, PORT: String(consolePort), PORTAL_PUBLIC_URL: publicUrl };
  if (watch) startCompilerWatch();
  const children = SERVICES.map((name) =>
    startService(
      name,
      [...(watch ? ['--watch'] : []), '--enable-source-maps', `dist/apps/${name}/src/main.js`],
      { ...(name === 'console' ? consoleEnv : env), ...brokerUsers?.[name] },
    ),
  );
  for (const child of children) {
    void child.exited.then(({ code, signal }) => {
      if (stopping) return;
      log.fail(`${child.serviceName} exited (${signal ?? `code ${code}`}); stopping everything`);
      void shutdown(1);
    });
  }
  await waitUntilReady();
  const demo = seedDemo(env);
  const demoHost = demo && (await startDemoHost(demo));
  console.log(`
  Portico is running
    Gateway     ${publicUrl}
    Console     ${consoleUrl}
    Readiness   ${publicUrl}/health/ready
    Logs        ${join(dir, 'logs')}
${
  demo
    ? `
  Demo (organization "${demo.organizationId}", seeded with customers ${demo.customers.join(', ')})
    Host app    ${demoHost ?? `not started: port ${demoHostPort} is in use (set DEMO_HOST_PORT)`}
    API key     ${demo.apiKey}
    Portal URL  ${demo.portalUrl}
${
  demo.console
    ? `    Console     ${consoleUrl}/login
      email     ${demo.console.email}
      password  ${demo.console.password ?? `unknown: set by an earlier run whose ${join(dir, 'demo-console-password')} is gone`}
`
    : ''
}`
    : ''
}${
    brokerUsers
      ? `
  Upstream publishers get their own broker user (docs/events.md):
    ${Object.entries(brokerUsersEnv(broker))
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')} AMQP_URL=${broker.url} npm run broker-users -- publisher <organization_id>
`
      : ''
  }
  Ctrl-C here, or \`npm stop\` in another terminal, stops everything this command started.
`);
}

function startService(name, args, env, command = process.execPath) {
  const child = registry.start(name, command, args, {
    env,
    cwd: projectRoot,
    output: 'pipe',
  });
  child.serviceName = name;
  const file = createWriteStream(registry.logPath(name), { flags: 'a' });
  const prefix = `[${name}]`.padEnd(19);
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      file.write(chunk);
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) process.stdout.write(`${prefix} ${line}\n`);
    });
  }
  return child;
}

/** tsc and tsc-alias in watch mode: each change is compiled into dist/, which node --watch follows. */
function startCompilerWatch() {
  const bin = (name) => join(projectRoot, 'node_modules', '.bin', name);
  for (const [name, command] of [
    ['tsc-watch', [bin('tsc'), '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput']],
    ['tsc-alias-watch', [bin('tsc-alias'), '-p', 'tsconfig.build.json', '--watch']],
  ]) {
    const child = startService(name, command.slice(1), {}, command[0]);
    void child.exited.then(({ code, signal }) => {
      if (!stopping) log.warn(`${name} exited (${signal ?? `code ${code}`}); no more rebuilds`);
    });
  }
}

/** Idempotent: the same organization, customers and events every time (tools/demo/). */
function seedDemo(env) {
  log.step('seeding the demo organization, customers and invoices');
  let output;
  try {
    output = execFileSync(process.execPath, ['dist/tools/seed-demo.cli.js'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        ...env,
        PORTICO_URL: `http://127.0.0.1:${port}`,
        DEMO_HOST_ORIGIN: `${demoHostUrl},http://127.0.0.1:${demoHostPort}`,
        DEMO_API_KEY_FILE: join(dir, 'demo-api-key'),
        DEMO_CONSOLE_PASSWORD_FILE: join(dir, 'demo-console-password'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch {
    // The stack itself is fine: say so and keep it running without the demo.
    log.warn('the demo data could not be seeded (see above); Portico runs without the demo');
    return undefined;
  }
  const demo = JSON.parse(output.toString().trim().split('\n').at(-1));
  log.ok(`demo data seeded (${demo.customers.length} customers)`);
  return demo;
}

/** The operator's product stand-in (examples/demo-host), on another origin than the portal. */
async function startDemoHost(demo) {
  if (await isListening(demoHostPort)) {
    log.warn(`port ${demoHostPort} is in use: the demo host app is not started`);
    return undefined;
  }
  const child = startService('demo-host', ['examples/demo-host/server.mjs'], {
    PORTICO_URL: `http://127.0.0.1:${port}`,
    PORTICO_API_KEY: demo.apiKey,
    DEMO_HOST_PORT: String(demoHostPort),
  });
  void child.exited.then(({ code, signal }) => {
    if (!stopping)
      log.warn(`demo-host exited (${signal ?? `code ${code}`}); Portico keeps running`);
  });
  return demoHostUrl;
}

async function waitUntilReady() {
  const deadline = Date.now() + 90_000;
  let last = '';
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      const consoleReady = await fetch(`http://127.0.0.1:${consolePort}/health/ready`);
      if (response.ok && consoleReady.ok) return;
      last = response.ok
        ? `console: ${consoleReady.status}`
        : `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error.message;
    }
    await sleep(500);
  }
  if (!stopping)
    throw new ProvisionError(`the stack did not become ready within 90 s (last answer: ${last})`);
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log.step('stopping everything started by npm start');
  await registry?.stopAll();
  rmSync(supervisorFile, { force: true });
  log.ok('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error) => {
  log.fail(error instanceof ProvisionError ? error.message : error.stack);
  await shutdown(1);
});
