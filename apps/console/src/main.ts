import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { closeOnSignals } from '@portico/runtime';
import { loadConsoleConfig } from './config/console.config';
import { createConsole } from './create-console';

async function bootstrap(): Promise<void> {
  const config = loadConsoleConfig();
  const app = await createConsole(config);
  closeOnSignals(app, 'Console');
  // Cache invalidations (@HandleEvent, per instance) before the first request is served.
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);
  new Logger('Console').log(`listening on ${await app.getUrl()} (public URL ${config.publicUrl})`);
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
