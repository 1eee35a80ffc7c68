import { Logger } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { collectDefaultMetrics, register } from 'prom-client';
import { aggregatedWorkerMetrics, clusterMetrics, metricsComeFromPrimary } from './cluster-metrics';

export interface OpsServerOptions {
  port: number;
  host: string;
  /** Whether the app can do its work (broker connected, database answering). */
  ready: () => Promise<boolean>;
}

let defaultMetricsStarted = false;

/** Process metrics (CPU, memory, event loop lag, GC) once per process, beside Portico's own. */
export function collectProcessMetrics(): void {
  if (defaultMetricsStarted) return;
  defaultMetricsStarted = true;
  collectDefaultMetrics();
}

/** The Prometheus text exposition of everything this process (or its cluster) counts. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  if (metricsComeFromPrimary()) {
    return { contentType: register.contentType, body: await clusterMetrics() };
  }
  const merged = aggregatedWorkerMetrics();
  return { contentType: register.contentType, body: await (merged ?? register.metrics()) };
}

/**
 * The services have no HTTP API (they are reached over RabbitMQ), so they get this small listener
 * for what an orchestrator and Prometheus need: `/metrics`, `/health` (the process answers — a
 * liveness probe) and `/health/ready` (broker and database up — a readiness probe).
 */
export async function startOpsServer(options: OpsServerOptions): Promise<Server> {
  collectProcessMetrics();
  const logger = new Logger('OpsServer');
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (request.method !== 'GET') return send(405, 'text/plain', 'method not allowed\n');
    if (path === '/metrics') {
      renderMetrics().then(
        ({ contentType, body }) => send(200, contentType, body),
        (error: Error) => send(500, 'text/plain', `${error.message}\n`),
      );
    } else if (path === '/health') {
      send(200, 'application/json', '{"status":"ok"}');
    } else if (path === '/health/ready') {
      options.ready().then(
        (ok) =>
          send(
            ok ? 200 : 503,
            'application/json',
            JSON.stringify({ status: ok ? 'ok' : 'unavailable' }),
          ),
        () => send(503, 'application/json', '{"status":"unavailable"}'),
      );
    } else {
      send(404, 'text/plain', 'not found\n');
    }
  });
  server.listen(options.port, options.host);
  await once(server, 'listening');
  logger.log(`metrics and health on http://${options.host}:${options.port}`);
  return server;
}
