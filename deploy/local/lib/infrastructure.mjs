import { ensureChromium } from './chromium.mjs';
import { ensureDatabase } from './database.mjs';
import { ensureRabbitMQ } from './rabbitmq.mjs';

/** Broker, database and browser, each from the first source that works (see docs/architecture.md). */
export async function provisionInfrastructure(registry, { port } = {}) {
  const chromium = ensureChromium();
  const broker = await ensureRabbitMQ(registry, { name: 'rabbitmq', port });
  const database = await ensureDatabase(registry, { name: 'database', port });
  return { broker, database, chromium };
}
