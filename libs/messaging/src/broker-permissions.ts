import { PUBLIC_EVENTS } from '@portico/contracts';
import { eventsExchangeName, serviceQueueNames, unroutableNames } from './topology';

/**
 * The least each broker user needs, as RabbitMQ permission regexps on one vhost. The one source
 * for local provisioning (rabbitmqctl), the publisher CLI, deploy/k8s and the tests.
 *
 * - Every app declares the events exchange with its alternate exchange and the queue behind it
 *   (RabbitMQ asks for write on the alternate exchange to declare one that names it).
 * - A service declares the events exchange and its own queues, consumes them, publishes events
 *   and, through the default exchange, its retries, dead letters and RPC replies.
 * - The gateway declares the exchange, publishes events (HTTP ingress, Lago bridge), calls the
 *   services' RPC queues through the default exchange and hears instance events on a
 *   server-named queue.
 * - The console does what the gateway does except publish: no write on `billing.events` (it
 *   reaches the services by RPC only and hears their announcements on a server-named queue).
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
  console: 'portico-console',
} as const;

export type PorticoApp = keyof typeof SERVICE_USERS;

/** The users whose events every service accepts (`TRUSTED_EVENT_PUBLISHERS`); not the console. */
export const TRUSTED_PUBLISHER_USERS: readonly string[] = [
  SERVICE_USERS.gateway,
  SERVICE_USERS['customer-service'],
  SERVICE_USERS['invoice-service'],
];

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (...patterns: string[]) => `^(${patterns.join('|')})$`;

/** Server-named queues (exclusive instance subscribers) and direct reply-to. */
const SERVER_NAMED = 'amq\\.gen-.*';
const DEFAULT_EXCHANGE = 'amq\\.default';
const REPLY_TO = 'amq\\.rabbitmq\\.reply-to.*';

export function appPermissions(app: PorticoApp, namespace = ''): BrokerPermissions {
  const unroutable = unroutableNames(namespace);
  const events = [eventsExchangeName(namespace), unroutable.exchange, unroutable.queue].map(escape);
  if (app === 'gateway') {
    return {
      configure: anyOf(...events, SERVER_NAMED),
      write: anyOf(...events, SERVER_NAMED, DEFAULT_EXCHANGE),
      read: anyOf(...events, SERVER_NAMED, REPLY_TO),
    };
  }
  if (app === 'console') {
    // Declaring billing.events with its alternate exchange and binding the unroutable queue
    // needs write on those two; billing.events itself is only read (bound to), never written.
    const [exchange, ...alternate] = events;
    return {
      configure: anyOf(...events, SERVER_NAMED),
      write: anyOf(...alternate, SERVER_NAMED, DEFAULT_EXCHANGE),
      read: anyOf(exchange!, ...alternate, SERVER_NAMED, REPLY_TO),
    };
  }
  const own = `${escape(serviceQueueNames(namespace, app).events.replace(/\.events$/, ''))}\\..*`;
  return {
    configure: anyOf(...events, own, SERVER_NAMED),
    write: anyOf(...events, own, SERVER_NAMED, DEFAULT_EXCHANGE),
    read: anyOf(...events, own, SERVER_NAMED, REPLY_TO),
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
