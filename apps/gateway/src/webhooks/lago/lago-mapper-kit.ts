// What every Lago domain mapper uses; apart from the list of mappers so that no mapper imports
// the file that imports it.
import {
  DomainError,
  ErrorCode,
  detailsFromZod,
  type EventContract,
  type EventEnvelope,
} from '@portico/contracts';
import type { z } from 'zod';

/** Builds one Portico envelope for the delivery being mapped (its id derives from the delivery). */
export type LagoEnvelopeOf = (
  contract: EventContract,
  suffix: string,
  data: Record<string, unknown>,
) => EventEnvelope;

/**
 * The mapping of one Lago domain's webhooks (credit notes, subscriptions, wallets…), each in a
 * file of its own and listed in `LAGO_DOMAIN_MAPPERS`. `map` gets the whole webhook body.
 */
export interface LagoDomainMapper {
  readonly webhookTypes: readonly string[];
  map(root: Record<string, unknown>, envelopeOf: LagoEnvelopeOf): EventEnvelope[];
}

/** A payload part, validated; what is missing is named by its path in a 422. */
export function parseLagoPart<S extends z.ZodType>(
  schema: S,
  value: unknown,
  path: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new DomainError(
    ErrorCode.ValidationFailed,
    'the Lago payload is missing what Portico needs',
    detailsFromZod(result.error, path),
  );
}

/** Lago's timestamps as ISO 8601 with an offset; anything unparseable is left for validation. */
export function lagoTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
