import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  PorticoTest,
  type EventEnvelope,
  type WebhookDeliveryView,
} from '@portico/contracts';
import { createHash } from 'node:crypto';
import { CustomerServiceConfig } from '../config/customer-service.config';
import { newId } from '../common/new-id';
import {
  WebhookDeliveriesRepository,
  type WebhookDeliveryRecord,
} from './webhook-deliveries.repository';
import { WebhookDeliveryQueue } from './webhook-delivery.queue';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import type { WebhookEndpointRecord } from './webhook-endpoints.repository';
import { toDeliveryView } from './webhook-views';
import {
  LAGO_TARGET,
  LagoWriteBack,
  lagoCustomerUpdate,
  writesBackToLago,
} from './lago-write-back';

/** Pruning one endpoint's log at most this often per instance: it is a query, not free. */
const PRUNE_INTERVAL_MS = 60_000;

/** Turns outbound events into deliveries, and answers the delivery log. */
@Injectable()
export class WebhookDeliveriesService {
  private readonly lastPruned = new Map<string, number>();

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsService,
    private readonly queue: WebhookDeliveryQueue,
    private readonly lago: LagoWriteBack,
    @Inject(CustomerServiceConfig) private readonly config: CustomerServiceConfig,
  ) {}

  /**
   * One delivery per enabled endpoint subscribed to the event's type. Safe to run twice for the
   * same event (the broker redelivers): the delivery id derives from event and endpoint, so the
   * second run finds the deliveries it would create.
   */
  async fanOut(event: EventEnvelope): Promise<void> {
    const subscribed = (await this.endpoints.enabledFor(event.organization_id)).filter(
      (e) => e.event_types === null || e.event_types.includes(event.type),
    );
    for (const endpoint of subscribed) {
      await this.create(endpoint._id, event, deliveryIdFor(event.id, endpoint._id));
      await this.maybePrune(endpoint);
    }
    // A portal edit is also written to the organization's Lago, when it gave Portico its key.
    if (writesBackToLago(event) && (await this.lago.enabledFor(event.organization_id))) {
      await this.create(
        LAGO_TARGET,
        event,
        deliveryIdFor(event.id, LAGO_TARGET),
        JSON.stringify(lagoCustomerUpdate(event.data as Parameters<typeof lagoCustomerUpdate>[0])),
      );
    }
  }

  async sendTest(organizationId: string, endpointId: string): Promise<WebhookDeliveryView> {
    const endpoint = await this.endpoints.require(organizationId, endpointId);
    if (!endpoint.enabled) throw disabled(endpointId);
    const now = new Date().toISOString();
    const event: EventEnvelope = {
      id: newId('evt'),
      type: PorticoTest.type,
      organization_id: organizationId,
      occurred_at: now,
      data: PorticoTest.schema.parse({
        endpoint_id: endpointId,
        message: 'A test delivery from Portico: if you can read this, your endpoint works.',
        sent_at: now,
      }),
    };
    const record = await this.create(endpoint._id, event, deliveryIdFor(event.id, endpoint._id));
    return toDeliveryView(record, []);
  }

  async redeliver(
    organizationId: string,
    endpointId: string,
    deliveryId: string,
  ): Promise<WebhookDeliveryView> {
    const endpoint =
      endpointId === LAGO_TARGET ? null : await this.endpoints.require(organizationId, endpointId);
    const current = await this.deliveries.find(organizationId, deliveryId);
    if (!current || current.endpoint_id !== endpointId) {
      throw new DomainError(ErrorCode.NotFound, `no delivery "${deliveryId}" for this endpoint`);
    }
    if (endpoint && !endpoint.enabled) throw disabled(endpointId);
    // A new generation: attempts still queued from the old schedule find it and stand down.
    const generation = current.generation + 1;
    const updated = await this.deliveries.update(organizationId, deliveryId, {
      status: 'pending',
      generation,
      last_error: null,
      delivered_at: null,
      next_attempt_at: new Date(),
    });
    if (!updated) throw new DomainError(ErrorCode.NotFound, `no delivery "${deliveryId}"`);
    await this.queue.enqueue({
      organization_id: organizationId,
      endpoint_id: endpointId,
      delivery_id: deliveryId,
      generation,
    });
    const attempts = await this.deliveries.attemptsOf(organizationId, [deliveryId]);
    return toDeliveryView(updated, attempts);
  }

  async list(
    organizationId: string,
    endpointId: string,
    limit: number,
  ): Promise<WebhookDeliveryView[]> {
    // The Lago write-back has a log of its own and no endpoint record.
    if (endpointId !== LAGO_TARGET) await this.endpoints.require(organizationId, endpointId);
    const records = await this.deliveries.listForEndpoint(organizationId, endpointId, limit);
    const attempts = await this.deliveries.attemptsOf(
      organizationId,
      records.map((r) => r._id),
    );
    return records.map((r) =>
      toDeliveryView(
        r,
        attempts.filter((a) => a.delivery_id === r._id),
      ),
    );
  }

  private async create(
    endpointId: string,
    event: EventEnvelope,
    id: string,
    // The Standard Webhooks payload shape; serialized once so every attempt signs these bytes.
    body = JSON.stringify({ type: event.type, timestamp: event.occurred_at, data: event.data }),
  ): Promise<WebhookDeliveryRecord> {
    const now = new Date();
    const { record, created } = await this.deliveries.insertIfAbsent({
      _id: id,
      organization_id: event.organization_id,
      endpoint_id: endpointId,
      event_id: event.id,
      event_type: event.type,
      body,
      status: 'pending',
      generation: 0,
      attempt_count: 0,
      last_error: null,
      next_attempt_at: now,
      delivered_at: null,
      created_at: now,
    });
    // Queued again only if no attempt happened yet (the previous run may have died before queuing).
    if (created || (record.status === 'pending' && record.attempt_count === 0)) {
      await this.queue.enqueue({
        organization_id: record.organization_id,
        endpoint_id: record.endpoint_id,
        delivery_id: record._id,
        generation: record.generation,
      });
    }
    return record;
  }

  private async maybePrune(endpoint: WebhookEndpointRecord): Promise<void> {
    const last = this.lastPruned.get(endpoint._id) ?? 0;
    if (Date.now() - last < PRUNE_INTERVAL_MS) return;
    this.lastPruned.set(endpoint._id, Date.now());
    await this.deliveries.prune(
      endpoint.organization_id,
      endpoint._id,
      this.config.webhooks.logSize,
    );
  }
}

/** Stable per (event, endpoint): the `webhook-id` a receiver deduplicates by. */
export function deliveryIdFor(eventId: string, endpointId: string): string {
  const digest = createHash('sha256').update(`${eventId}\n${endpointId}`).digest('base64url');
  return `msg_${digest.slice(0, 27)}`;
}

function disabled(endpointId: string): DomainError {
  return new DomainError(
    ErrorCode.Conflict,
    `webhook endpoint "${endpointId}" is disabled; enable it first (PUT {"enabled": true})`,
  );
}
