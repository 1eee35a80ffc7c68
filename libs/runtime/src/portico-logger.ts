import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { logLevelsFrom } from '@portico/config';
import { correlation } from '@portico/messaging';

/**
 * Nest's console logger, one JSON object per line in production (`LOG_FORMAT=json`), each naming
 * the `correlation_id` of the request or message it was written for.
 */
export class PorticoLogger extends ConsoleLogger {
  protected override getJsonLogObject(
    message: unknown,
    options: Parameters<ConsoleLogger['getJsonLogObject']>[1],
  ): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const record = super.getJsonLogObject(message, options);
    const id = correlation.current();
    return id ? { ...record, correlation_id: id } : record;
  }
}

export function createLogger(options: { level: LogLevel; format: 'json' | 'text' }): PorticoLogger {
  const json = options.format === 'json';
  return new PorticoLogger({ json, colors: !json, logLevels: logLevelsFrom(options.level) });
}
