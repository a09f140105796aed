import { Logger } from '@nestjs/common';
import type { PoolClient, Submittable } from 'pg';

/**
 * SQLSTATEs by which the server says that what pg remembers of a named statement on a connection
 * no longer holds: 0A000 "cached plan must not change result type" (a migration changed a selected
 * column's type, or added a column under `SELECT *` or `RETURNING *`), 26000 "prepared statement
 * does not exist" (DEALLOCATE, DISCARD ALL, a proxy that moved the session to another server
 * connection) and 42P05 "prepared statement already exists" (the reverse). For a named statement
 * pg would repeat each on every later use of that connection.
 */
const STALE_STATEMENT_CODES: ReadonlySet<unknown> = new Set(['0A000', '26000', '42P05']);

const logger = new Logger('Database');

export function isStaleStatementError(error: unknown): boolean {
  return STALE_STATEMENT_CODES.has((error as { code?: unknown } | null)?.code);
}

/** One line for the operator; 26000 and 42P05 over and over mean a proxy that shares server connections. */
export function reportStaleStatement(name: string, error: unknown, recovery: string): void {
  const { code, message } = error as { code: string; message: string };
  const proxyHint = code === '0A000' ? '' : ' (behind PgBouncer in transaction pooling mode, set DB_PREPARED_STATEMENTS=false)';
  logger.warn(`named statement ${name} failed with ${code} "${message}": ${recovery}${proxyHint}`);
}

/**
 * Makes `client` prepare `name` afresh on its next use: pg forgets that it parsed it
 * (`connection.parsedStatements`, pg 8) and the server drops it. The server is told with the
 * protocol's Close message, which it accepts even in a transaction that the error has aborted
 * (DEALLOCATE would be refused there); closing a statement it does not hold is no error. Queued on
 * the client, the Close runs before anything the caller sends after this resolves (the ROLLBACK).
 */
export async function forgetStatement(client: PoolClient, name: string): Promise<void> {
  const connection = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection;
  if (connection?.parsedStatements) delete connection.parsedStatements[name];
  await new Promise<void>((done) => client.query(closeStatement(name, done)));
}

/** Close + Sync as a query in pg's own queue. If it fails, the connection is lost (pg-pool drops it) or the next Parse meets 42P05 and comes here again. */
function closeStatement(name: string, done: () => void): Submittable {
  const close = {
    submit(connection: { close(message: { type: 'S'; name: string }): void; sync(): void }) {
      connection.close({ type: 'S', name });
      connection.sync();
    },
    handleReadyForQuery: () => done(),
    handleError: () => done(),
  };
  return close as unknown as Submittable;
}
