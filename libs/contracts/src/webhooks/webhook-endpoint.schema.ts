import { z } from 'zod';
import { isoDateTime } from '../kit/common-schemas';

/** Event types an endpoint can subscribe to; `null` (the default) means every one of them. */
export const webhookEventTypesSchema = z
  .array(z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/, 'must look like "invoice.payment_requested"'))
  .min(1)
  .max(50)
  .nullable();

/**
 * What an operator sets for one endpoint. Whether the URL may be reached (https outside
 * development, no internal address unless allow-listed) is checked by the service, which knows
 * its configuration.
 */
export const webhookEndpointInputSchema = z.object({
  url: z.string().trim().min(1).max(2_000),
  description: z.string().trim().max(500).nullable().optional(),
  event_types: webhookEventTypesSchema.optional(),
  enabled: z.boolean().optional(),
});
export type WebhookEndpointInput = z.output<typeof webhookEndpointInputSchema>;

export const webhookEndpointChangesSchema = webhookEndpointInputSchema.partial();
export type WebhookEndpointChanges = z.output<typeof webhookEndpointChangesSchema>;

export const webhookEndpointViewSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  event_types: z.array(z.string()).nullable(),
  enabled: z.boolean(),
  /** `failing`: Portico disabled it after it failed for the whole failure window. */
  disabled_reason: z.enum(['failing', 'operator']).nullable(),
  disabled_at: isoDateTime.nullable(),
  /** Since when every attempt has failed; null while deliveries succeed. */
  failing_since: isoDateTime.nullable(),
  /** `whsec_ab12…`: enough to tell secrets apart, never the secret. */
  secret_hint: z.string(),
  /** Until then the previous secret signs too (after a rotation). */
  previous_secret_expires_at: isoDateTime.nullable(),
  created_at: isoDateTime,
  updated_at: isoDateTime,
});
export type WebhookEndpointView = z.output<typeof webhookEndpointViewSchema>;

export const webhookAttemptViewSchema = z.object({
  at: isoDateTime,
  /** The receiver's HTTP status; null when no answer came (refused, timeout, connection error). */
  status_code: z.number().int().nullable(),
  latency_ms: z.number().int(),
  /** The first bytes of the answer, as text. */
  response_excerpt: z.string().nullable(),
  error: z.string().nullable(),
});
export type WebhookAttemptView = z.output<typeof webhookAttemptViewSchema>;

export const webhookDeliveryViewSchema = z.object({
  /** The `webhook-id` header: the same on every attempt and redelivery, for deduplication. */
  id: z.string(),
  endpoint_id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.array(webhookAttemptViewSchema),
  last_error: z.string().nullable(),
  next_attempt_at: isoDateTime.nullable(),
  delivered_at: isoDateTime.nullable(),
  created_at: isoDateTime,
});
export type WebhookDeliveryView = z.output<typeof webhookDeliveryViewSchema>;
