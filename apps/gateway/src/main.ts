import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { closeOnSignals } from '@portico/runtime';
import { loadGatewayConfig } from './config/gateway.config';
import { createGateway } from './create-gateway';

async function bootstrap(): Promise<void> {
  const config = loadGatewayConfig();
  const app = await createGateway(config);
  closeOnSignals(app, 'Gateway');
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);
  new Logger('Gateway').log(`listening on ${await app.getUrl()} (public URL ${config.publicUrl})`);
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
