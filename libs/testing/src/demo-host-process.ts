import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort } from './app-process';
import { PROJECT_ROOT } from './project-paths';
import { waitFor } from './wait-for';

const SERVER = join(PROJECT_ROOT, 'examples/demo-host/server.mjs');

/** examples/demo-host as its own process on a free 127.0.0.1 port: a host page on its own origin. */
export class DemoHostProcess {
  private output = '';

  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /** `port`: chosen beforehand (freePort) when its origin must be allowed before it starts. */
  static async start(options: {
    porticoUrl: string;
    apiKey: string;
    port?: number;
  }): Promise<DemoHostProcess> {
    const port = options.port ?? (await freePort());
    const child = spawn(process.execPath, [SERVER], {
      env: {
        ...process.env,
        PORTICO_URL: options.porticoUrl,
        PORTICO_API_KEY: options.apiKey,
        DEMO_HOST_PORT: String(port),
        DEMO_HOST_BIND: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const host = new DemoHostProcess(`http://127.0.0.1:${port}`, child);
    await waitFor('the demo host', async () => (await fetch(`${host.url}/health`)).ok, {
      timeoutMs: 10_000,
      intervalMs: 100,
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${host.output}`);
    });
    return host;
  }

  get logs(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}
