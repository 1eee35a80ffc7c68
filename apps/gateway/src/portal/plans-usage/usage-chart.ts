import type { UsageSnapshot } from '@portico/contracts';
import { formatMoney } from '@portico/i18n';

export interface UsageChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Where the period's label and amount are written (centre of the bar). */
  labelX: number;
  amountY: number;
  period: string;
  amount: string;
  current: boolean;
}

export interface UsageChartView {
  width: number;
  height: number;
  baselineY: number;
  bars: UsageChartBar[];
}

const WIDTH = 600;
const HEIGHT = 220;
const TOP = 28;
const BOTTOM = 28;
const GAP = 16;

const periodFormats = new Map<string, Intl.DateTimeFormat>();

/** `Nov 1` in the page's language: a period is named by its first day. */
function periodLabel(from: string, locale: string): string {
  let format = periodFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    periodFormats.set(locale, format);
  }
  return format.format(new Date(from));
}

/**
 * The bars of the last periods' totals (tax excluded), oldest first in reading order: left to
 * right, or right to left for a right-to-left language. Geometry only; the template draws it,
 * escaped like everything else, so no markup is ever built from data here.
 */
export function usageChart(
  periods: UsageSnapshot[],
  locale: string,
  direction: 'ltr' | 'rtl',
  currentFrom: string | null,
): UsageChartView | null {
  if (periods.length === 0) return null;
  const chronological = [...periods].sort((a, b) => a.from_datetime.localeCompare(b.from_datetime));
  const max = Math.max(0, ...chronological.map((p) => p.amount_cents));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = WIDTH / chronological.length;
  const barWidth = Math.min(80, slot - GAP);
  const bars = chronological.map((period, index): UsageChartBar => {
    const height = max > 0 ? Math.round((Math.max(0, period.amount_cents) / max) * plotHeight) : 0;
    const slotIndex = direction === 'rtl' ? chronological.length - 1 - index : index;
    const x = Math.round(slotIndex * slot + (slot - barWidth) / 2);
    const y = TOP + plotHeight - height;
    return {
      x,
      y,
      width: Math.round(barWidth),
      height,
      labelX: Math.round(x + barWidth / 2),
      amountY: y - 8,
      period: periodLabel(period.from_datetime, locale),
      amount: formatMoney(period.amount_cents, period.currency, locale),
      current: currentFrom !== null && sameInstant(period.from_datetime, currentFrom),
    };
  });
  return { width: WIDTH, height: HEIGHT, baselineY: TOP + plotHeight, bars };
}

function sameInstant(a: string, b: string): boolean {
  return new Date(a).getTime() === new Date(b).getTime();
}
