import { Injectable } from '@nestjs/common';
import { ResolveConsoleSession, type ConsoleSessionView } from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { createHash } from 'node:crypto';
import { operatorTag, sessionTag } from './cache-tags';

/**
 * customer-service's answer to "whose session is this?", kept per console instance for a few
 * seconds so that each page view costs no round trip. customer-service announces every logout,
 * "log out everywhere", role change and removal (`portico.console_sessions.changed`) and this
 * instance's own logouts drop the entry directly, so a revoked session stops at once. The short
 * expiry bounds what an idle timeout may overrun and keeps the idle clock ticking: customer-service
 * moves a session's last activity on a resolve at most once a minute, and an operator who keeps
 * working resolves at least every `ttlMs`. Keys are SHA-256 of the cookie, never the cookie.
 */
@Injectable()
export class ConsoleSessionCache {
  static readonly TTL_MS = 20_000;
  private readonly sessions;

  constructor(
    private readonly rpc: ServiceClient,
    caches: ReplicaCaches,
  ) {
    this.sessions = caches.create<ConsoleSessionView>({
      ttlMs: ConsoleSessionCache.TTL_MS,
      max: 10_000,
      tagsOf: (session) => [
        sessionTag(session.id),
        operatorTag(session.operator.organization_id, session.operator.id),
      ],
    });
  }

  async resolve(token: string, now = Date.now()): Promise<ConsoleSessionView> {
    const key = keyOf(token);
    const cached = this.sessions.get(key);
    // Past its absolute end, customer-service closes it and answers that it has ended.
    if (cached && Date.parse(cached.expires_at) > now) return cached;
    if (cached) this.sessions.invalidate(sessionTag(cached.id));
    return this.sessions.getOrLoad(
      key,
      async () => (await this.rpc.call(ResolveConsoleSession, { token })).session,
    );
  }

  /** This instance closed the session: never serve it again. */
  forgetSession(sessionId: string): void {
    this.sessions.invalidate(sessionTag(sessionId));
  }

  /** This instance closed the operator's sessions, or changed its role, or removed it. */
  forgetOperator(organizationId: string, operatorId: string): void {
    this.sessions.invalidate(operatorTag(organizationId, operatorId));
  }
}

const keyOf = (token: string) => createHash('sha256').update(token).digest('base64url');
