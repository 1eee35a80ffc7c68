import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InvoiceServiceConfig } from '../config/invoice-service.config';
import { CustomerInvoicesCache, customerKey } from './customer-invoices.cache';
import { InvoicesStoredHook, type StoredInvoices } from './invoices-stored.hook';
import { InvoicesService } from './invoices.service';

/** Customers counted at once; beyond it the counts start over (they only pick whom to warm). */
const MAX_COUNTED_CUSTOMERS = 10_000;

/**
 * Loads a customer's invoice list into memory in the background once this instance has written
 * INVOICE_CACHE_WARM_AFTER_WRITES of its invoices while the list was not in memory. From then on every write
 * patches the list in place, so a big customer's first portal page is served from memory even on
 * the first visit. This matters where the database cannot page by itself: FerretDB 1.24 neither
 * sorts nor counts in PostgreSQL, so there a 20,000-invoice customer's cold page waits for the
 * whole list. Small customers never reach the threshold and load on their first visit, as before.
 */
@Injectable()
export class BigCustomerWarmUp implements OnModuleInit {
  private readonly logger = new Logger(BigCustomerWarmUp.name);
  private readonly writes = new Map<string, number>();
  private readonly queue = new Map<string, { organizationId: string; customerId: string }>();
  private running = false;

  constructor(
    @Inject(InvoiceServiceConfig) private readonly config: InvoiceServiceConfig,
    @Inject(CustomerInvoicesCache) private readonly cache: CustomerInvoicesCache,
    private readonly invoices: InvoicesService,
    private readonly hook: InvoicesStoredHook,
  ) {}

  onModuleInit(): void {
    if (this.config.invoiceCache.warmAfterWrites > 0)
      this.hook.register((stored) => this.counted(stored));
  }

  /** Synchronous and cheap: the batch's ack does not wait for any load. */
  private counted({ records }: StoredInvoices): void {
    for (const record of records) {
      const key = customerKey(record.organization_id, record.external_customer_id);
      if (this.queue.has(key) || this.cache.holds(key)) {
        this.writes.delete(key);
        continue;
      }
      const count = (this.writes.get(key) ?? 0) + 1;
      if (count < this.config.invoiceCache.warmAfterWrites) {
        if (this.writes.size >= MAX_COUNTED_CUSTOMERS && !this.writes.has(key)) this.writes.clear();
        this.writes.set(key, count);
        continue;
      }
      this.writes.delete(key);
      this.queue.set(key, {
        organizationId: record.organization_id,
        customerId: record.external_customer_id,
      });
    }
    void this.drain();
  }

  /** One load at a time: warming up must not compete with the pages being served. */
  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const [key, { organizationId, customerId }] of this.queue) {
        await this.invoices.warm(organizationId, customerId).catch((error: Error) => {
          this.logger.warn(`warming ${customerId}'s invoice list failed: ${error.message}`);
        });
        this.queue.delete(key);
      }
    } finally {
      this.running = false;
    }
  }
}
