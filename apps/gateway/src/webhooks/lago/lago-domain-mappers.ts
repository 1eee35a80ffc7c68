import type { LagoDomainMapper } from './lago-mapper-kit';
import { lagoWalletsMapper } from './lago-wallets.mapper';
import { lagoSubscriptionMapper } from './lago-subscription.mapper';
import { lagoCreditNotesMapper } from './lago-credit-notes.mapper';

/** The domains beyond invoices and customers (those are in lago-payload.mapper.ts). */
export const LAGO_DOMAIN_MAPPERS: readonly LagoDomainMapper[] = [
  // one line per domain
  lagoWalletsMapper,
  lagoSubscriptionMapper,
  lagoCreditNotesMapper,
];
