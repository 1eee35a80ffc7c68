import { gracefulClose } from '@portico/runtime';
import type { INestApplicationContext } from '@nestjs/common';

export const SHUTDOWN_MESSAGE = { type: 'portico:shutdown' } as const;

/**
 * A cluster worker's shutdown belongs to the primary: it drains when the primary asks, or when
 * the primary is gone (the IPC channel closed). Signals are left to the primary — a terminal's
 * Ctrl-C reaches the whole process group, and a worker that counted it as well would see the
 * primary's request as a second signal and exit without draining.
 */
export function closeWhenPrimaryAsks(app: INestApplicationContext): void {
  const close = gracefulClose(app, `GatewayWorker ${process.pid}`);
  process.on('message', (message: { type?: string }) => {
    if (message?.type === SHUTDOWN_MESSAGE.type) close('the primary asked to stop');
  });
  process.on('disconnect', () => close('the primary is gone'));
  process.on('SIGTERM', () => undefined);
  process.on('SIGINT', () => undefined);
}
