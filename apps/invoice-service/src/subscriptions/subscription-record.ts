import type { SubscriptionSummary, UpstreamSubscription, UsageSnapshot } from '@portico/contracts';
import { createHash } from 'node:crypto';

/** A subscription as stored: the upstream's fields, scoped, with what queries match on. */
export interface SubscriptionRecord {
  _id: string;
  organization_id: string;
  lago_id: string;
  external_id: string;
  external_customer_id: string;
  name: string | null;
  plan: UpstreamSubscription['plan'];
  status: UpstreamSubscription['status'];
  started_at: string | null;
  terminated_at: string | null;
  current_billing_period_started_at: string | null;
  current_billing_period_ending_at: string | null;
  next_billing_date: string | null;
  updated_at: Date;
  /** Whether the portal shows it (`active`). */
  visible: boolean;
  /** Optimistic concurrency: a write succeeds only against the revision it read. */
  rev: number;
}

/** One billing period's latest usage snapshot of one subscription. */
export interface UsageSnapshotRecord extends Omit<UsageSnapshot, 'computed_at'> {
  _id: string;
  organization_id: string;
  computed_at: Date;
}

/** How far along its life a subscription is: an event never moves one back. */
const STAGE: Record<UpstreamSubscription['status'], number> = {
  pending: 0,
  incomplete: 0,
  active: 1,
  canceled: 2,
  terminated: 2,
};

/** Stable ids: retries and racing instances address one document. */
export function subscriptionDocumentId(organizationId: string, lagoId: string): string {
  return `sub_${digest(organizationId, lagoId)}`;
}

export function usageSnapshotId(
  organizationId: string,
  snapshot: Pick<UsageSnapshot, 'external_customer_id' | 'external_subscription_id'> & {
    from_datetime: string;
  },
): string {
  const from = new Date(snapshot.from_datetime).toISOString();
  return `use_${digest(organizationId, snapshot.external_customer_id, snapshot.external_subscription_id, from)}`;
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 27);
}

/** The record one event asks for; `terminated` says so whatever its status says. */
export function subscriptionRecordOf(
  organizationId: string,
  subscription: UpstreamSubscription,
  terminated: boolean,
): Omit<SubscriptionRecord, 'rev'> {
  const status = terminated ? 'terminated' : subscription.status;
  return {
    _id: subscriptionDocumentId(organizationId, subscription.lago_id),
    organization_id: organizationId,
    lago_id: subscription.lago_id,
    external_id: subscription.external_id,
    external_customer_id: subscription.external_customer_id,
    name: subscription.name ?? null,
    plan: subscription.plan,
    status,
    started_at: subscription.started_at ?? null,
    terminated_at: subscription.terminated_at ?? null,
    current_billing_period_started_at: subscription.current_billing_period_started_at ?? null,
    current_billing_period_ending_at: subscription.current_billing_period_ending_at ?? null,
    next_billing_date:
      subscription.next_billing_date ??
      dayAfter(subscription.current_billing_period_ending_at ?? null),
    updated_at: new Date(subscription.updated_at),
    visible: status === 'active',
  };
}

/**
 * Whether `incoming` replaces `stored`: a newer version does; an equally new one does when it
 * says something else (Lago's subscription.updated may leave every timestamp as it was) without
 * moving the subscription back in its life. A replay changes nothing.
 */
export function replaces(
  stored: Omit<SubscriptionRecord, 'rev'> | null,
  incoming: Omit<SubscriptionRecord, 'rev'>,
): boolean {
  if (!stored) return true;
  const storedTime = stored.updated_at.getTime();
  const incomingTime = incoming.updated_at.getTime();
  if (incomingTime !== storedTime) return incomingTime > storedTime;
  if (STAGE[incoming.status] < STAGE[stored.status]) return false;
  return !sameContent(stored, incoming);
}

function sameContent(a: Omit<SubscriptionRecord, 'rev'>, b: Omit<SubscriptionRecord, 'rev'>) {
  const { rev: _a, ...left } = a as SubscriptionRecord;
  const { rev: _b, ...right } = b as SubscriptionRecord;
  return JSON.stringify(canonical(left)) === JSON.stringify(canonical(right));
}

function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The renewal date when the upstream names none: the day after the period's last moment. */
function dayAfter(periodEnd: string | null): string | null {
  if (!periodEnd) return null;
  const end = new Date(periodEnd);
  if (Number.isNaN(end.getTime())) return null;
  return new Date(end.getTime() + 1_000).toISOString().slice(0, 10);
}

export function summaryOf(record: SubscriptionRecord): SubscriptionSummary {
  return {
    lago_id: record.lago_id,
    external_id: record.external_id,
    external_customer_id: record.external_customer_id,
    name: record.name,
    plan: record.plan,
    status: record.status,
    started_at: record.started_at,
    current_billing_period_started_at: record.current_billing_period_started_at,
    current_billing_period_ending_at: record.current_billing_period_ending_at,
    next_billing_date: record.next_billing_date,
    updated_at: record.updated_at.toISOString(),
  };
}

export function snapshotRecordOf(
  organizationId: string,
  snapshot: UsageSnapshot,
): UsageSnapshotRecord {
  return {
    ...snapshot,
    _id: usageSnapshotId(organizationId, snapshot),
    organization_id: organizationId,
    from_datetime: new Date(snapshot.from_datetime).toISOString(),
    to_datetime: new Date(snapshot.to_datetime).toISOString(),
    computed_at: new Date(snapshot.computed_at),
  };
}

export function snapshotOf(record: UsageSnapshotRecord): UsageSnapshot {
  const { _id, organization_id, ...snapshot } = record;
  return { ...snapshot, computed_at: record.computed_at.toISOString() };
}
