import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';
import 'reflect-metadata';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrate';
import { TEMPLATE_DB, withDatabase } from './test-db';

/**
 * One PostgreSQL for the whole run: DATABASE_URL when given, else an embedded server in a temporary
 * folder. Migrations run once into a template database; each test file clones it (test-db.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TALQYLAU_TEST_ADMIN_URL) return; // a second project in the same run
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'talqylau-test-'));
    chmodSync(dir, 0o755); // the postgres user must be able to enter it
    const server = await startEmbeddedPostgres(dir);
    (globalThis as Record<string, unknown>).__TALQYLAU_PG__ = { server, dir };
    adminUrl = server.url;
  }
  await withDatabase(adminUrl, async (client: Client) => {
    await client.query(`UPDATE pg_database SET datistemplate = false WHERE datname = '${TEMPLATE_DB}'`);
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  });
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  await runMigrations(templateUrl.toString());
  process.env.TALQYLAU_TEST_ADMIN_URL = adminUrl;
  writeFileSync(join(tmpdir(), 'talqylau-test-admin-url'), adminUrl);
}
