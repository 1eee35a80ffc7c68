import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AmqpConnection } from '@portico/messaging';
import { closeOnSignals, createLogger, metricsFromPrimary, startOpsServer } from '@portico/runtime';
import cluster from 'node:cluster';
import { runGatewayPrimary } from './cluster/gateway-primary';
import { closeWhenPrimaryAsks } from './cluster/worker-shutdown';
import { loadGatewayConfig, type GatewayConfig } from './config/gateway.config';

async function serve(config: GatewayConfig): Promise<void> {
  // Loaded here, not at the top: the cluster primary never builds the app.
  const { createGateway } = await import('./create-gateway');
  const app = await createGateway(config);
  if (cluster.isWorker) {
    metricsFromPrimary();
    closeWhenPrimaryAsks(app);
  } else {
    closeOnSignals(app, 'Gateway');
  }
  // Cache invalidations (@HandleEvent, per instance) before the first request is served.
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);
  if (config.ops.port > 0 && !cluster.isWorker) {
    // /metrics off the public port; readiness stays on the HTTP port's /health/ready.
    const connection = app.get(AmqpConnection);
    await startOpsServer({ ...config.ops, ready: async () => connection.isConnected });
  }
  const who = cluster.isWorker ? `worker ${process.pid} ` : '';
  new Logger('Gateway').log(
    `${who}listening on ${await app.getUrl()} (public URL ${config.publicUrl})`,
  );
}

async function bootstrap(): Promise<void> {
  // Validated once, in the primary too: a bad variable stops the start, not every worker.
  const config = loadGatewayConfig();
  if (cluster.isPrimary && config.workers > 1) {
    Logger.overrideLogger(createLogger(config.logging));
    const primary = runGatewayPrimary({
      workers: config.workers,
      shutdownTimeoutMs: config.messaging.shutdownTimeoutMs,
    });
    if (config.ops.port > 0) {
      // One ops listener per machine, served by the primary: its /metrics is every worker's,
      // merged (aggregateWorkerMetrics), and the workers keep /metrics off the public port.
      await startOpsServer({ ...config.ops, ready: async () => primary.listeningWorkers() > 0 });
    }
    return;
  }
  await serve(config);
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
