import pg from 'pg';
import type { PoolClient, QueryConfig, QueryResult } from 'pg';
import { isStaleStatementError } from './stale-statements';

/**
 * pg's Pool, except that `query(config)` keeps its connection when PostgreSQL answers the statement
 * with an error (a unique violation, a statement timeout, a value out of range): the connection has
 * said ReadyForQuery and serves the next statement as well as any other. pg-pool's own `query`
 * releases the connection with the error, which ends it, so each such error cost a new connection
 * (a backend start and authentication) and the statements it had prepared. Anything else still
 * drops the connection: an error that is not the server's (the socket, a client-side timeout), one
 * of severity FATAL or PANIC (the server ends the session), a connection exception (class 08), a
 * session ended or a transaction left failed (57P0x, 25P02), a stale named statement
 * (stale-statements.ts).
 * Any other call shape (text and values, a callback) is pg-pool's own.
 */
export class ServerErrorKeepingPool extends pg.Pool {}

const ownQuery = Reflect.get(pg.Pool.prototype, 'query') as (this: pg.Pool, ...args: unknown[]) => unknown;
// assigned rather than overridden: pg's typings declare query with a dozen overloads
(ServerErrorKeepingPool.prototype as unknown as { query: (this: pg.Pool, ...args: unknown[]) => unknown }).query = function (
  this: pg.Pool,
  ...args: unknown[]
) {
  const [config] = args;
  if (args.length !== 1 || typeof config !== 'object' || config === null) return ownQuery.apply(this, args);
  return queryKeepingConnection(this, config as QueryConfig);
};

/** The pg module as TypeORM's `driver` option, with the pool above (data-source-options.ts). */
export const pgKeepingConnections: typeof pg = { ...pg, Pool: ServerErrorKeepingPool };

function queryKeepingConnection(pool: pg.Pool, config: QueryConfig): Promise<QueryResult> {
  return new Promise((resolve, reject) => {
    pool.connect((connectError: Error | undefined, client: PoolClient | undefined, release: (error?: Error) => void) => {
      if (connectError || !client) {
        reject(connectError ?? new Error('the pool gave no connection'));
        return;
      }
      let settled = false;
      const settle = (error: Error | undefined, result?: QueryResult) => {
        if (settled) return;
        settled = true;
        client.removeListener('error', onConnectionError);
        release(error && !connectionSurvives(error) ? error : undefined);
        if (error) reject(error);
        else resolve(result as QueryResult);
      };
      // a checked-out client that errs with no listener would throw (pg-pool's query listens too)
      const onConnectionError = (error: Error) => settle(error);
      client.once('error', onConnectionError);
      try {
        client.query(config, (error: Error | null, result: QueryResult) => settle(error ?? undefined, result));
      } catch (error) {
        // as pg-pool's query: a config pg refuses before sending ends here, with the connection dropped
        settle(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/**
 * Whether a connection is still fit after `error`: PostgreSQL answered it at severity ERROR (not
 * FATAL or PANIC, which end the session) with a SQLSTATE that leaves the session as it was. The
 * severity is the server's localized word, so with lc_messages in another language every error
 * drops the connection, as pg-pool did.
 */
export function connectionSurvives(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError) || error.severity !== 'ERROR' || typeof error.code !== 'string') return false;
  const code = error.code;
  if (code.startsWith('08') || code.startsWith('57P') || code === '25P02') return false;
  return !isStaleStatementError(error);
}
