import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pino from 'pino';
import { REQUEST_ID } from './common/answer-headers';
import type { AppConfig } from './config/config';
import { logTransport } from './log-format';

/** JSON lines are gathered up to this many bytes before a write to stdout... */
const LOG_BUFFER_BYTES = 4096;
/** ...or for at most this long. */
const LOG_FLUSH_MS = 250;
/** Warnings and errors are written at once. */
const FLUSHED_LEVEL = 40;

/**
 * The service's one pino logger: Nest's log lines (through nestjs-pino) and the access log write to it,
 * JSON lines to stdout, or pino-pretty for a person at a terminal. JSON lines are gathered into writes
 * of 4 KiB (at most 250 ms late): one write per access log line cost a system call and a round trip
 * through libuv's thread pool, 60-100 µs of the main thread per request on a busy machine. Warnings and
 * errors are written at once, and what is gathered is written when the process exits (pino's exit
 * handler); a process killed outright loses at most the last 250 ms of info lines.
 */
export function createRootLogger(config: Pick<AppConfig, 'logLevel'>): pino.Logger {
  const transport = logTransport(process.stdout.isTTY, process.env, config.logLevel);
  if (transport) return pino({ level: config.logLevel, transport });
  if (config.logLevel === 'silent') return pino({ level: 'silent' });
  const destination = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES, periodicFlush: LOG_FLUSH_MS });
  return pino(
    {
      level: config.logLevel,
      hooks: {
        logMethod(args, write, level) {
          write.apply(this, args);
          if (level >= FLUSHED_LEVEL) destination.flush();
        },
      },
    },
    destination,
  );
}

/** Paths whose requests are not logged (the health check a load balancer polls). */
const UNLOGGED = new Set(['/health']);

const requestId = (header: string | string[] | undefined) => (typeof header === 'string' && REQUEST_ID.test(header) ? header : undefined);

/** The access log line of one answered request: what was asked, by whom, the answer's status and time. */
export function accessLogLine(request: FastifyRequest, reply: FastifyReply) {
  return {
    req: {
      // the id every answer carries (x-request-id), which settleRequestId settled (answer-headers.ts); a request the
      // router refused before that hook still has the client's header, which is logged only if it is an id
      id: requestId(request.raw.headers['x-request-id']),
      method: request.method,
      url: request.url,
      remoteAddress: request.raw.socket?.remoteAddress,
    },
    res: { statusCode: reply.statusCode },
    responseTime: Math.round(reply.elapsedTime),
  };
}

/**
 * One line per answered request, in the shape pino-http wrote (`request completed` at info, `request
 * errored` at error for a 5xx; `req` {id, method, url, remoteAddress}, `res` {statusCode},
 * `responseTime` in ms), from a Fastify hook after the answer is sent. Replaces nestjs-pino's
 * middleware, whose AsyncLocalStorage put a promise hook on every promise of the process (the request's
 * own logs carry the request id explicitly instead: error.filter.ts).
 */
export function addAccessLog(instance: FastifyInstance, logger: pino.Logger): void {
  if (!logger.isLevelEnabled('error')) return;
  instance.addHook('onResponse', (request, reply, done) => {
    if (!UNLOGGED.has(request.url)) {
      if (reply.statusCode >= 500) logger.error(accessLogLine(request, reply), 'request errored');
      else if (logger.isLevelEnabled('info')) logger.info(accessLogLine(request, reply), 'request completed');
    }
    done();
  });
}
