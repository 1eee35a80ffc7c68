import type { WalletView } from './wallet.schema';

/** Digits of the currency's minor unit (EUR 2, JPY 0), as Intl knows it. */
function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

export type TopUpLimitWallet = Pick<
  WalletView,
  'currency' | 'rate_amount' | 'paid_top_up_min_amount_cents' | 'paid_top_up_max_amount_cents'
>;

/** What `credits` cost, in the currency's minor unit (Lago's limits are in cents). */
export function topUpCents(wallet: TopUpLimitWallet, credits: string): number {
  return Math.round(
    Number(credits) * Number(wallet.rate_amount) * 10 ** minorDigits(wallet.currency),
  );
}

/** The wallet's paid top-up limits in credits (null: no limit), for the form to show. */
export function topUpLimitsInCredits(wallet: TopUpLimitWallet): {
  min: number | null;
  max: number | null;
} {
  const centsPerCredit = Number(wallet.rate_amount) * 10 ** minorDigits(wallet.currency);
  const inCredits = (cents: number | null) =>
    cents === null || !(centsPerCredit > 0)
      ? null
      : Math.round((cents / centsPerCredit) * 100_000) / 100_000;
  return {
    min: inCredits(wallet.paid_top_up_min_amount_cents),
    max: inCredits(wallet.paid_top_up_max_amount_cents),
  };
}

/** Which limit a request for `credits` breaks, if any (compared in cents, as Lago does). */
export function topUpLimitBroken(wallet: TopUpLimitWallet, credits: string): 'min' | 'max' | null {
  const cents = topUpCents(wallet, credits);
  const { paid_top_up_min_amount_cents: min, paid_top_up_max_amount_cents: max } = wallet;
  if (min !== null && cents < min) return 'min';
  if (max !== null && cents > max) return 'max';
  return null;
}
