import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { aptInstall } from './apt.mjs';
import { log } from './log.mjs';
import { freePort, waitForPort } from './ports.mjs';

const SERVER = '/usr/bin/redis-server';

/**
 * The shared rate-limit store, only when asked for (RATE_LIMIT_STORE=redis): RATE_LIMIT_REDIS_URL
 * if set → a private redis-server from Debian's packages on a free port (Valkey is the same
 * protocol; Debian 12 ships Redis). Nothing is persisted: counts of a minute are not worth a file.
 */
export async function ensureRedis(registry, { name = 'redis' } = {}) {
  if (process.env.RATE_LIMIT_REDIS_URL) {
    log.ok('Redis: using RATE_LIMIT_REDIS_URL');
    return { url: process.env.RATE_LIMIT_REDIS_URL };
  }
  if (!existsSync(SERVER))
    aptInstall(['redis-server'], 'Redis (redis-server), the shared rate-limit store');
  const port = await freePort();
  const dir = join(registry.dir, name);
  mkdirSync(dir, { recursive: true });
  const child = registry.start(
    name,
    SERVER,
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { cwd: dir },
  );
  await waitForPort(port, { timeoutMs: 30_000, isAlive: child.isAlive, name: 'redis-server' });
  log.ok(`Redis: listening on 127.0.0.1:${port}`);
  return { url: `redis://127.0.0.1:${port}` };
}
