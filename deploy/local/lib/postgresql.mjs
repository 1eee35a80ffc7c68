import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { aptInstall } from './apt.mjs';
import { installIndexTwins } from './ferretdb-indexes.mjs';
import { log } from './log.mjs';
import { runPsql } from './psql.mjs';
import { freePort, waitForPort } from './ports.mjs';

const PG_ROOT = '/usr/lib/postgresql';
/**
 * FerretDB's connection pool (pgxpool) and the server's limit above it. FerretDB 1.24 keeps one
 * pooled connection per update of an `update` command open until the whole command is done and
 * takes one more to write: a command of N updates needs N + 1 connections at once, and commands
 * running together add up. With its default pool of 50, one bulk write of 51 updates (or two of
 * 30) waited on itself forever and every client with it. Portico sends at most 20 updates per
 * command from at most two writers per invoice-service (invoices.repository.ts); the pool
 * leaves room for several instances and the other services, and the server for psql on top.
 */
export const FERRETDB_POOL_MAX_CONNS = 200;
const MAX_CONNECTIONS = FERRETDB_POOL_MAX_CONNS + 20;

function binDir() {
  if (!existsSync(PG_ROOT) || readdirSync(PG_ROOT).length === 0) {
    aptInstall(['postgresql'], 'PostgreSQL (the storage behind FerretDB)');
  }
  const newest = readdirSync(PG_ROOT).sort((a, b) => Number(b) - Number(a))[0];
  return join(PG_ROOT, newest, 'bin');
}

/** PostgreSQL refuses to run as root: as root, every server command runs as the `postgres` user. */
function asServerUser(command, args) {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
}

/**
 * A private PostgreSQL cluster for FerretDB's PostgreSQL backend (the second choice in docs/architecture.md),
 * data under the registry's directory, on a free port, trust auth on 127.0.0.1 only.
 */
export async function startPostgres(registry, { name, durable = true }) {
  const bin = binDir();
  const dataDir = serverDataDir(registry, name);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
      chownSync(dataDir, uid, gid);
    }
    const [command, args] = asServerUser(join(bin, 'initdb'), [
      '-D',
      dataDir,
      '--auth=trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'], cwd: '/' });
  }
  const port = await freePort();
  const settings = [
    ...['-c', 'listen_addresses=127.0.0.1', '-k', dataDir, '-p', String(port)],
    ...['-c', `max_connections=${MAX_CONNECTIONS}`],
    // FerretDB prepares its statements with the field name as a parameter
    // (`_jsonb -> $1 @> $2`): only a plan made with the values can match an expression index.
    ...['-c', 'plan_cache_mode=force_custom_plan'],
  ];
  if (!durable)
    settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const [command, args] = asServerUser(join(bin, 'postgres'), ['-D', dataDir, ...settings]);
  log.step(`database: starting PostgreSQL on 127.0.0.1:${port} for FerretDB`);
  const child = registry.start(name, command, args, { cwd: '/' });
  await waitForPort(port, { timeoutMs: 60_000, isAlive: child.isAlive, name: 'postgres' });
  await createDatabase(port, 'ferretdb');
  installIndexTwins({ port, database: 'ferretdb' });
  return `postgres://postgres@127.0.0.1:${port}/ferretdb?pool_max_conns=${FERRETDB_POOL_MAX_CONNS}`;
}

/**
 * Where the cluster's files go. As root the server runs as `postgres`, which may not be able to
 * reach the project (a checkout under a 0700 directory such as `mktemp -d` or /root): its data
 * then lives under /var/tmp/portico-postgres, one directory per run directory, and directories
 * whose run directory is gone (a finished test run) are removed on the next start.
 */
function serverDataDir(registry, name) {
  if (process.getuid?.() !== 0) return join(registry.dir, name);
  const root = '/var/tmp/portico-postgres';
  mkdirSync(root, { recursive: true, mode: 0o755 });
  for (const entry of readdirSync(root)) {
    const owner = join(root, entry, '.portico-owner');
    if (existsSync(owner) && !existsSync(readFileSync(owner, 'utf8'))) {
      rmSync(join(root, entry), { recursive: true, force: true });
    }
  }
  const key = createHash('sha256')
    .update(`${registry.dir}\u0000${name}`)
    .digest('hex')
    .slice(0, 16);
  // The owner file sits beside the cluster, not in it: initdb wants an empty directory.
  const home = join(root, `${name}-${key}.d`);
  mkdirSync(home, { recursive: true, mode: 0o755 });
  writeFileSync(join(home, '.portico-owner'), registry.dir);
  return join(home, 'data');
}

/**
 * PostgreSQL listens before it accepts sessions ("the database system is starting up"), for
 * longer on a loaded machine: the first statement is retried until it is, for up to a minute.
 */
async function createDatabase(port, database) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      runPsql({ port }, ['-qc', `CREATE DATABASE ${database}`]);
      return;
    } catch (error) {
      const stderr = String(error.stderr);
      if (stderr.includes('already exists')) return;
      if (!stderr.includes('starting up') || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
