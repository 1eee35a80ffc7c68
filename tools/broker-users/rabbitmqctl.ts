import {
  appPermissions,
  publisherPermissions,
  publisherUsername,
  rabbitmqctlCommands,
  SERVICE_USERS,
  TRUSTED_PUBLISHER_USERS,
  type BrokerPermissions,
  type PorticoApp,
} from '@portico/messaging';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** How to reach a node with rabbitmqctl: the binary, the node name, and the node's environment. */
export interface RabbitmqctlTarget {
  ctl: string;
  node?: string;
  env?: Record<string, string>;
}

export interface BrokerCredential {
  username: string;
  password: string;
}

/** Undefined env = the child inherits ours; merging needs it as an object. */
function inheritedEnv(): NodeJS.ProcessEnv {
  // eslint-disable-next-line no-restricted-syntax -- passed through to a child, not configuration
  return process.env;
}

function run(target: RabbitmqctlTarget, args: string[], input?: string): string {
  const nodeArgs = target.node ? ['-n', target.node] : [];
  return execFileSync(target.ctl, [...nodeArgs, ...args], {
    // The node's own variables on top of ours (rabbitmqctl needs PATH and HOME for its cookie).
    env: target.env ? { ...inheritedEnv(), ...target.env } : undefined,
    input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Creates the user (or gives an existing one a new password) and sets its permissions. */
export function ensureBrokerUser(
  target: RabbitmqctlTarget,
  username: string,
  permissions: BrokerPermissions,
  namespace = '',
): BrokerCredential {
  const password = randomBytes(24).toString('base64url');
  for (const { args, stdin } of rabbitmqctlCommands(username, permissions, namespace)) {
    try {
      run(target, args, stdin === 'password' ? `${password}\n` : undefined);
    } catch (error) {
      const output = `${(error as { stderr?: string }).stderr ?? ''}`;
      if (args[0] !== 'add_user' || !/already exists/i.test(output)) throw error;
      run(target, ['change_password', username], `${password}\n`);
    }
  }
  return { username, password };
}

/** Whom TRUSTED_EVENT_PUBLISHERS lists (for deploy/local, which loads this file). */
export { TRUSTED_PUBLISHER_USERS };

/** The gateway's, each service's and the console's own user, for the namespace the apps run in. */
export function ensureServiceUsers(
  target: RabbitmqctlTarget,
  namespace = '',
): Record<PorticoApp, BrokerCredential> {
  const apps = Object.keys(SERVICE_USERS) as PorticoApp[];
  return Object.fromEntries(
    apps.map((app) => [
      app,
      ensureBrokerUser(target, SERVICE_USERS[app], appPermissions(app, namespace), namespace),
    ]),
  ) as Record<PorticoApp, BrokerCredential>;
}

/** An upstream publisher that may publish the public events of one organization only. */
export function ensurePublisherUser(
  target: RabbitmqctlTarget,
  organizationId: string,
  namespace = '',
): BrokerCredential {
  return ensureBrokerUser(
    target,
    publisherUsername(organizationId),
    publisherPermissions(namespace),
    namespace,
  );
}
