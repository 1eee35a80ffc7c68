import type { LogLevel } from '@nestjs/common';

const ORDER: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Nest wants the list of enabled levels; operators think in a threshold. */
export function logLevelsFrom(threshold: LogLevel): LogLevel[] {
  return ORDER.slice(0, ORDER.indexOf(threshold) + 1);
}
