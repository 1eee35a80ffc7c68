import { PUBLIC_EVENTS } from '@portico/contracts';
import { eventsExchangeName, serviceQueueNames } from './topology';

/**
 * The least each broker user needs, as RabbitMQ permission regexps on one vhost. The one source
 * for local provisioning (rabbitmqctl), the publisher CLI, deploy/k8s and the tests.
 *
 * - A service declares the events exchange and its own queues, consumes them, publishes events
 *   and, through the default exchange, its retries, dead letters and RPC replies.
 * - The gateway declares the exchange, publishes events (HTTP ingress, Lago bridge), calls the
 *   services' RPC queues through the default exchange and hears instance events on a
 *   server-named queue.
 * - An upstream publisher may only write to `billing.events`, and only the public event types
 *   (a topic permission): no RPC (the default exchange is refused), no queue of its own, no
 *   `portico.*` internal announcement.
 */
export interface BrokerPermissions {
  configure: string;
  write: string;
  read: string;
  /** A topic permission on the events exchange: which routing keys it may publish. */
  topicWrite?: string;
}

export const SERVICE_USERS = {
  gateway: 'portico-gateway',
  'customer-service': 'portico-customer-service',
  'invoice-service': 'portico-invoice-service',
} as const;

export type PorticoApp = keyof typeof SERVICE_USERS;

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (...patterns: string[]) => `^(${patterns.join('|')})$`;

/** Server-named queues (exclusive instance subscribers) and direct reply-to. */
const SERVER_NAMED = 'amq\\.gen-.*';
const DEFAULT_EXCHANGE = 'amq\\.default';
const REPLY_TO = 'amq\\.rabbitmq\\.reply-to.*';

export function appPermissions(app: PorticoApp, namespace = ''): BrokerPermissions {
  const exchange = escape(eventsExchangeName(namespace));
  if (app === 'gateway') {
    return {
      configure: anyOf(exchange, SERVER_NAMED),
      write: anyOf(exchange, SERVER_NAMED, DEFAULT_EXCHANGE),
      read: anyOf(exchange, SERVER_NAMED, REPLY_TO),
    };
  }
  const own = `${escape(serviceQueueNames(namespace, app).events.replace(/\.events$/, ''))}\\..*`;
  return {
    configure: anyOf(exchange, own, SERVER_NAMED),
    write: anyOf(exchange, own, SERVER_NAMED, DEFAULT_EXCHANGE),
    read: anyOf(exchange, own, SERVER_NAMED, REPLY_TO),
  };
}

/** An upstream system publishing for one organization. */
export function publisherPermissions(namespace = ''): BrokerPermissions {
  return {
    configure: '^$',
    write: `^${escape(eventsExchangeName(namespace))}$`,
    read: '^$',
    topicWrite: anyOf(...PUBLIC_EVENTS.map((contract) => escape(contract.type))),
  };
}

/**
 * The rabbitmqctl argument lists that create a user with these permissions. The password goes in
 * on standard input (`add_user` reads it there when the argument is absent), so it never shows
 * in a process list.
 */
export function rabbitmqctlCommands(
  username: string,
  permissions: BrokerPermissions,
  namespace = '',
  vhost = '/',
): { args: string[]; stdin?: 'password' }[] {
  const commands: { args: string[]; stdin?: 'password' }[] = [
    { args: ['add_user', username], stdin: 'password' },
    {
      args: [
        'set_permissions',
        '-p',
        vhost,
        username,
        permissions.configure,
        permissions.write,
        permissions.read,
      ],
    },
  ];
  if (permissions.topicWrite) {
    commands.push({
      args: [
        'set_topic_permissions',
        '-p',
        vhost,
        username,
        eventsExchangeName(namespace),
        permissions.topicWrite,
        '^$',
      ],
    });
  }
  return commands;
}
