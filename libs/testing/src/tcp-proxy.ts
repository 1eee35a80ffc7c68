import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';

/**
 * A TCP hop between an app and a dependency that a test can cut and restore: the dependency
 * "goes away" for that one app (an outage, a network partition) while the shared test database
 * or broker keeps serving everybody else.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private cutOff = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const server = createServer((client) => {
      if (!proxy || proxy.cutOff) {
        client.destroy();
        return;
      }
      const upstream = createConnection({ host: targetHost, port: targetPort });
      for (const socket of [client, upstream]) {
        proxy.sockets.add(socket);
        socket.on('close', () => proxy?.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    proxy = new TcpProxy(server, typeof address === 'object' && address ? address.port : 0);
    return proxy;
  }

  /** Drops every open connection and refuses new ones until `restore`. */
  cut(): void {
    this.cutOff = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.cutOff = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Host and port of a single-host URI such as `mongodb://127.0.0.1:27017/`. */
export function hostAndPort(uri: string): { host: string; port: number } {
  const parsed = new URL(uri);
  return { host: parsed.hostname, port: Number(parsed.port || 27017) };
}

/** The same URI pointed at a local port (a proxy's). */
export function uriWithLocalPort(uri: string, port: number): string {
  const parsed = new URL(uri);
  parsed.host = `127.0.0.1:${port}`;
  return parsed.toString();
}
