import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { closeOnSignals } from '@portico/runtime';
import { loadConsoleConfig } from './config/console.config';
import { createConsole } from './create-console';

async function bootstrap(): Promise<void> {
  const config = loadConsoleConfig();
  const app = await createConsole(config);
  closeOnSignals(app, 'Console');
  await app.listen(config.port, config.host);
  new Logger('Console').log(`listening on ${await app.getUrl()} (public URL ${config.publicUrl})`);
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
