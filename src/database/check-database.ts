import { Client } from 'pg';
import { ConfigError, redact } from '../config/config';

/** Fails with a one-line reason when the database at `url` cannot be reached. */
export async function checkDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new ConfigError(
      `the database at DATABASE_URL ${redact(url)} is not reachable (${error instanceof Error ? error.message : String(error)})`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
