import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError, ErrorCode } from '@portico/contracts';
import type { FastifyRequest } from 'fastify';
import { EventIngestor, type CheckedEvent } from '../../ingestion/event-ingestor';
import { ApiEndpoint } from '../../http/openapi/api-endpoint';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { OrganizationId } from '../auth/organization-id.decorator';
import {
  MAX_EVENTS_PER_REQUEST,
  eventsRequestSchema,
  eventsResponseSchema,
  type EventResult,
  type EventsResponse,
} from './event-batch.schema';

/** For billing systems that cannot speak AMQP: the same events, the same contracts, over HTTP. */
@ApiTags('events')
@ApiBearerAuth('api-key')
@UseGuards(ApiKeyGuard)
@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly ingestor: EventIngestor) {}

  @Post()
  @HttpCode(200)
  @ApiEndpoint({
    summary: `Publish one event, or up to ${MAX_EVENTS_PER_REQUEST} as {"events": [...]}, to billing.events`,
    description:
      'For billing systems that cannot speak AMQP: each event is checked against the same ' +
      'contract as on the broker and gets its own result; the answer comes once the broker ' +
      'confirmed every accepted event (503 otherwise: send them again, nothing is stored twice). ' +
      'A single event that is rejected is a 422.',
    requestExample: {
      schema: eventsRequestSchema,
      value: {
        events: [
          {
            id: 'evt_0001',
            type: 'customer.updated',
            occurred_at: '2026-03-01T09:30:00Z',
            data: { external_id: 'cus_42', name: 'Jane Doe', updated_at: '2026-03-01T09:30:00Z' },
          },
        ],
      },
    },
    response: {
      description: 'Per-event results; accepted events are confirmed by the broker',
      schema: eventsResponseSchema,
      example: {
        events: [{ index: 0, id: 'evt_0001', type: 'customer.updated', status: 'accepted' }],
        meta: { accepted: 1, rejected: 0 },
      },
    },
    errors: [422],
  })
  async publish(
    @OrganizationId() organizationId: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ): Promise<EventsResponse> {
    const batch = isObject(body) && 'events' in body ? body.events : undefined;
    const inputs = batch === undefined ? [body] : batch;
    if (!Array.isArray(inputs) || inputs.length < 1 || inputs.length > MAX_EVENTS_PER_REQUEST) {
      throw new DomainError(ErrorCode.ValidationFailed, 'invalid request body', [
        { field: 'events', message: `must be an array of 1 to ${MAX_EVENTS_PER_REQUEST} events` },
      ]);
    }
    const checked = inputs.map((input) => this.check(input, organizationId));
    await this.ingestor.publish(
      checked.filter((c) => c.ok),
      request.id,
    );
    const results = checked.map((c, index): EventResult => ({
      index,
      ...(c.id !== undefined && { id: c.id }),
      ...(c.type !== undefined && { type: c.type }),
      status: c.ok ? 'accepted' : 'rejected',
      ...(!c.ok && { reason: c.reason }),
    }));
    if (batch !== undefined) {
      const accepted = results.filter((r) => r.status === 'accepted').length;
      return { events: results, meta: { accepted, rejected: results.length - accepted } };
    }
    const [result] = results as [EventResult];
    if (result.status === 'rejected') {
      throw new DomainError(ErrorCode.ValidationFailed, result.reason!);
    }
    return { event: result };
  }

  /** The organization is the API key's: an event naming another one is refused, not moved. */
  private check(input: unknown, organizationId: string): CheckedEvent {
    if (!isObject(input))
      return { ok: false, reason: 'invalid_envelope: (root): must be an object' };
    if (input.organization_id !== undefined && input.organization_id !== organizationId) {
      return {
        ok: false,
        ...(typeof input.id === 'string' && { id: input.id }),
        ...(typeof input.type === 'string' && { type: input.type }),
        reason: "invalid_envelope: organization_id: is not the API key's organization",
      };
    }
    return this.ingestor.check({ ...input, organization_id: organizationId });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
