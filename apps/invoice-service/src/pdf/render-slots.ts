import { DomainError, ErrorCode } from '@portico/contracts';

/**
 * A counting semaphore with a bounded waiting line: at most `size` holders, at most `queueLimit`
 * waiters; one more is refused at once (back-pressure) instead of piling up in memory.
 */
export class RenderSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly size: number,
    private readonly queueLimit: number,
  ) {}

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async acquire(): Promise<void> {
    if (this.active < this.size) {
      this.active++;
      return;
    }
    if (this.waiting.length >= this.queueLimit) {
      throw new DomainError(
        ErrorCode.PdfRendererBusy,
        `the PDF renderer is busy (${this.active} rendering, ${this.waiting.length} waiting); try again shortly`,
      );
    }
    // The releasing holder hands its slot over directly, so `active` stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) return next();
    this.active--;
    if (this.active === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves once nothing holds or waits for a slot. */
  async idle(): Promise<void> {
    if (this.active === 0 && this.waiting.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }
}
