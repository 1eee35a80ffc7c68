import { Logger } from '@nestjs/common';
import type { Channel } from 'amqplib';

/**
 * Every exchange and queue name, in one place. `namespace` isolates test runs (and stacks that
 * share a broker) without touching the public contract: in production it is empty, so the
 * ingress exchange is exactly `billing.events`.
 */
export function eventsExchangeName(namespace: string): string {
  return `${namespace}billing.events`;
}

/**
 * The alternate exchange of `billing.events` and its queue: a message no queue is bound to (a
 * routing key no service handles, a typo) lands there instead of being confirmed and dropped.
 * Everything in the queue has the same reason, which `npm run dlq -- --service unroutable` shows.
 */
export function unroutableNames(namespace: string): { exchange: string; queue: string } {
  return {
    exchange: `${namespace}billing.unroutable`,
    queue: `${namespace}billing.unroutable.dead-letter`,
  };
}

export function unroutableReason(routingKey: string): string {
  return `unroutable: no queue is bound to routing key "${routingKey}"`;
}

export interface ServiceQueueNames {
  /** Durable queue bound to the event types the service handles. */
  events: string;
  /** Where a failed message waits out its retry delay, then dead-letters back to `events`. */
  retry: string;
  /** Messages that cannot be handled, each with the reason in its headers. */
  deadLetter: string;
  /** Requests from the gateway; deleted with its last consumer so a stopped service fails fast. */
  rpc: string;
}

export function serviceQueueNames(namespace: string, service: string): ServiceQueueNames {
  const base = `${namespace}${service}`;
  return {
    events: `${base}.events`,
    retry: `${base}.events.retry`,
    deadLetter: `${base}.events.dead-letter`,
    rpc: `${base}.rpc`,
  };
}

/**
 * Declares `billing.events` with its alternate exchange. Exchange arguments cannot change once
 * declared: a broker holding `billing.events` from a version without the alternate exchange
 * refuses the declaration (PRECONDITION_FAILED, which closes the channel). With `openProbe`,
 * the declaration is tried on a throwaway channel first and, if refused, the exchange is used
 * as it is, with a warning saying how to add the alternate exchange by policy.
 */
export async function declareEventsExchange(
  channel: Channel,
  namespace: string,
  openProbe?: () => Promise<Channel>,
): Promise<string> {
  const name = eventsExchangeName(namespace);
  const unroutable = unroutableNames(namespace);
  await channel.assertExchange(unroutable.exchange, 'fanout', { durable: true });
  await channel.assertQueue(unroutable.queue, { durable: true });
  await channel.bindQueue(unroutable.queue, unroutable.exchange, '');
  const options = { durable: true, alternateExchange: unroutable.exchange };
  if (!openProbe) {
    await channel.assertExchange(name, 'topic', options);
    return name;
  }
  const probe = await openProbe();
  probe.on('error', () => undefined);
  try {
    await probe.assertExchange(name, 'topic', options);
    await probe.close().catch(() => undefined);
  } catch (error) {
    new Logger('Topology').warn(
      `${name} exists without the alternate exchange (${(error as Error).message}); unroutable ` +
        `messages are dropped until it is added: rabbitmqctl set_policy portico-unroutable ` +
        `'^${name.replace(/\./g, '\\.')}$' '{"alternate-exchange":"${unroutable.exchange}"}' --apply-to exchanges`,
    );
    await channel.checkExchange(name);
  }
  return name;
}

export async function declareServiceEventQueues(
  channel: Channel,
  names: ServiceQueueNames,
  exchange: string,
  routingKeys: string[],
  queueType: 'classic' | 'quorum',
): Promise<void> {
  const typeArgs = { 'x-queue-type': queueType };
  await channel.assertQueue(names.events, { durable: true, arguments: typeArgs });
  await channel.assertQueue(names.deadLetter, { durable: true, arguments: typeArgs });
  // Per-message expiration (set when a message is parked here) rather than x-message-ttl, so
  // changing the retry delay in config never conflicts with an already-declared queue.
  await channel.assertQueue(names.retry, {
    durable: true,
    arguments: {
      ...typeArgs,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': names.events,
    },
  });
  for (const key of routingKeys) await channel.bindQueue(names.events, exchange, key);
}

export async function declareRpcQueue(channel: Channel, name: string): Promise<void> {
  await channel.assertQueue(name, { durable: false, autoDelete: true });
}
