import { Controller, HttpCode, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainError, ErrorCode } from '@portico/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LRUCache } from 'lru-cache';
import { GatewayConfig } from '../../config/gateway.config';
import { isCredentialRefusal } from '../../http/rate-limits/credential-refusal';
import { RateLimiter } from '../../http/rate-limits/rate-limiter';
import { EventIngestor } from '../../ingestion/event-ingestor';
import { ApiErrors, ApiZodResponse } from '../../http/openapi/zod-openapi';
import { parseJsonBody } from '../../http/requests/parse-json-body';
import { RAW_BODY } from '../../http/requests/raw-json-body';
import { ZodValidationPipe } from '../../http/validation/zod-validation.pipe';
import { mapLagoWebhook } from './lago-payload.mapper';
import { lagoDeliveryHeaders, verifyLagoSignature } from './lago-signature';
import { LagoWebhookKeySource } from './lago-webhook-keys';

/** Deliveries this instance saw confirmed recently: a retry of one is answered without work. */
const CONFIRMED_TTL_MS = 10 * 60_000;
const CONFIRMED_MAX_ENTRIES = 100_000;
/**
 * What every signature failure answers, whatever went wrong (unknown organization, no key, bad
 * signature, missing header): a caller learns nothing about which organizations exist or how
 * they are configured. The precise reason goes to the log.
 */
export const WEBHOOK_SIGNATURE_REFUSED = 'the webhook signature could not be verified';

const webhookResponse = z.object({
  status: z.enum(['accepted', 'duplicate', 'ignored']),
  event_ids: z.array(z.string()).optional(),
  webhook_type: z.string().optional(),
});
type WebhookResponse = z.output<typeof webhookResponse>;

/** Lago → Portico: point a Lago webhook endpoint at `/webhooks/lago/<organization id>`. */
@ApiTags('webhooks')
@Controller('webhooks/lago')
export class LagoWebhookController {
  private readonly logger = new Logger(LagoWebhookController.name);
  private readonly confirmed = new LRUCache<string, true>({
    ttl: CONFIRMED_TTL_MS,
    max: CONFIRMED_MAX_ENTRIES,
  });
  /**
   * Bodies already accepted, by digest: X-Lago-Unique-Key is not covered by the signature, so a
   * captured delivery re-sent with a new key is still a replay. Lago's JWTs carry no `exp`, so the
   * same window guards them.
   */
  private readonly seenBodies: LRUCache<string, true>;

  constructor(
    private readonly keys: LagoWebhookKeySource,
    private readonly ingestor: EventIngestor,
    private readonly limiter: RateLimiter,
    @Inject(GatewayConfig) config: GatewayConfig,
  ) {
    this.seenBodies = new LRUCache<string, true>({
      ttl: config.webhookReplayWindowMs,
      max: CONFIRMED_MAX_ENTRIES,
    });
  }

  @Post(':organization_id')
  @HttpCode(200)
  @RouteConfig({ [RAW_BODY]: true })
  @ApiOperation({
    summary: "Receive a Lago webhook (verified with the organization's HMAC key or RSA public key)",
  })
  @ApiParam({ name: 'organization_id' })
  @ApiHeader({ name: 'X-Lago-Signature', required: true })
  @ApiHeader({ name: 'X-Lago-Signature-Algorithm', required: true, enum: ['hmac', 'jwt'] })
  @ApiHeader({ name: 'X-Lago-Unique-Key', required: true })
  @ApiZodResponse(200, 'Published and confirmed by the broker, or ignored', webhookResponse)
  @ApiErrors(400, 401, 413, 422, 503)
  async receive(
    @Param('organization_id', new ZodValidationPipe(z.string().min(1).max(63), 'organization id'))
    organizationId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookResponse> {
    await this.limiter.refuseIfBlocked(request, reply);
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const delivery = await this.verified(organizationId, body, request);
    await this.limiter.consume('webhooks', organizationId, request, reply);

    const deliveryKey = `${organizationId}\u0000${delivery.uniqueKey}`;
    const bodyKey = `${organizationId}\u0000${createHash('sha256').update(body).digest('base64url')}`;
    if (this.confirmed.get(deliveryKey) || this.seenBodies.get(bodyKey)) {
      return { status: 'duplicate' };
    }
    const mapping = mapLagoWebhook(parseJsonBody(body), organizationId, delivery.uniqueKey);
    if (mapping.status === 'ignored') {
      return { status: 'ignored', webhook_type: mapping.webhookType };
    }
    const checked = mapping.events.map((event) => this.ingestor.check(event));
    const accepted = checked.filter((c) => c.ok);
    const rejected = checked.filter((c) => !c.ok);
    if (rejected.length > 0) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        'the Lago payload does not make a valid Portico event',
        rejected.map((r) => ({ field: r.type ?? 'event', message: r.reason })),
      );
    }
    await this.ingestor.publish(accepted, request.id);
    this.confirmed.set(deliveryKey, true);
    this.seenBodies.set(bodyKey, true);
    return { status: 'accepted', event_ids: accepted.map((e) => e.id) };
  }

  private async verified(organizationId: string, body: Buffer, request: FastifyRequest) {
    try {
      const delivery = lagoDeliveryHeaders(request.headers);
      verifyLagoSignature(body, delivery, await this.keys.keysFor(organizationId));
      return delivery;
    } catch (error) {
      if (!isCredentialRefusal(error)) throw error;
      await this.limiter.countFailure(request);
      this.logger.warn(
        `refused a Lago delivery for ${organizationId}: ${(error as Error).message}`,
      );
      throw new DomainError(ErrorCode.WebhookSignatureInvalid, WEBHOOK_SIGNATURE_REFUSED);
    }
  }
}
