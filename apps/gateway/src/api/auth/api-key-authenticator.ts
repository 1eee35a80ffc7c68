import { Injectable } from '@nestjs/common';
import { AuthenticateApiKey } from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { createHash } from 'node:crypto';
import { organizationTag } from '../../caching/cache-tags';

/**
 * API key → organization, through customer-service, cached per gateway instance so the hot path
 * (portal URLs) costs no extra round trip. An organization's change (key issued or revoked,
 * settings changed) drops its keys on every instance.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly organizationOfKey;

  constructor(
    private readonly rpc: ServiceClient,
    caches: ReplicaCaches,
  ) {
    this.organizationOfKey = caches.create<string>({
      ttlMs: 30_000,
      max: 10_000,
      tagsOf: (organizationId) => [organizationTag(organizationId)],
    });
  }

  /** The key's organization, and an id for the key that is not the key (its SHA-256). */
  async authenticate(apiKey: string): Promise<{ organizationId: string; keyId: string }> {
    const sha256 = createHash('sha256').update(apiKey).digest('hex');
    const organizationId = await this.organizationOfKey.getOrLoad(sha256, async () => {
      const { organization_id } = await this.rpc.call(AuthenticateApiKey, { key_sha256: sha256 });
      return organization_id;
    });
    return { organizationId, keyId: sha256 };
  }
}
