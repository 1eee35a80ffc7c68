/** How one app uses the broker. Built from the app's validated config; every default lives there. */
export interface MessagingOptions {
  url: string;
  /** Prefix for every exchange and queue name; empty in production, unique per test run. */
  namespace: string;
  /** The app's name; a service's queues are named after it. */
  appName: string;
  prefetch: number;
  queueType: 'classic' | 'quorum';
  retryDelayMs: number;
  maxAttempts: number;
  rpcTimeoutMs: number;
  shutdownTimeoutMs: number;
  /** How long a publish may wait for the broker (reconnects included) before it fails. */
  publishTimeoutMs?: number;
  /**
   * Broker users that may publish events for any organization. Empty: events need no publisher
   * identity; a `publisher.<org>` user is still held to its organization.
   */
  trustedPublishers?: readonly string[];
  /** How long boot waits for the first connection before it fails with a clear error. */
  connectTimeoutMs?: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
