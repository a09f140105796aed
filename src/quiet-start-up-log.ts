import type { LoggerService } from '@nestjs/common';

/**
 * Nest's own lines at start-up that say only that everything went as planned: one per module
 * ("… dependencies initialized"), one per controller and one per route ("Mapped {…} route"), some
 * 250 lines of every start. They are written at debug level instead of info (LOG_LEVEL=debug shows
 * them); their warnings and errors, and every other line, stay as they are.
 */
export const START_UP_NOISE: ReadonlySet<string> = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** `logger` with Nest's start-up noise (START_UP_NOISE's contexts, at log level) moved to debug. */
export function quietStartUpLog(logger: LoggerService): LoggerService {
  return {
    log: (message: unknown, ...params: unknown[]) => {
      const context = params[params.length - 1];
      if (typeof context === 'string' && START_UP_NOISE.has(context)) logger.debug?.(message, ...params);
      else logger.log(message, ...params);
    },
    error: (message: unknown, ...params: unknown[]) => void logger.error(message, ...params),
    warn: (message: unknown, ...params: unknown[]) => void logger.warn(message, ...params),
    debug: (message: unknown, ...params: unknown[]) => void logger.debug?.(message, ...params),
    verbose: (message: unknown, ...params: unknown[]) => void logger.verbose?.(message, ...params),
    fatal: (message: unknown, ...params: unknown[]) => void logger.fatal?.(message, ...params),
  };
}
