import { Injectable, Logger } from '@nestjs/common';
import { invoiceKey, type InvoiceChange } from './invoice-change';
import { applyChange, derive, emptyState, invoiceDocumentId } from './invoice-record';
import { InvoicesRepository, type InvoiceWrite } from './invoices.repository';

/** Changes written in one round trip at most; bounded by the consumer's prefetch anyway. */
const MAX_BATCH = 500;
/** How long a lone change waits for company; under load batches fill before it elapses. */
const MAX_WAIT_MS = 2;
const MAX_RACE_RETRIES = 8;

interface Pending {
  change: InvoiceChange;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Groups the changes of messages in flight into one read and one bulk write. Each message's
 * promise settles only after its change is written, so the consumer acks only stored events.
 */
@Injectable()
export class InvoiceWriteBatcher {
  private readonly logger = new Logger(InvoiceWriteBatcher.name);
  private queue: Pending[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly repository: InvoicesRepository) {}

  submit(change: InvoiceChange): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ change, resolve, reject });
      if (this.queue.length >= MAX_BATCH) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), MAX_WAIT_MS);
    });
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // One batch at a time: while one is written, the next accumulates (bigger batches under load).
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.writeBatch(batch, 0);
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
  }

  private async writeBatch(batch: Pending[], attempt: number): Promise<void> {
    const byId = new Map<string, Pending[]>();
    for (const item of batch) {
      const id = invoiceDocumentId(item.change.organizationId, item.change.upstreamId);
      byId.set(id, [...(byId.get(id) ?? []), item]);
    }
    const stored = await this.repository.findStates([...byId.keys()]);
    const writes: InvoiceWrite[] = [];
    for (const [id, items] of byId) {
      const state = stored.get(id) ?? emptyState(items[0]!.change);
      const expectedRev = state.rev;
      let changed = false;
      for (const { change } of items) changed = applyChange(state, change) || changed;
      if (changed) writes.push({ record: derive({ ...state, rev: expectedRev + 1 }), expectedRev });
    }
    const lost = await this.repository.write(writes);
    for (const [id, items] of byId) if (!lost.has(id)) for (const item of items) item.resolve();
    if (lost.size === 0) return;
    const retry = [...lost].flatMap((id) => byId.get(id)!);
    if (attempt >= MAX_RACE_RETRIES) {
      const keys = retry.map((p) => invoiceKey(p.change.organizationId, p.change.upstreamId));
      throw new Error(`gave up writing ${keys.length} invoices after ${attempt} lost races`);
    }
    this.logger.debug(`${lost.size} invoices changed concurrently; recomputing`);
    await this.writeBatch(retry, attempt + 1);
  }
}
