import type { SubscriptionSummary, UsageSnapshot } from '@portico/contracts';
import { formatDate, formatMoney, formatNumber } from '@portico/i18n';
import type { CurrentUsage } from './live-usage';

export interface PlanView {
  externalId: string;
  name: string;
  /** The plan's name, when the subscription has a name of its own. */
  planName: string | null;
  price: string;
  /** `plans.price_per.<interval>`, with `{price}`. */
  pricePerKey: string;
  renewal: string | null;
  usageHref: string;
  amountSoFar: string | null;
}

export interface UsageView {
  state: CurrentUsage['state'];
  lagoFailed: boolean;
  amountSoFar: string | null;
  totalWithTaxes: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  computedAt: string | null;
  charges: {
    metric: string;
    units: string;
    amount: string;
    groups: { label: string; units: string; amount: string }[];
  }[];
}

const timestampFormats = new Map<string, Intl.DateTimeFormat>();

/** When a snapshot was computed, to the minute, in UTC (the page says so). */
export function formatTimestamp(value: string, locale: string): string {
  let format = timestampFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
    timestampFormats.set(locale, format);
  }
  return format.format(new Date(value));
}

export function usageHref(basePath: string, externalId: string): string {
  return `${basePath}/subscriptions/${encodeURIComponent(externalId)}/usage`;
}

export function planView(
  subscription: SubscriptionSummary,
  usage: CurrentUsage | null,
  locale: string,
  basePath: string,
  now = Date.now(),
): PlanView {
  const { plan } = subscription;
  return {
    externalId: subscription.external_id,
    name: subscription.name || plan.name,
    planName: subscription.name && subscription.name !== plan.name ? plan.name : null,
    price: formatMoney(plan.amount_cents, plan.amount_currency, locale),
    pricePerKey: `plans.price_per.${plan.interval}`,
    renewal: subscription.next_billing_date
      ? formatDate(subscription.next_billing_date, locale)
      : null,
    usageHref: usageHref(basePath, subscription.external_id),
    // A stored snapshot of a period already over is not "so far": the usage page shows it dated.
    amountSoFar:
      usage &&
      (usage.state === 'live' ||
        (usage.state === 'stored' && Date.parse(usage.snapshot.to_datetime) >= now))
        ? formatMoney(usage.snapshot.amount_cents, usage.snapshot.currency, locale)
        : null,
  };
}

export function usageView(usage: CurrentUsage, locale: string): UsageView {
  if (usage.state === 'unavailable') {
    return {
      state: 'unavailable',
      lagoFailed: usage.lagoFailed,
      amountSoFar: null,
      totalWithTaxes: null,
      periodFrom: null,
      periodTo: null,
      computedAt: null,
      charges: [],
    };
  }
  const s: UsageSnapshot = usage.snapshot;
  const money = (cents: number) => formatMoney(cents, s.currency, locale);
  return {
    state: usage.state,
    lagoFailed: usage.lagoFailed,
    amountSoFar: money(s.amount_cents),
    totalWithTaxes: s.total_amount_cents !== s.amount_cents ? money(s.total_amount_cents) : null,
    periodFrom: formatDate(s.from_datetime, locale),
    periodTo: formatDate(s.to_datetime, locale),
    computedAt: formatTimestamp(s.computed_at, locale),
    charges: s.charges_usage.map((charge) => ({
      metric: charge.billable_metric.name,
      units: formatNumber(Number(charge.units), locale),
      amount: money(charge.amount_cents),
      groups: (charge.grouped_usage ?? [])
        .filter((group) => Object.keys(group.grouped_by).length > 0)
        .map((group) => ({
          label: Object.entries(group.grouped_by)
            .map(([key, value]) => `${key}: ${value}`)
            .join(', '),
          units: formatNumber(Number(group.units), locale),
          amount: money(group.amount_cents),
        })),
    })),
  };
}
