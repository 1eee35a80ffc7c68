import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { closeOnSignals, createLogger, metricsFromPrimary } from '@portico/runtime';
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
  await app.listen(config.port, config.host);
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
    runGatewayPrimary({
      workers: config.workers,
      shutdownTimeoutMs: config.messaging.shutdownTimeoutMs,
    });
    return;
  }
  await serve(config);
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
