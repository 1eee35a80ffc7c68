import { Injectable } from '@nestjs/common';
import {
  AuthenticateApiKey,
  PorticoOrganizationChanged,
  type EventData,
  type EventEnvelope,
} from '@portico/contracts';
import { AmqpConnection, ServiceClient } from '@portico/messaging';
import { createHash } from 'node:crypto';
import { ExpiringCache } from '../../caching/expiring-cache';

const CACHE_TTL_MS = 30_000;
const CACHE_MAX_ENTRIES = 10_000;

/**
 * API key → organization, through customer-service, cached per gateway instance so the hot path
 * (portal URLs) costs no extra round trip. Every instance hears each organization's change events
 * (key issued or revoked, settings changed) and forgets that organization's keys at once; after a
 * reconnect (events may have been missed) it forgets everything.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly cache = new ExpiringCache<string>(CACHE_TTL_MS, CACHE_MAX_ENTRIES);

  constructor(
    private readonly rpc: ServiceClient,
    connection: AmqpConnection,
  ) {
    connection.on('connected', () => this.cache.clear());
  }

  /** The key's organization, and an id for the key that is not the key (its SHA-256). */
  async authenticate(apiKey: string): Promise<{ organizationId: string; keyId: string }> {
    const sha256 = createHash('sha256').update(apiKey).digest('hex');
    const cached = this.cache.get(sha256);
    if (cached) return { organizationId: cached, keyId: sha256 };
    const { organization_id } = await this.rpc.call(AuthenticateApiKey, { key_sha256: sha256 });
    this.cache.set(sha256, organization_id);
    return { organizationId: organization_id, keyId: sha256 };
  }

  forgetOrganization(organizationId: string): void {
    this.cache.deleteWhere((cached) => cached === organizationId);
  }

  async onOrganizationChanged(
    event: EventEnvelope<EventData<typeof PorticoOrganizationChanged>>,
  ): Promise<void> {
    this.forgetOrganization(event.data.id);
  }
}
