import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait-for';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status this receiver answered. */
  status: number;
  at: number;
}

/**
 * An operator's webhook endpoint on loopback: records every request and answers the statuses it
 * is told to, in order (200 once they run out). It can go down and come back on the same port.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly script: number[] = [];
  private server?: Server;
  private port = 0;

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await receiver.listen();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** The next answers, in order; then 200 again. */
  answerWith(...statuses: number[]): void {
    this.script.push(...statuses);
  }

  /** The next request is never answered (held open), as if the receiver hung. */
  holdNext(): void {
    this.holds += 1;
  }
  private holds = 0;

  /** Every answer from now on is this status (until `answerWith` or `reset`). */
  alwaysAnswer(status: number | null): void {
    this.always = status;
  }
  private always: number | null = null;

  async listen(): Promise<void> {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (this.holds > 0) {
          this.holds -= 1;
          this.received.push({ headers: req.headers, body, status: 0, at: Date.now() });
          return;
        }
        const status = this.script.shift() ?? this.always ?? 200;
        this.received.push({ headers: req.headers, body, status, at: Date.now() });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(`answered ${status}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening (connections are refused) but keeps the port for `listen` to come back on. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Requests carrying this `webhook-id`. */
  withId(webhookId: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.headers['webhook-id'] === webhookId);
  }

  waitForRequest(
    what: string,
    match: (r: ReceivedWebhook) => boolean,
    timeoutMs = 30_000,
  ): Promise<ReceivedWebhook> {
    return waitFor(`${what} at the receiver`, async () => this.received.find(match), {
      timeoutMs,
      intervalMs: 50,
    });
  }
}
