import type { ConsumeMessage } from 'amqplib';

/**
 * Broker users that publish for one organization only are named `publisher.<organization id>`.
 * RabbitMQ checks a message's `user_id` property against the user of the connection that
 * published it (a publisher cannot claim another user's name), so `user_id` tells us which
 * organization a publisher may speak for.
 */
export const PUBLISHER_USER_PREFIX = 'publisher.';

export function publisherUsername(organizationId: string): string {
  return `${PUBLISHER_USER_PREFIX}${organizationId}`;
}

/** Who may put events for which organization onto `billing.events`. */
export interface PublisherPolicy {
  /** The events exchange: only what arrives through it is checked (retries were checked before). */
  exchange: string;
  /**
   * Broker users that may publish for any organization (the gateway, the services). Empty: no
   * identity is required, only a per-organization publisher is held to its organization.
   */
  trusted: ReadonlySet<string>;
}

/**
 * Why this event may not be taken from this publisher, or undefined when it may. The reason is
 * what the dead-letter queue keeps.
 */
export function publisherRefusal(
  message: ConsumeMessage,
  organizationId: string,
  policy: PublisherPolicy,
): string | undefined {
  // Our own retry queue hands messages back through the default exchange, without `user_id`
  // (we cannot republish under the original publisher's name); they were checked on arrival.
  // The broker sets `exchange` on delivery: a publisher cannot fake it.
  if (message.fields.exchange !== policy.exchange) return undefined;
  const userId = message.properties.userId as string | undefined;
  if (userId?.startsWith(PUBLISHER_USER_PREFIX)) {
    const allowed = userId.slice(PUBLISHER_USER_PREFIX.length);
    return allowed === organizationId
      ? undefined
      : `publisher_not_authorized: broker user "${userId}" may not publish events for organization "${organizationId}"`;
  }
  if (policy.trusted.size === 0 || (userId !== undefined && policy.trusted.has(userId))) {
    return undefined;
  }
  return `publisher_not_authorized: ${userId === undefined ? 'no user_id property' : `broker user "${userId}"`}; events must carry user_id ${publisherUsername(organizationId)} or a trusted publisher's`;
}

/** The broker user of an AMQP URL (what RabbitMQ will accept as this connection's `user_id`). */
export function brokerUserOf(url: string): string | undefined {
  try {
    const username = decodeURIComponent(new URL(url).username);
    return username || undefined;
  } catch {
    return undefined;
  }
}
