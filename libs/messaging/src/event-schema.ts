import {
  eventEnvelopeSchema,
  unstorableValues,
  type EventContract,
  type EventEnvelope,
} from '@portico/contracts';
import { z } from 'zod';

const whole = new WeakMap<EventContract, z.ZodType>();

/**
 * One pass for the common case: a valid event of a known contract. The envelope's own check of
 * `data` (a record, storable) and then the contract's parse of it walk the payload twice and
 * copy it twice; the envelope with the contract's schema in place of `data`, plus the storable
 * walk, accept exactly the same events in one copy. Undefined when anything is wrong: the caller
 * then takes the step-by-step path, which names the reason.
 */
export function parseValidEvent(
  json: unknown,
  contract: EventContract,
): EventEnvelope<unknown> | undefined {
  const data = (json as { data?: unknown } | null)?.data;
  // What the envelope's `z.record` demands of `data`: a plain object.
  if (typeof data !== 'object' || data === null) return undefined;
  const prototype: unknown = Object.getPrototypeOf(data);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  if (unstorableValues(data).length > 0) return undefined;
  const parsed = schemaOf(contract).safeParse(json);
  return parsed.success ? (parsed.data as EventEnvelope<unknown>) : undefined;
}

function schemaOf(contract: EventContract): z.ZodType {
  let schema = whole.get(contract);
  if (!schema) {
    schema = z.object({ ...eventEnvelopeSchema.shape, data: contract.schema });
    whole.set(contract, schema);
  }
  return schema;
}
