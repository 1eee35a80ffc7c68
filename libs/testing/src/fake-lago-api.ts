import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LagoApiRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/customers/acme/current_usage?external_subscription_id=s1`. */
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface LagoApiReply {
  status: number;
  body?: unknown;
}

type Route = (request: LagoApiRequest, match: RegExpExecArray) => LagoApiReply | 'hang';

/**
 * Lago's REST API as a stand-in on loopback (Lago itself cannot run in tests): it records every
 * request and answers what a test told it to, route by route (`404` for anything else). Its
 * `apiUrl` goes in the organization's Lago settings; Lago's official client talks to it.
 */
export class FakeLagoApi {
  readonly received: LagoApiRequest[] = [];
  private readonly routes: { method: string; path: RegExp; route: Route }[] = [];
  private server?: Server;

  static async start(): Promise<FakeLagoApi> {
    const api = new FakeLagoApi();
    await api.listen();
    return api;
  }

  get apiUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Answers requests whose path (query included) matches; the latest route given wins. */
  on(method: string, path: RegExp, route: Route): this {
    this.routes.unshift({ method: method.toUpperCase(), path, route });
    return this;
  }

  /** The requests made to a method and path. */
  requestsTo(method: string, path: RegExp): LagoApiRequest[] {
    return this.received.filter((r) => r.method === method.toUpperCase() && path.test(r.path));
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const request: LagoApiRequest = {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: req.headers,
          body: text ? safeJson(text) : null,
        };
        this.received.push(request);
        for (const { method, path, route } of this.routes) {
          const match = method === request.method ? path.exec(request.path) : null;
          if (!match) continue;
          const reply = route(request, match);
          if (reply === 'hang') return;
          res
            .writeHead(reply.status, { 'content-type': 'application/json' })
            .end(reply.body === undefined ? '' : JSON.stringify(reply.body));
          return;
        }
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 404, error: 'Not Found', code: 'not_found' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
