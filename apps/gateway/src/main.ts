import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AmqpConnection } from '@portico/messaging';
import { closeOnSignals, startOpsServer } from '@portico/runtime';
import { loadGatewayConfig } from './config/gateway.config';
import { createGateway } from './create-gateway';

async function bootstrap(): Promise<void> {
  const config = loadGatewayConfig();
  const app = await createGateway(config);
  closeOnSignals(app, 'Gateway');
  await app.listen(config.port, config.host);
  if (config.ops.port > 0) {
    // /metrics off the public port; readiness stays on the HTTP port's /health/ready.
    const connection = app.get(AmqpConnection);
    await startOpsServer({ ...config.ops, ready: async () => connection.isConnected });
  }
  new Logger('Gateway').log(`listening on ${await app.getUrl()} (public URL ${config.publicUrl})`);
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
