import { Logger, type INestApplicationContext } from '@nestjs/common';

/**
 * Graceful shutdown on SIGTERM/SIGINT: Nest's lifecycle hooks stop consuming and let in-flight
 * work finish, then the process exits 0. (Nest's own enableShutdownHooks re-raises the signal,
 * which orchestrators report as a crash.) A second signal exits at once.
 */
export function closeOnSignals(app: INestApplicationContext, name: string): void {
  const logger = new Logger(name);
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(130);
    closing = true;
    logger.log(`${signal} received: finishing in-flight work, then exiting`);
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error(`shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
