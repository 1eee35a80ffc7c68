import { Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@portico/contracts';
import { describeError, failureClass } from '@portico/messaging';
import { toCustomerInvoice, type CustomerInvoicePatch } from './customer-invoices';
import { customerKey } from './customer-invoices.cache';
import { invoiceKey, type InvoiceChange } from './invoice-change';
import {
  applyChange,
  derive,
  emptyState,
  invoiceDocumentId,
  type InvoiceRecord,
  type InvoiceState,
} from './invoice-record';
import { InvoicesRepository, type InvoiceWrite } from './invoices.repository';
import { InvoicesStoredHook } from './invoices-stored.hook';

/** Changes written in one round trip at most; bounded by the consumer's prefetch anyway. */
const MAX_BATCH = 500;
/** How long a lone change waits for company; under load batches fill before it elapses. */
const MAX_WAIT_MS = 2;
const MAX_RACE_RETRIES = 8;
const MAX_CONCURRENT_BATCHES = 2;

interface Pending {
  change: InvoiceChange;
  previousCustomer?: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Groups the changes of messages in flight into one read and one bulk write. Each message's
 * promise settles only after the whole batch is written and announced, so the consumer acks only
 * stored events.
 */
@Injectable()
export class InvoiceWriteBatcher {
  private readonly logger = new Logger(InvoiceWriteBatcher.name);
  private queue: Pending[] = [];
  private timer?: NodeJS.Timeout;
  private writing = 0;
  /** Invoices (document ids) a batch in flight is writing. */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly repository: InvoicesRepository,
    private readonly hook: InvoicesStoredHook,
  ) {}

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
    // A few batches in flight at most: the database overlaps their work, and while they are
    // written the next ones fill up (bigger batches under load, no unbounded concurrency).
    while (this.writing < MAX_CONCURRENT_BATCHES && this.queue.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) return; // every queued change waits for its invoice's batch
      const ids = batch.map(documentIdOf);
      for (const id of ids) this.inFlight.add(id);
      this.writing++;
      void this.store(batch).finally(() => {
        for (const id of ids) this.inFlight.delete(id);
        this.writing--;
        if (this.queue.length > 0) this.kick();
      });
    }
  }

  /**
   * The next batch, without any invoice a batch in flight is writing: FerretDB's conditional
   * update is not atomic (two writers of the same revision can both match it, the second
   * overwriting the first), so this process never races itself on one invoice. Other instances
   * still can; the revision check and the read-back catch that on MongoDB.
   */
  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const waiting: Pending[] = [];
    for (const item of this.queue) {
      if (batch.length < MAX_BATCH && !this.inFlight.has(documentIdOf(item))) batch.push(item);
      else waiting.push(item);
    }
    this.queue = waiting;
    return batch;
  }

  /**
   * Writes a batch and settles each item. When the write fails for something other than a
   * dependency being away, one of its changes may be refused for its content: the batch is split
   * in halves, each written again, until the faulty change is alone; it alone fails, and every
   * valid neighbour is stored (once: writing a change again changes nothing). An outage fails the
   * whole batch as it is: the consumer waits it out and nothing is the messages' fault.
   */
  private async store(batch: Pending[]): Promise<void> {
    try {
      const written = new Map<string, InvoiceRecord>();
      await this.writeBatch(batch, 0, written);
      await this.changed(batch, written);
      for (const item of batch) item.resolve();
    } catch (error) {
      if (failureClass(error) === 'infrastructure' || batch.length === 1) {
        const refused = batch.length === 1 && refusedByDatabase(error);
        for (const item of batch) item.reject(refused ? refusal(error) : error);
        return;
      }
      this.logger.warn(`a batch of ${batch.length} failed, splitting it: ${describeError(error)}`);
      const half = Math.ceil(batch.length / 2);
      await this.store(batch.slice(0, half));
      await this.store(batch.slice(half));
    }
  }

  /**
   * Most events are about invoices not stored yet (invoice.created), so the batch is first
   * inserted as new in one round trip; only the invoices that turn out to exist are read, merged
   * and written back conditionally on the revision read.
   */
  private async writeBatch(
    batch: Pending[],
    attempt: number,
    written: Map<string, InvoiceRecord>,
  ): Promise<void> {
    const byId = new Map<string, Pending[]>();
    for (const item of batch) {
      const id = invoiceDocumentId(item.change.organizationId, item.change.upstreamId);
      byId.set(id, [...(byId.get(id) ?? []), item]);
    }
    let existing = [...byId.keys()];
    if (attempt === 0) {
      const fresh = [...byId].map(([, items]) => merged(emptyState(items[0]!.change), items));
      const taken = await this.repository.insertNew(fresh.map((w) => w.record));
      for (const { record } of fresh) if (!taken.has(record._id)) written.set(record._id, record);
      existing = [...taken];
    }
    if (existing.length === 0) return;
    const stored = await this.repository.findStates(existing);
    const writes: InvoiceWrite[] = [];
    for (const id of existing) {
      const items = byId.get(id)!;
      const state = stored.get(id);
      if (!state) continue; // deleted in between: cannot happen today; the retry below inserts it
      const write = merged(state, items);
      if (write.changed) writes.push(write);
      // An update may move an invoice to another customer: the one it left changed too.
      if (state.external_customer_id !== write.record.external_customer_id)
        for (const item of items) item.previousCustomer = state.external_customer_id;
    }
    const lost = await this.repository.write(writes);
    for (const { record } of writes) if (!lost.has(record._id)) written.set(record._id, record);
    const retry = existing
      .filter((id) => lost.has(id) || !stored.has(id))
      .flatMap((id) => byId.get(id)!);
    if (retry.length === 0) return;
    if (attempt >= MAX_RACE_RETRIES) {
      const keys = retry.map((p) => invoiceKey(p.change.organizationId, p.change.upstreamId));
      throw new Error(`gave up writing ${keys.length} invoice changes after ${attempt} lost races`);
    }
    this.logger.debug(`${retry.length} invoice changes lost a race; recomputing`);
    await this.writeBatch(retry, attempt + 1, written);
  }

  /**
   * Tells the after-store reactions what the batch stored: for every customer it touched (changed
   * or not: an announcement too many costs a reload, one too few a stale page) and what each
   * customer's list now shows. Before the batch is acked, so a crash in between redelivers and
   * tells again.
   */
  private async changed(batch: Pending[], written: Map<string, InvoiceRecord>): Promise<void> {
    const byOrganization = new Map<string, Set<string>>();
    const patches = new Map<string, CustomerInvoicePatch[]>();
    const add = (key: string, patch: CustomerInvoicePatch) =>
      patches.set(key, [...(patches.get(key) ?? []), patch]);
    for (const { change, previousCustomer } of batch) {
      const customers = byOrganization.get(change.organizationId) ?? new Set<string>();
      customers.add(change.externalCustomerId);
      if (previousCustomer) customers.add(previousCustomer);
      byOrganization.set(change.organizationId, customers);
      const record = written.get(invoiceDocumentId(change.organizationId, change.upstreamId));
      if (previousCustomer && record && previousCustomer !== record.external_customer_id) {
        add(customerKey(change.organizationId, previousCustomer), {
          id: record.upstream_id,
          rev: record.rev,
        });
      }
    }
    // What was stored, as each customer's cached list shows it (or no longer shows it).
    for (const record of written.values()) {
      add(customerKey(record.organization_id, record.external_customer_id), {
        id: record.upstream_id,
        rev: record.rev,
        ...(record.visible && { invoice: toCustomerInvoice(record) }),
      });
    }
    await this.hook.stored({
      changes: batch.map(({ change }) => change),
      records: [...written.values()],
      customersByOrganization: byOrganization,
      patches,
    });
  }
}

/** The database answered and refused the command (not a driver or network failure). */
function refusedByDatabase(error: unknown): boolean {
  const e = error as { name?: string; code?: unknown };
  return (
    (e.name === 'MongoServerError' || e.name === 'MongoBulkWriteError') &&
    typeof e.code === 'number'
  );
}

/** The change is alone and the database refuses it: the message is dead-lettered with why. */
function refusal(error: unknown): DomainError {
  return new DomainError(
    ErrorCode.ValidationFailed,
    `refused by the database: ${describeError(error)}`,
  );
}

function documentIdOf({ change }: Pending): string {
  return invoiceDocumentId(change.organizationId, change.upstreamId);
}

/** Applies a group of changes to a state; the write is conditional on the revision it started from. */
function merged(state: InvoiceState, items: Pending[]): InvoiceWrite & { changed: boolean } {
  const expectedRev = state.rev;
  let changed = false;
  for (const { change } of items) changed = applyChange(state, change) || changed;
  return { record: derive({ ...state, rev: expectedRev + 1 }), expectedRev, changed };
}
