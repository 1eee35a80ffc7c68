import { Logger } from '@nestjs/common';
import { connect, type ChannelModel } from 'amqplib';
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { coalesceWrites } from './coalesced-writes';

export type ConnectionSetup = (model: ChannelModel) => Promise<void>;

const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;

/** `amqp://user:secret@host` → `amqp://user:***@host`, for logs and errors. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}

/**
 * One connection per app that comes back by itself. Each part (publisher, consumer, RPC) registers
 * a setup that re-creates its channels and topology after every (re)connect, so a broker restart
 * only pauses work: unacked deliveries return to their queue and unconfirmed publishes are retried.
 */
export class AmqpConnection extends EventEmitter {
  private readonly logger: Logger;
  private model?: ChannelModel;
  private readonly setups: ConnectionSetup[] = [];
  private closing = false;
  private loop?: Promise<void>;
  private readonly abort = new AbortController();

  constructor(
    private readonly url: string,
    readonly name: string,
  ) {
    super();
    this.logger = new Logger(`AmqpConnection(${name})`);
    this.setMaxListeners(100);
  }

  get isConnected(): boolean {
    return this.model !== undefined;
  }

  /** Resolves on the first connection; rejects with a clear message if none within the timeout. */
  async start(timeoutMs = 30_000): Promise<void> {
    this.loop ??= this.connectLoop();
    try {
      await this.waitForConnection(timeoutMs);
    } catch (error) {
      await this.close();
      throw new Error(
        `Cannot reach RabbitMQ at ${redactUrl(this.url)} within ${timeoutMs} ms: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  /** Runs now if connected, and again after every reconnect. */
  async addSetup(setup: ConnectionSetup): Promise<void> {
    this.setups.push(setup);
    if (this.model) await setup(this.model);
  }

  removeSetup(setup: ConnectionSetup): void {
    const index = this.setups.indexOf(setup);
    if (index >= 0) this.setups.splice(index, 1);
  }

  async waitForConnection(timeoutMs: number): Promise<ChannelModel> {
    if (this.model) return this.model;
    if (this.closing) throw new Error('connection closed');
    return new Promise((resolve, reject) => {
      const onConnected = (model: ChannelModel) => {
        cleanup();
        resolve(model);
      };
      const onClosed = () => {
        cleanup();
        reject(new Error('connection closed'));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(this.lastError ?? `not connected after ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off('connected', onConnected);
        this.off('closed', onClosed);
      };
      this.on('connected', onConnected);
      this.on('closed', onClosed);
    });
  }

  private lastError?: string;

  private async connectLoop(): Promise<void> {
    let backoff = MIN_BACKOFF_MS;
    while (!this.closing) {
      let model: ChannelModel | undefined;
      try {
        // noDelay: Nagle's algorithm otherwise holds small frames (every RPC) for up to 40 ms.
        model = await connect(this.url, {
          noDelay: true,
          clientProperties: { connection_name: this.name },
        });
        coalesceWrites(model);
        const lost = new Promise<Error | undefined>((resolve) => {
          model!.once('close', (err?: Error) => resolve(err));
          // 'error' always precedes 'close'; listening keeps it from crashing the process.
          model!.on('error', (err: Error) => (this.lastError = err.message));
        });
        for (const setup of this.setups) await setup(model);
        this.model = model;
        this.lastError = undefined;
        backoff = MIN_BACKOFF_MS;
        this.logger.log(`connected to ${redactUrl(this.url)}`);
        this.emit('connected', model);
        const reason = await lost;
        this.model = undefined;
        if (this.closing) break;
        this.logger.warn(
          `connection lost (${reason?.message ?? 'closed by broker'}); reconnecting`,
        );
        this.emit('disconnected');
      } catch (error) {
        this.model = undefined;
        this.lastError = (error as Error).message;
        if (model) await model.close().catch(() => undefined);
        if (this.closing) break;
        this.logger.debug(`connect failed: ${this.lastError}; retrying in ${backoff} ms`);
        await sleep(backoff, undefined, { signal: this.abort.signal }).catch(() => undefined);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.abort.abort();
    const model = this.model;
    this.model = undefined;
    this.emit('closed');
    if (model) await model.close().catch(() => undefined);
    await this.loop?.catch(() => undefined);
  }
}
