import { Controller } from '@nestjs/common';
import {
  PorticoWalletsChanged,
  WalletCreated,
  WalletTerminated,
  WalletTransactionCreated,
  WalletTransactionUpdated,
  WalletUpdated,
  type EventData,
  type EventEnvelope,
  type UpstreamWallet,
  type UpstreamWalletTransaction,
} from '@portico/contracts';
import { EventPublisher, HandleEvent } from '@portico/messaging';
import { announceCustomerListChanged } from '../parties/customer-list-changes';
import { KnownOrganizations } from '../parties/known-organizations';
import {
  applyWalletChange,
  emptyWallet,
  toTransactionRecord,
  walletDocumentId,
} from './wallet-record';
import { WalletsRepository } from './wallets.repository';

/**
 * Prepaid-credit wallets and their transactions from upstream billing systems. Each handler
 * resolves once the change is stored (the message is acked only then); replays and older events
 * change nothing. Invalid payloads never get here: the transport dead-letters them with the reason.
 * Once stored, `portico.wallets.changed` names the customer, so every gateway drops its wallet list.
 */
@Controller()
export class WalletsConsumer {
  constructor(
    private readonly repository: WalletsRepository,
    private readonly organizations: KnownOrganizations,
    private readonly publisher: EventPublisher,
  ) {}

  @HandleEvent(WalletCreated)
  created(event: EventEnvelope<EventData<typeof WalletCreated>>): Promise<void> {
    return this.saveWallet(event, false);
  }

  @HandleEvent(WalletUpdated)
  updated(event: EventEnvelope<EventData<typeof WalletUpdated>>): Promise<void> {
    return this.saveWallet(event, false);
  }

  @HandleEvent(WalletTerminated)
  terminated(event: EventEnvelope<EventData<typeof WalletTerminated>>): Promise<void> {
    return this.saveWallet(event, true);
  }

  @HandleEvent(WalletTransactionCreated)
  transactionCreated(
    event: EventEnvelope<EventData<typeof WalletTransactionCreated>>,
  ): Promise<void> {
    return this.saveTransaction(event);
  }

  @HandleEvent(WalletTransactionUpdated)
  transactionUpdated(
    event: EventEnvelope<EventData<typeof WalletTransactionUpdated>>,
  ): Promise<void> {
    return this.saveTransaction(event);
  }

  private async saveWallet(event: EventEnvelope<UpstreamWallet>, terminated: boolean) {
    const organizationId = event.organization_id;
    await this.organizations.require(organizationId);
    await this.repository.updateWallet(
      walletDocumentId(organizationId, event.data.id),
      () => emptyWallet(organizationId, event.data),
      (state) => applyWalletChange(state, { organizationId, wallet: event.data, terminated }),
    );
    await this.announce(organizationId, event.data.external_customer_id);
  }

  private async saveTransaction(event: EventEnvelope<UpstreamWalletTransaction>) {
    await this.organizations.require(event.organization_id);
    await this.repository.saveTransaction(toTransactionRecord(event.organization_id, event.data));
    const customer =
      event.data.external_customer_id ??
      (await this.repository.customerOfWallet(event.organization_id, event.data.wallet_id));
    // A transaction of a wallet not stored yet shows nowhere; its wallet's own event announces it.
    if (customer) await this.announce(event.organization_id, customer);
  }

  /** Announced even when nothing changed: a redelivery after a lost announcement repairs it. */
  private async announce(organizationId: string, externalCustomerId: string): Promise<void> {
    await announceCustomerListChanged(
      this.publisher,
      PorticoWalletsChanged,
      organizationId,
      externalCustomerId,
    );
  }
}
