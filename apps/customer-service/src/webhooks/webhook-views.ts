import type { WebhookDeliveryView, WebhookEndpointView } from '@portico/contracts';
import { secretHint } from './webhook-secret';
import type { WebhookAttemptRecord, WebhookDeliveryRecord } from './webhook-deliveries.repository';
import type { WebhookEndpointRecord } from './webhook-endpoints.repository';

export function toEndpointView(
  endpoint: WebhookEndpointRecord,
  now = new Date(),
): WebhookEndpointView {
  const overlap =
    endpoint.previous_secret &&
    endpoint.previous_secret_expires_at &&
    endpoint.previous_secret_expires_at > now
      ? endpoint.previous_secret_expires_at.toISOString()
      : null;
  return {
    id: endpoint._id,
    url: endpoint.url,
    description: endpoint.description,
    event_types: endpoint.event_types,
    enabled: endpoint.enabled,
    disabled_reason: endpoint.enabled ? null : endpoint.disabled_reason,
    disabled_at: endpoint.enabled ? null : (endpoint.disabled_at?.toISOString() ?? null),
    failing_since: endpoint.failing_since?.toISOString() ?? null,
    secret_hint: secretHint(endpoint.secret),
    previous_secret_expires_at: overlap,
    created_at: endpoint.created_at.toISOString(),
    updated_at: endpoint.updated_at.toISOString(),
  };
}

export function toDeliveryView(
  delivery: WebhookDeliveryRecord,
  attempts: WebhookAttemptRecord[],
): WebhookDeliveryView {
  return {
    id: delivery._id,
    endpoint_id: delivery.endpoint_id,
    event_id: delivery.event_id,
    event_type: delivery.event_type,
    status: delivery.status,
    attempts: attempts.map((a) => ({
      at: a.at.toISOString(),
      status_code: a.status_code,
      latency_ms: a.latency_ms,
      response_excerpt: a.response_excerpt,
      error: a.error,
    })),
    last_error: delivery.last_error,
    next_attempt_at: delivery.next_attempt_at?.toISOString() ?? null,
    delivered_at: delivery.delivered_at?.toISOString() ?? null,
    created_at: delivery.created_at.toISOString(),
  };
}

/** The secrets that sign now: the current one, and the previous one during its overlap. */
export function signingSecrets(endpoint: WebhookEndpointRecord, now = new Date()): string[] {
  const previousLive =
    endpoint.previous_secret &&
    endpoint.previous_secret_expires_at &&
    endpoint.previous_secret_expires_at > now;
  return previousLive ? [endpoint.secret, endpoint.previous_secret!] : [endpoint.secret];
}
