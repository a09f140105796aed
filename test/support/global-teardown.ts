import { rmSync } from 'node:fs';
import type { EmbeddedDatabase } from '../../src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as Record<string, unknown>).__TALQYLAU_PG__ as { server: EmbeddedDatabase; dir: string } | undefined;
  if (!pg) return;
  (globalThis as Record<string, unknown>).__TALQYLAU_PG__ = undefined;
  await pg.server.stop();
  rmSync(pg.dir, { recursive: true, force: true });
}
