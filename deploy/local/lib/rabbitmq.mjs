import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { aptInstall, commandExists } from './apt.mjs';
import { log } from './log.mjs';
import { freePort, isListening, waitForPort } from './ports.mjs';
import { projectRoot } from './paths.mjs';

const SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';
export const RABBITMQCTL = '/usr/lib/rabbitmq/bin/rabbitmqctl';
const DEFAULT_PORT = 5672;
const EPMD_PORT = 4369;

function ensureInstalled() {
  if (!existsSync(SERVER)) aptInstall(['rabbitmq-server'], 'RabbitMQ (rabbitmq-server)');
}

/**
 * Where the broker comes from, in docs/architecture.md's order: AMQP_URL → a broker already listening on
 * 127.0.0.1:5672 → a node of Debian's rabbitmq-server that we start (and later stop).
 * `port: 'free'` always means a node of our own on a free port (tests never take the default, nor
 * share a broker someone else started there).
 */
export async function ensureRabbitMQ(registry, { name, port = DEFAULT_PORT } = {}) {
  if (process.env.AMQP_URL) {
    log.ok(`RabbitMQ: using AMQP_URL`);
    return { url: process.env.AMQP_URL };
  }
  if (port !== 'free' && (await isListening(DEFAULT_PORT))) {
    log.ok(`RabbitMQ: using the broker already listening on 127.0.0.1:${DEFAULT_PORT}`);
    return { url: `amqp://guest:guest@127.0.0.1:${DEFAULT_PORT}` };
  }
  return startRabbitNode(registry, { name, port });
}

/** Starts a private node with its data under the registry's directory. */
export async function startRabbitNode(registry, { name, port = DEFAULT_PORT }) {
  ensureInstalled();
  const nodePort = port === 'free' ? await freePort() : port;
  const distPort = await freePort();
  const base = join(registry.dir, name);
  mkdirSync(base, { recursive: true });
  // No plugins: the management UI would take port 15672 and slow the start.
  writeFileSync(join(base, 'enabled_plugins'), '[].\n');
  await ensureEpmd(registry);
  // Node names are global on a machine (epmd): the run directory makes them unique per run.
  const node = `${name}-${basename(registry.dir)}@localhost`;
  const env = {
    RABBITMQ_NODENAME: node,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(nodePort),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_BASE: base,
    RABBITMQ_MNESIA_BASE: join(base, 'mnesia'),
    RABBITMQ_LOG_BASE: join(base, 'log'),
    RABBITMQ_PID_FILE: join(base, 'rabbitmq.pid'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(base, 'enabled_plugins'),
    RABBITMQ_CONFIG_FILE: join(base, 'rabbitmq'),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
    ERL_EPMD_ADDRESS: '127.0.0.1',
  };
  log.step(`RabbitMQ: starting node ${node} on 127.0.0.1:${nodePort}`);
  const child = registry.start(name, SERVER, [], { env, cwd: base });
  try {
    await waitForPort(nodePort, {
      timeoutMs: 90_000,
      isAlive: child.isAlive,
      name: 'rabbitmq-server',
    });
  } catch (error) {
    throw new Error(`${error.message}; see ${registry.logPath(name)} and ${join(base, 'log')}`, {
      cause: error,
    });
  }
  log.ok(`RabbitMQ: node ${node} listening on 127.0.0.1:${nodePort}`);
  return { url: `amqp://guest:guest@127.0.0.1:${nodePort}`, node, env, ctl: RABBITMQCTL };
}

/**
 * Erlang's port mapper daemonizes itself when a node starts it, escaping our process group.
 * Starting it ourselves in the foreground keeps it ours to stop.
 */
async function ensureEpmd(registry) {
  if (await isListening(EPMD_PORT)) return;
  if (!commandExists('epmd')) return; // the node will start its own
  const child = registry.start('epmd', 'epmd', ['-address', '127.0.0.1'], {});
  await waitForPort(EPMD_PORT, { timeoutMs: 10_000, isAlive: child.isAlive, name: 'epmd' });
}

/**
 * On a node we started: the gateway's, each service's and the console's own user with least rights (see
 * libs/messaging/src/broker-permissions.ts), and the env each app needs to use it. Events must
 * then carry a trusted `user_id` or the organization's publisher's. A broker we did not start
 * (AMQP_URL, one already on 5672) is the operator's: left as it is. Needs the build (dist/).
 */
export async function provisionBrokerUsers(broker, { namespace = '' } = {}) {
  if (!broker.ctl) return undefined;
  const { ensureServiceUsers, TRUSTED_PUBLISHER_USERS } = await import(
    join(projectRoot, 'dist/tools/broker-users/rabbitmqctl.js')
  );
  const users = ensureServiceUsers(
    { ctl: broker.ctl, node: broker.node, env: broker.env },
    namespace,
  );
  log.ok(
    `RabbitMQ: users ${Object.values(users)
      .map((u) => u.username)
      .join(', ')} with least rights`,
  );
  // The console publishes no event: its user is not among the trusted publishers.
  const trusted = TRUSTED_PUBLISHER_USERS.join(',');
  return Object.fromEntries(
    Object.entries(users).map(([app, { username, password }]) => [
      app,
      { AMQP_USERNAME: username, AMQP_PASSWORD: password, TRUSTED_EVENT_PUBLISHERS: trusted },
    ]),
  );
}

/** What `npm run broker-users` needs to manage this node. */
export function brokerUsersEnv(broker) {
  return broker.ctl ? { RABBITMQCTL: broker.ctl, RABBITMQ_NODENAME: broker.node } : {};
}
