import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, ConnectOptions } from 'mongoose';
import { setTimeout as delay } from 'node:timers/promises';

/** What the watchdog needs to open the connection again exactly as the module did. */
export interface DatabaseClientSettings {
  uri: string;
  options: ConnectOptions & { heartbeatFrequencyMS: number; connectTimeoutMS: number };
}
export const DATABASE_CLIENT_SETTINGS = Symbol('DATABASE_CLIENT_SETTINGS');

const HEARTBEAT_EVENTS = [
  'serverHeartbeatStarted',
  'serverHeartbeatSucceeded',
  'serverHeartbeatFailed',
] as const;

/**
 * Opens the database client again when its server monitor has gone silent.
 *
 * The driver learns that the database is back only from its monitor's heartbeats. When a
 * connection drop catches a heartbeat at the wrong moment, that check can wait for ever (a socket
 * write waiting for a `drain` that a destroyed socket never emits): no heartbeat is heard again,
 * the server stays "unknown", and every operation fails server selection with the error of the
 * drop, long after the database returned (seen in the outage test: 3 minutes, then the test gave
 * up). A healthy monitor is heard at least every heartbeat interval plus a check's own timeouts;
 * silence much longer than that means the client is wedged, and a new client is the cure.
 */
@Injectable()
export class DatabaseClientWatchdog implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DatabaseClientWatchdog.name);
  private lastHeardAt = Date.now();
  private timer?: NodeJS.Timeout;
  private reopening = false;
  private readonly heard = () => (this.lastHeardAt = this.now());
  /** Replaced in unit tests. */
  now: () => number = Date.now;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Inject(DATABASE_CLIENT_SETTINGS) private readonly settings: DatabaseClientSettings,
  ) {}

  /** The longest a working monitor stays silent: an interval, a connect and a hello timing out. */
  get silenceLimitMs(): number {
    const { heartbeatFrequencyMS, connectTimeoutMS } = this.settings.options;
    return heartbeatFrequencyMS + 2 * connectTimeoutMS + 10_000;
  }

  onModuleInit(): void {
    this.lastHeardAt = this.now();
    this.listen();
    this.timer = setInterval(() => void this.check(), 5_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.unlisten();
  }

  /** Reopens the client when its monitor has been silent too long; true when it did. */
  async check(): Promise<boolean> {
    const silentMs = this.now() - this.lastHeardAt;
    if (this.reopening || silentMs <= this.silenceLimitMs) return false;
    this.reopening = true;
    this.logger.warn(
      `no heartbeat from the database client's monitor for ${Math.round(silentMs / 1000)} s: it is wedged; opening a new client`,
    );
    try {
      this.unlisten();
      // A wedged client may not close cleanly either: it gets a few seconds, then is left behind.
      await Promise.race([this.connection.close().catch(() => undefined), delay(5_000)]);
      await this.connection.openUri(this.settings.uri, this.settings.options);
      this.logger.log('database client opened again');
    } catch (error) {
      // The database may really be away now: the next check tries again.
      this.logger.warn(`opening the database client again failed: ${(error as Error).message}`);
    } finally {
      this.lastHeardAt = this.now();
      this.listen();
      this.reopening = false;
    }
    return true;
  }

  private listen(): void {
    const client = this.connection.getClient();
    for (const event of HEARTBEAT_EVENTS) client.on(event, this.heard);
  }

  private unlisten(): void {
    const client = this.connection.getClient();
    for (const event of HEARTBEAT_EVENTS) client.off(event, this.heard);
  }
}
