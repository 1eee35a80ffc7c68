import {
  describeDetails,
  detailsFromZod,
  eventEnvelopeSchema,
  type EventContract,
  type EventEnvelope,
} from '@portico/contracts';
import { parseValidEvent } from './event-schema';

export type ParsedEvent =
  | { ok: true; contract: EventContract; event: EventEnvelope<unknown> }
  | { ok: false; reason: string };

/**
 * Everything that can be wrong with a message before any handler runs. Each failure is permanent
 * (redelivering the same bytes cannot fix them), so the caller dead-letters it with this reason.
 */
export function parseEvent(
  body: Buffer,
  contracts: ReadonlyMap<string, EventContract>,
  routingKey?: string,
): ParsedEvent {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `invalid_json: ${(error as Error).message}` };
  }
  const named = contracts.get((json as { type?: unknown } | null)?.type as string);
  if (named && (routingKey === undefined || routingKey === named.type)) {
    const event = parseValidEvent(json, named);
    if (event) return { ok: true, contract: named, event };
  }
  // Something is wrong: each step in turn, to name what.
  const envelope = eventEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    return {
      ok: false,
      reason: `invalid_envelope: ${describeDetails(detailsFromZod(envelope.error))}`,
    };
  }
  // Bindings route by key and handlers dispatch by `type`: when they disagree, which one the
  // publisher meant is unknowable, so neither is applied.
  if (routingKey !== undefined && routingKey !== envelope.data.type) {
    return {
      ok: false,
      reason: `type_mismatch: routing key "${routingKey}" but type "${envelope.data.type}"`,
    };
  }
  const contract = contracts.get(envelope.data.type);
  if (!contract) {
    return { ok: false, reason: `unhandled_type: no handler for "${envelope.data.type}"` };
  }
  const data = contract.schema.safeParse(envelope.data.data);
  if (!data.success) {
    return {
      ok: false,
      reason: `invalid_payload: ${describeDetails(detailsFromZod(data.error, 'data'))}`,
    };
  }
  return { ok: true, contract, event: { ...envelope.data, data: data.data } };
}
