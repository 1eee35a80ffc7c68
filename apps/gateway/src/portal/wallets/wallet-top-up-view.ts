import { portalSettingsOf, topUpLimitsInCredits, type WalletView } from '@portico/contracts';
import { formatNumber } from '@portico/i18n';
import type { PortalSession } from '../../portal-sessions/portal-session.guard';

/** What can go wrong with a top-up, as the form tells the customer. */
export type TopUpProblem = 'invalid' | 'min' | 'max' | 'unavailable';

export interface TopUpFormView {
  action: string;
  formToken: string;
  nonce: string;
  value: string;
  hintKey: string | null;
  min: string;
  max: string;
  errorKey: string | null;
  requested: boolean;
}

/**
 * Whether the organization lets customers buy credits in the portal (`portal_settings.
 * wallet_top_up`, off by default and for organizations from before the setting existed).
 */
export function topUpAllowed(session: PortalSession): boolean {
  return portalSettingsOf(session.organization).wallet_top_up;
}

/** "12,5" (a decimal comma) is read as "12.5"; anything else is left for validation. */
export function normalizeCredits(value: unknown): string {
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  return /^\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
}

export function topUpFormView(
  wallet: WalletView,
  lang: string,
  form: {
    action: string;
    formToken: string;
    nonce: string;
    value?: string;
    problem?: TopUpProblem;
    requested?: boolean;
  },
): TopUpFormView {
  const { min, max } = topUpLimitsInCredits(wallet);
  const hintKey =
    min !== null && max !== null
      ? 'wallets.top_up.limits'
      : min !== null
        ? 'wallets.top_up.min_only'
        : max !== null
          ? 'wallets.top_up.max_only'
          : null;
  const rangeKey =
    min !== null && max !== null
      ? 'wallets.top_up.error_range'
      : min !== null
        ? 'wallets.top_up.error_min'
        : 'wallets.top_up.error_max';
  const errorKey = !form.problem
    ? null
    : form.problem === 'invalid'
      ? 'wallets.top_up.error_invalid'
      : form.problem === 'unavailable'
        ? 'wallets.top_up.unavailable'
        : rangeKey;
  return {
    action: form.action,
    formToken: form.formToken,
    nonce: form.nonce,
    value: form.value ?? '',
    hintKey,
    min: min === null ? '' : formatNumber(min, lang),
    max: max === null ? '' : formatNumber(max, lang),
    errorKey,
    requested: form.requested ?? false,
  };
}
