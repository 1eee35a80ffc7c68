import type { INestApplicationContext } from '@nestjs/common';
import { AmqpConnection } from '@portico/messaging';
import { DatabaseHealth } from '@portico/persistence';
import { startOpsServer } from './ops-server';

/** Starts a service's ops listener when configured (port 0 = off); ready = broker and database up. */
export async function serveServiceOps(
  app: INestApplicationContext,
  ops: { port: number; host: string },
): Promise<void> {
  if (ops.port === 0) return;
  const connection = app.get(AmqpConnection);
  const database = app.get(DatabaseHealth);
  await startOpsServer({
    ...ops,
    ready: async () => connection.isConnected && (await database.check()).status === 'up',
  });
}
