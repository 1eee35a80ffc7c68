import { Inject, Injectable, Logger } from '@nestjs/common';
import { CustomerUsageUpdated, ListUsageSnapshots, type UsageSnapshot } from '@portico/contracts';
import { ReplicaCaches, ServiceClient, type ReplicaCache } from '@portico/messaging';
import { createHash } from 'node:crypto';
import { organizationTag } from '../../caching/cache-tags';
import { GatewayConfig } from '../../config/gateway.config';
import { EventIngestor } from '../../ingestion/event-ingestor';
import { LagoApiAccessSource } from './lago-api-access';
import { LagoCurrentUsage, type UsageReference } from './lago-current-usage';

/**
 * What the portal shows of a subscription's current usage:
 * - `live`: Lago's answer, at most LAGO_USAGE_CACHE_SECONDS old;
 * - `stored`: the last snapshot kept (Lago did not answer, or the organization gave no API key);
 * - `unavailable`: neither.
 * `lagoFailed`: Lago was asked and did not answer in time or well.
 */
export type CurrentUsage =
  | { state: 'live'; snapshot: UsageSnapshot; lagoFailed: false }
  | { state: 'stored'; snapshot: UsageSnapshot; lagoFailed: boolean }
  | { state: 'unavailable'; lagoFailed: boolean };

/** After Lago failed, how long the last snapshot is shown before Lago is asked again. */
const RETRY_AFTER_FAILURE_MS = 10_000;

/**
 * A customer's current usage per subscription, read from Lago's API when the portal shows it and
 * kept briefly per gateway instance. A Lago that is down or slow costs one bounded wait per
 * retry interval, not one per page: meanwhile the last snapshot (or "unavailable") is served.
 * Each live answer is published as a customer.usage_updated, so the invoice-service keeps the
 * period's latest for the chart and for the next time Lago is away.
 */
@Injectable()
export class LiveUsage {
  private readonly logger = new Logger(LiveUsage.name);
  private readonly live?: ReplicaCache<CurrentUsage>;
  private readonly fallback?: ReplicaCache<CurrentUsage>;
  private readonly loading = new Map<string, Promise<CurrentUsage>>();

  constructor(
    @Inject(GatewayConfig) config: GatewayConfig,
    caches: ReplicaCaches,
    private readonly access: LagoApiAccessSource,
    private readonly lago: LagoCurrentUsage,
    private readonly rpc: ServiceClient,
    private readonly ingestor: EventIngestor,
  ) {
    const cacheMs = config.lagoUsage.cacheMs;
    // 0 turns caching off (an LRU ttl of 0 would keep entries for ever).
    if (cacheMs > 0) {
      const options = {
        max: 20_000,
        tagsOf: (_usage: CurrentUsage, key: string) => tagsOfKey(key),
      };
      this.live = caches.create<CurrentUsage>({ ...options, ttlMs: cacheMs });
      this.fallback = caches.create<CurrentUsage>({
        ...options,
        ttlMs: Math.min(cacheMs, RETRY_AFTER_FAILURE_MS),
      });
    }
  }

  async current(reference: UsageReference): Promise<CurrentUsage> {
    const key = keyOf(reference);
    const cached = this.live?.get(key) ?? this.fallback?.get(key);
    if (cached) return cached;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(reference, key).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** The latest snapshot of each of the subscription's last periods, newest first. */
  async history(reference: UsageReference, periods: number): Promise<UsageSnapshot[]> {
    const answer = await this.rpc.call(ListUsageSnapshots, {
      organization_id: reference.organizationId,
      external_customer_id: reference.externalCustomerId,
      external_subscription_id: reference.externalSubscriptionId,
      periods,
    });
    return answer.snapshots;
  }

  private async load(reference: UsageReference, key: string): Promise<CurrentUsage> {
    const access = await this.access.accessFor(reference.organizationId);
    if (access) {
      try {
        const snapshot = await this.lago.read(access, reference);
        const usage: CurrentUsage = { state: 'live', snapshot, lagoFailed: false };
        this.live?.set(key, usage);
        void this.keep(reference.organizationId, snapshot);
        return usage;
      } catch (error) {
        this.logger.warn(`current usage of ${reference.externalSubscriptionId}: ${String(error)}`);
      }
    }
    const [latest] = await this.history(reference, 1);
    const usage: CurrentUsage = latest
      ? { state: 'stored', snapshot: latest, lagoFailed: access !== null }
      : { state: 'unavailable', lagoFailed: access !== null };
    this.fallback?.set(key, usage);
    return usage;
  }

  /** Never fails the page: a snapshot not kept only means one bar less in a later chart. */
  private async keep(organizationId: string, snapshot: UsageSnapshot): Promise<void> {
    const event = {
      id: `usage_${createHash('sha256')
        .update(
          [organizationId, snapshot.external_subscription_id, snapshot.computed_at].join('\u0000'),
        )
        .digest('base64url')
        .slice(0, 27)}`,
      type: CustomerUsageUpdated.type,
      organization_id: organizationId,
      occurred_at: snapshot.computed_at,
      data: snapshot,
    };
    try {
      const checked = this.ingestor.check(event);
      if (!checked.ok) throw new Error(checked.reason);
      await this.ingestor.publish([checked]);
    } catch (error) {
      this.logger.warn(`usage snapshot not kept: ${String(error)}`);
    }
  }
}

function keyOf(reference: UsageReference): string {
  return [
    reference.organizationId,
    reference.externalCustomerId,
    reference.externalSubscriptionId,
  ].join('\u0000');
}

/** An organization's change may be its Lago API key; a customer's change leaves usage as it is. */
function tagsOfKey(key: string): string[] {
  return [organizationTag(key.split('\u0000')[0]!)];
}
