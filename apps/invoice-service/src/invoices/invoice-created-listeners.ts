import { Injectable } from '@nestjs/common';

type CreatedListener = (organizationId: string, upstreamId: string) => void;

/**
 * In-process news of stored invoices, for features that react without owning the event (the
 * PDF pre-renderer), so the invoices feature does not depend on them.
 */
@Injectable()
export class InvoiceCreatedListeners {
  private readonly createdListeners: CreatedListener[] = [];

  onCreated(listener: CreatedListener): void {
    this.createdListeners.push(listener);
  }

  created(organizationId: string, upstreamId: string): void {
    for (const listener of this.createdListeners) listener(organizationId, upstreamId);
  }
}
