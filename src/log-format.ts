/** pino's transport to pino-pretty: coloured, one readable line per event, times in local time. */
export interface PrettyTransport {
  /** pino-pretty's file: pino resolves a bare name from its caller's folder, which fails from outside node_modules' reach. */
  target: string;
  options: { colorize: boolean; translateTime: string; ignore: string; singleLine: boolean };
}

/**
 * How the logs are written: readable lines (pino-pretty) for a person at a terminal, JSON lines for
 * anything else (a file, a pipe, a log collector). LOG_FORMAT=json or LOG_FORMAT=pretty overrides the
 * guess; silent logs need no transport (a worker thread each).
 */
export function logTransport(stdoutIsTty: boolean | undefined, env: { LOG_FORMAT?: string }, level: string): PrettyTransport | undefined {
  if (level === 'silent') return undefined;
  const format = env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty' ? env.LOG_FORMAT : stdoutIsTty === true ? 'pretty' : 'json';
  if (format === 'json') return undefined;
  return {
    target: require.resolve('pino-pretty'),
    options: { colorize: stdoutIsTty === true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true },
  };
}
