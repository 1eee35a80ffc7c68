import { Injectable } from '@nestjs/common';
import type { CustomerInvoicePatch } from './customer-invoices';
import type { InvoiceChange } from './invoice-change';
import type { InvoiceRecord } from './invoice-record';

/** What one batch of invoice changes stored, as every reaction to it needs it. */
export interface StoredInvoices {
  /** The changes the batch carried; all of them are stored (a repeat changes nothing). */
  changes: InvoiceChange[];
  /** The records written: a change that changed nothing writes none. */
  records: InvoiceRecord[];
  /** Every customer the batch touched, by organization, and any an invoice moved away from. */
  customersByOrganization: Map<string, Set<string>>;
  /** By customerKey: what each touched customer's invoice list now shows (or no longer shows). */
  patches: Map<string, CustomerInvoicePatch[]>;
}

export type AfterStore = (stored: StoredInvoices) => void | Promise<void>;

/**
 * The one moment after a batch is stored, for everything that reacts to it (the cached lists and
 * their broadcast, the PDF pre-renderer), so the write path does not depend on them. Reactions
 * run before the batch's messages are acked: one that fails fails the batch, whose messages are
 * then handled again (harmless: a stored change written again changes nothing). A reaction that
 * must not delay the ack (pre-rendering) starts its work and returns.
 */
@Injectable()
export class InvoicesStoredHook {
  private readonly reactions: AfterStore[] = [];

  register(reaction: AfterStore): void {
    this.reactions.push(reaction);
  }

  async stored(batch: StoredInvoices): Promise<void> {
    await Promise.all(this.reactions.map((reaction) => reaction(batch)));
  }
}
