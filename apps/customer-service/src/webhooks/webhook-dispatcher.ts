import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { WebhookEndpointDisabled } from '@portico/contracts';
import { EventPublisher } from '@portico/messaging';
import { OutboundGuard, OutboundRefusedError, OutboundRequestError } from '@portico/outbound';
import { CustomerServiceConfig } from '../config/customer-service.config';
import { newId } from '../common/new-id';
import { retryDelay } from './retry-schedule';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import {
  WebhookDeliveryQueue,
  type AttemptOutcome,
  type DeliveryJob,
} from './webhook-delivery.queue';
import {
  WebhookEndpointsRepository,
  type WebhookEndpointRecord,
} from './webhook-endpoints.repository';
import { signDelivery } from './webhook-signer';
import { LAGO_TARGET, LagoWriteBack } from './lago-write-back';
import { signingSecrets } from './webhook-views';

/** What the log keeps of an answer; the guard reads a little more, to tell "truncated". */
const EXCERPT_CHARS = 500;
const MAX_RESPONSE_BYTES = 4_096;

/**
 * Makes one attempt of one delivery and decides what follows: done, retry after a delay, or give
 * up. A receiver's failure is never an exception here (it is logged and scheduled); only our own
 * dependencies failing throw, and the queue then puts the attempt back untouched.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleInit {
  private readonly logger = new Logger(WebhookDispatcher.name);

  constructor(
    private readonly queue: WebhookDeliveryQueue,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly guard: OutboundGuard,
    private readonly publisher: EventPublisher,
    private readonly lago: LagoWriteBack,
    @Inject(CustomerServiceConfig) private readonly config: CustomerServiceConfig,
  ) {}

  onModuleInit(): void {
    this.queue.consumeWith((job, attempt) => this.attempt(job, attempt));
  }

  async attempt(job: DeliveryJob, attempt: number): Promise<AttemptOutcome> {
    const org = job.organization_id;
    const [delivery, endpoint] = await Promise.all([
      this.deliveries.find(org, job.delivery_id),
      this.endpoints.find(org, job.endpoint_id),
    ]);
    // Pruned, superseded by a redelivery, or already settled (a duplicate message): nothing to do.
    if (!delivery || delivery.generation !== job.generation || delivery.status !== 'pending') {
      return { kind: 'done' };
    }
    if (delivery.endpoint_id === LAGO_TARGET) return this.attemptLago(job, attempt, delivery);
    if (!endpoint || endpoint._id !== delivery.endpoint_id || !endpoint.enabled) {
      const why = endpoint?.enabled === false ? 'endpoint disabled' : 'endpoint deleted';
      await this.settle(job, { status: 'failed', last_error: why });
      return { kind: 'done' };
    }

    const at = new Date();
    const headers = signDelivery(signingSecrets(endpoint, at), delivery._id, at, delivery.body);
    const result = await this.post(endpoint.url, headers, delivery.body);
    const logged = this.deliveries.addAttempt({
      _id: newId('att'),
      organization_id: org,
      delivery_id: delivery._id,
      at,
      status_code: result.status,
      latency_ms: result.latencyMs,
      response_excerpt: result.excerpt,
      error: result.error,
    });
    const attemptCount = delivery.attempt_count + 1;

    if (!result.error) {
      // Independent writes, at once: an attempt's bookkeeping is most of its cost.
      await Promise.all([
        logged,
        this.settle(job, {
          status: 'delivered',
          delivered_at: new Date(),
          attempt_count: attemptCount,
          last_error: null,
        }),
        // A healthy endpoint costs no write per delivery.
        endpoint.failing_since && this.endpoints.markHealthy(org, endpoint._id),
      ]);
      return { kind: 'done' };
    }

    await Promise.all([logged, this.endpoints.markFailing(org, endpoint._id, at, result.error)]);
    const failingSince = endpoint.failing_since ?? at;
    if (at.getTime() - failingSince.getTime() >= this.config.webhooks.disableAfterMs) {
      await this.disable(endpoint, failingSince, at, result.error);
      await this.settle(job, {
        status: 'failed',
        attempt_count: attemptCount,
        last_error: `${result.error}; endpoint disabled after failing since ${failingSince.toISOString()}`,
      });
      return { kind: 'done' };
    }

    const delayMs = retryDelay(
      this.config.webhooks.retryScheduleMs,
      attempt,
      this.config.webhooks.retryJitter,
    );
    if (delayMs === null) {
      await this.settle(job, {
        status: 'failed',
        attempt_count: attemptCount,
        last_error: result.error,
      });
      return { kind: 'dead', reason: `gave up after ${attempt} attempts: ${result.error}` };
    }
    await this.settle(job, {
      attempt_count: attemptCount,
      last_error: result.error,
      next_attempt_at: new Date(Date.now() + delayMs),
    });
    return { kind: 'retry', delayMs };
  }

  /** A write-back to the organization's Lago: logged and retried as a webhook delivery is. */
  private async attemptLago(
    job: DeliveryJob,
    attempt: number,
    delivery: NonNullable<Awaited<ReturnType<WebhookDeliveriesRepository['find']>>>,
  ): Promise<AttemptOutcome> {
    const at = new Date();
    const result = await this.lago.send(job.organization_id, delivery.body);
    const logged = this.deliveries.addAttempt({
      _id: newId('att'),
      organization_id: job.organization_id,
      delivery_id: delivery._id,
      at,
      status_code: result.status,
      latency_ms: result.latencyMs,
      response_excerpt: result.excerpt,
      error: result.error,
    });
    const attemptCount = delivery.attempt_count + 1;
    if (!result.error) {
      await Promise.all([
        logged,
        this.settle(job, {
          status: 'delivered',
          delivered_at: new Date(),
          attempt_count: attemptCount,
          last_error: null,
        }),
      ]);
      return { kind: 'done' };
    }
    await logged;
    const delayMs = result.retryable
      ? retryDelay(this.config.webhooks.retryScheduleMs, attempt, this.config.webhooks.retryJitter)
      : null;
    if (delayMs === null) {
      // Lago refused the values, or the schedule is spent: a person has to look (the log says why).
      await this.settle(job, {
        status: 'failed',
        attempt_count: attemptCount,
        last_error: result.error,
      });
      return result.retryable
        ? { kind: 'dead', reason: `gave up after ${attempt} attempts: ${result.error}` }
        : { kind: 'done' };
    }
    await this.settle(job, {
      attempt_count: attemptCount,
      last_error: result.error,
      next_attempt_at: new Date(Date.now() + delayMs),
    });
    return { kind: 'retry', delayMs };
  }

  private async settle(
    job: DeliveryJob,
    changes: Parameters<WebhookDeliveriesRepository['update']>[2],
  ): Promise<void> {
    const final = changes.status === 'delivered' || changes.status === 'failed';
    await this.deliveries.update(
      job.organization_id,
      job.delivery_id,
      { ...changes, ...(final && { next_attempt_at: null }) },
      job.generation,
    );
  }

  private async post(url: string, headers: Record<string, string>, body: string) {
    try {
      const response = await this.guard.request(url, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'user-agent': 'Portico-Webhooks/1',
        },
        body,
        timeoutMs: this.config.webhooks.timeoutMs,
        maxResponseBytes: MAX_RESPONSE_BYTES,
      });
      const ok = response.status >= 200 && response.status < 300;
      return {
        status: response.status as number | null,
        latencyMs: response.latencyMs,
        excerpt: response.body.toString('utf8').slice(0, EXCERPT_CHARS) || null,
        error: ok ? null : `HTTP ${response.status}`,
      };
    } catch (error) {
      if (!(error instanceof OutboundRefusedError || error instanceof OutboundRequestError)) {
        throw error;
      }
      return { status: null, latencyMs: 0, excerpt: null, error: error.message.slice(0, 1_000) };
    }
  }

  private async disable(
    endpoint: WebhookEndpointRecord,
    failingSince: Date,
    at: Date,
    lastError: string,
  ): Promise<void> {
    const disabledNow = await this.endpoints.disableFailing(
      endpoint.organization_id,
      endpoint._id,
      at,
    );
    if (!disabledNow) return;
    this.logger.warn(
      `endpoint ${endpoint._id} disabled: failing since ${failingSince.toISOString()}`,
    );
    // The operator hears it: on billing.events, and as a webhook to its other endpoints.
    await this.publisher.publish(WebhookEndpointDisabled, {
      id: newId('evt'),
      organization_id: endpoint.organization_id,
      occurred_at: at.toISOString(),
      data: {
        endpoint_id: endpoint._id,
        url: endpoint.url,
        failing_since: failingSince.toISOString(),
        disabled_at: at.toISOString(),
        last_error: lastError,
      },
    });
  }
}
