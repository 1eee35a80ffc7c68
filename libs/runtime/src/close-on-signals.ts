import { Logger, type INestApplicationContext } from '@nestjs/common';

/**
 * Graceful shutdown on SIGTERM/SIGINT: Nest's lifecycle hooks stop consuming and let in-flight
 * work finish, then the process exits 0. (Nest's own enableShutdownHooks re-raises the signal,
 * which orchestrators report as a crash.) A second signal exits at once.
 */
export function closeOnSignals(app: INestApplicationContext, name: string): void {
  const close = gracefulClose(app, name);
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(130);
    signalled = true;
    close(`${signal} received`);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/**
 * Closes the app (in-flight work first) and exits 0, or 1 if closing failed. Whatever asks for it
 * (a signal, a cluster primary), it happens once.
 */
export function gracefulClose(
  app: INestApplicationContext,
  name: string,
): (reason: string) => void {
  const logger = new Logger(name);
  let closing = false;
  return (reason: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${reason}: finishing in-flight work, then exiting`);
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error(`shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
}
