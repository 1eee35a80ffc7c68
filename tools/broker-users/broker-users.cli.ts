// `npm run broker-users -- <command>`: RabbitMQ users with the least rights each needs.
//   publisher <organization_id>   create (or re-key) the organization's upstream publisher and
//                                 print its credentials: it may publish that organization's
//                                 public events to billing.events and nothing else
//   services                      create (or re-key) the gateway's and the services' users
//   print publisher <org_id> | print services
//                                 print the rabbitmqctl commands instead of running them
// Runs rabbitmqctl (RABBITMQCTL, RABBITMQ_NODENAME) on the broker's host or container; reads
// AMQP_URL (for the host to print) and AMQP_NAMESPACE like the apps.
import {
  appPermissions,
  publisherPermissions,
  publisherUsername,
  rabbitmqctlCommands,
  SERVICE_USERS,
  type PorticoApp,
} from '@portico/messaging';
import { loadBrokerUsersConfig } from './config/broker-users.config';
import { ensurePublisherUser, ensureServiceUsers } from './rabbitmqctl';

const USAGE =
  'usage: npm run broker-users -- publisher <organization_id> | services | print publisher <organization_id> | print services';

function main(argv: string[]): number {
  const config = loadBrokerUsersConfig();
  const target = { ctl: config.ctl, node: config.node };
  const [command, ...rest] = argv;
  if (command === 'publisher' && rest[0]) {
    const { username, password } = ensurePublisherUser(target, rest[0], config.namespace);
    const url = new URL(config.amqpUrl);
    url.username = encodeURIComponent(username);
    url.password = encodeURIComponent(password);
    console.log(
      JSON.stringify({ username, password, amqp_url: url.toString(), user_id: username }, null, 2),
    );
    return 0;
  }
  if (command === 'services') {
    const users = ensureServiceUsers(target, config.namespace);
    console.log(JSON.stringify(users, null, 2));
    return 0;
  }
  if (command === 'print' && (rest[0] === 'services' || (rest[0] === 'publisher' && rest[1]))) {
    const users: [string, ReturnType<typeof publisherPermissions>][] =
      rest[0] === 'publisher'
        ? [[publisherUsername(rest[1]!), publisherPermissions(config.namespace)]]
        : (Object.keys(SERVICE_USERS) as PorticoApp[]).map((app) => [
            SERVICE_USERS[app],
            appPermissions(app, config.namespace),
          ]);
    for (const [username, permissions] of users) {
      for (const { args, stdin } of rabbitmqctlCommands(username, permissions, config.namespace)) {
        const quoted = args.map((a) => (/^[\w./-]+$/.test(a) ? a : `'${a}'`)).join(' ');
        console.log(`${stdin ? 'echo "$PASSWORD" | ' : ''}rabbitmqctl ${quoted}`);
      }
    }
    return 0;
  }
  console.error(USAGE);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
