// Publishes one Portico event (a JSON file in the envelope format) to billing.events, the way any
// upstream billing system would: routing key = event type, persistent, with publisher confirms.
//   AMQP_URL=amqp://guest:guest@localhost:5672 node examples/publish-event.mjs examples/invoice-created.json
// Options through the environment: ORGANIZATION_ID overrides the file's organization_id;
// EXCHANGE overrides the exchange name (default billing.events).
// With a publisher user of its own (`npm run broker-users -- publisher <organization_id>`), the
// message carries `user_id` = that user: RabbitMQ checks it, Portico holds it to the organization.
import amqp from 'amqplib';
import { readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node examples/publish-event.mjs <event.json>');
  process.exit(2);
}
const event = JSON.parse(readFileSync(file, 'utf8'));
if (process.env.ORGANIZATION_ID) event.organization_id = process.env.ORGANIZATION_ID;
const exchange = process.env.EXCHANGE ?? 'billing.events';

const url = process.env.AMQP_URL ?? 'amqp://guest:guest@localhost:5672';
const userId = decodeURIComponent(new URL(url).username) || undefined;
const connection = await amqp.connect(url);
const channel = await connection.createConfirmChannel();
// Portico declares the exchange; a publisher user may write to it but not declare anything.
await channel.checkExchange(exchange);
channel.publish(exchange, event.type, Buffer.from(JSON.stringify(event)), {
  persistent: true,
  contentType: 'application/json',
  messageId: event.id,
  userId,
});
await channel.waitForConfirms();
await connection.close();
console.log(`published ${event.type} ${event.id} to ${exchange}`);
