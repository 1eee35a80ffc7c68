/** Tracks work in progress so shutdown can wait for it. */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  get size(): number {
    return this.pending.size;
  }

  track(work: Promise<unknown>): void {
    const forget = () => {
      this.pending.delete(tracked);
    };
    const tracked: Promise<unknown> = work.then(forget, forget);
    this.pending.add(tracked);
  }

  /** Resolves true when everything finished, false when the timeout came first. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.pending.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>(
      (resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)),
    );
    const done = (async () => {
      while (this.pending.size > 0) await Promise.all([...this.pending]);
      return true as const;
    })();
    const result = await Promise.race([done, timeout]);
    clearTimeout(timer);
    return result;
  }
}
