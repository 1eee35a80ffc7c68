import type { PaginationMeta, WalletTransactionView, WalletView } from '@portico/contracts';
import { currencyDigits, formatDate, formatMoney, formatNumber } from '@portico/i18n';

/** One wallet as the Credits section and the wallet page show it. */
export interface WalletCardView {
  id: string;
  name: string | null;
  credits: string;
  balance: string;
  consumedCredits: string;
  consumed: string;
  rate: string;
  expiresOn: string | null;
  href: string;
}

export interface WalletTransactionRowView {
  id: string;
  date: string;
  type: 'inbound' | 'outbound';
  typeLabel: string;
  kindLabel: string | null;
  status: string;
  statusLabel: string;
  credits: string;
  amount: string;
}

export interface WalletTransactionsView {
  rows: WalletTransactionRowView[];
  from: number;
  to: number;
  total: number;
  newerHref: string | null;
  olderHref: string | null;
}

export const walletHref = (basePath: string, walletId: string) =>
  `${basePath}/wallets/${encodeURIComponent(walletId)}`;

/** A decimal string of credits with the locale's separators ("1234.5" → "1,234.5"). */
export function formatCredits(credits: string, lang: string): string {
  return formatNumber(Number(credits), lang);
}

/** A decimal amount in the currency's major unit ("50.0"), formatted as money. */
export function formatMajorAmount(amount: string, currency: string, lang: string): string {
  return formatMoney(Math.round(Number(amount) * 10 ** currencyDigits(currency)), currency, lang);
}

export function walletCardView(wallet: WalletView, basePath: string, lang: string): WalletCardView {
  return {
    id: wallet.id,
    name: wallet.name,
    credits: formatCredits(wallet.credits_balance, lang),
    balance: formatMoney(wallet.balance_cents, wallet.currency, lang),
    consumedCredits: formatCredits(wallet.consumed_credits, lang),
    consumed: formatMoney(wallet.consumed_amount_cents, wallet.currency, lang),
    rate: formatMajorAmount(wallet.rate_amount, wallet.currency, lang),
    expiresOn: wallet.expiration_at ? formatDate(wallet.expiration_at, lang) : null,
    href: walletHref(basePath, wallet.id),
  };
}

export function transactionsView(
  wallet: WalletView,
  page: { wallet_transactions: WalletTransactionView[]; meta: PaginationMeta },
  perPage: number,
  basePath: string,
  lang: string,
): WalletTransactionsView {
  const rows = page.wallet_transactions.map((t): WalletTransactionRowView => {
    const sign = t.transaction_type === 'outbound' ? '−' : '+';
    return {
      id: t.id,
      date: formatDate(t.settled_at ?? t.created_at, lang),
      type: t.transaction_type,
      typeLabel: `wallets.type.${t.transaction_type}`,
      kindLabel: t.transaction_status ? `wallets.kind.${t.transaction_status}` : null,
      status: t.status,
      statusLabel: `wallets.status.${t.status}`,
      credits: `${sign}${formatCredits(t.credit_amount, lang)}`,
      amount: formatMajorAmount(t.amount, wallet.currency, lang),
    };
  });
  const { current_page: current, next_page: next, prev_page: prev, total_count: total } = page.meta;
  const from = rows.length === 0 ? 0 : (current - 1) * perPage + 1;
  const href = walletHref(basePath, wallet.id);
  return {
    rows,
    from,
    to: from === 0 ? 0 : from + rows.length - 1,
    total,
    newerHref: prev ? (prev === 1 ? href : `${href}?page=${prev}`) : null,
    olderHref: next ? `${href}?page=${next}` : null,
  };
}
