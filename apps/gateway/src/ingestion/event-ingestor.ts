import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, PUBLIC_EVENTS, type EventContract } from '@portico/contracts';
import { EventPublisher, parseEvent } from '@portico/messaging';

/** One event checked for publishing: the exact bytes that will go to the broker, or why not. */
export type CheckedEvent =
  | { ok: true; id: string; type: string; body: Buffer }
  | { ok: false; id?: string; type?: string; reason: string };

const CONTRACTS: ReadonlyMap<string, EventContract> = new Map(
  PUBLIC_EVENTS.map((contract) => [contract.type, contract]),
);

/**
 * The HTTP ingresses' way onto `billing.events` (the Lago bridge and `POST /api/v1/events`).
 * Events are checked by the very function the consuming services run on each delivery, against
 * the public contracts, so what is accepted here is never dead-lettered for its shape there.
 */
@Injectable()
export class EventIngestor {
  constructor(private readonly publisher: EventPublisher) {}

  check(event: unknown): CheckedEvent {
    const body = Buffer.from(JSON.stringify(event));
    const parsed = parseEvent(body, CONTRACTS);
    if (!parsed.ok) {
      const { id, type } = (event ?? {}) as { id?: unknown; type?: unknown };
      return {
        ok: false,
        ...(typeof id === 'string' && { id }),
        ...(typeof type === 'string' && { type }),
        reason: parsed.reason,
      };
    }
    return { ok: true, id: parsed.event.id, type: parsed.event.type, body };
  }

  /**
   * Resolves once the broker confirmed every event. Anything less is a 503, so that the sender
   * retries: never a 2xx for an event the broker may not hold.
   */
  async publish(
    events: readonly Extract<CheckedEvent, { ok: true }>[],
    correlationId?: string,
  ): Promise<void> {
    try {
      await Promise.all(
        events.map((e) => this.publisher.publishRaw(e.type, e.body, e.id, correlationId)),
      );
    } catch (error) {
      throw new DomainError(
        ErrorCode.ServiceUnavailable,
        `the message broker did not confirm the event: ${(error as Error).message}`,
      );
    }
  }
}
