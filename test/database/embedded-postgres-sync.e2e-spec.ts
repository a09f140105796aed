import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { SYNCED_MARKER } from '../../src/database/embedded-postgres';

interface Run {
  lines: string[];
  markedWhenStarted: boolean;
  answer: number;
}

/** One start and stop of the embedded PostgreSQL in `dir`, in a process of its own (embedded-postgres-run.ts). */
async function startAndStop(dir: string): Promise<Run> {
  const tsNode = require.resolve('ts-node/dist/bin.js');
  const script = resolve(__dirname, 'embedded-postgres-run.ts');
  const { stdout } = await promisify(execFile)(process.execPath, [tsNode, '--swc', script, dir], { timeout: 90_000 });
  return JSON.parse(stdout) as Run;
}

/** A cluster of its own, not the tests' shared one: initdb --no-sync, the background sync and its marker. */
describe('embedded PostgreSQL: a new data folder is confirmed on disk before it is trusted', () => {
  let dir: string;
  let marker: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'talqylau-pg-sync-'));
    chmodSync(dir, 0o755); // mkdtemp's 0700 keeps the postgres user (when the tests run as root) out
    marker = join(dir, 'pg', SYNCED_MARKER);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('marks a new folder once its background sync has ended', async () => {
    const run = await startAndStop(dir);
    expect(run.answer).toBe(1);
    expect(run.lines).toContain('the new data folder is synced to disk');
    expect(existsSync(marker)).toBe(true);
    expect(statSync(marker).uid).toBe(statSync(join(dir, 'pg')).uid);
  });

  it('starts a marked folder without syncing it again', async () => {
    const run = await startAndStop(dir);
    expect(run.answer).toBe(1);
    expect(run.lines.filter((line) => /synced/.test(line))).toEqual([]);
  });

  it('syncs a folder without the marker (its creator crashed before the sync ended) before starting it, then marks it', async () => {
    rmSync(marker);
    const run = await startAndStop(dir);
    // the first line, before any of the server's own
    expect(run.lines[0]).toMatch(/^synced the data folder to disk/);
    expect(run.markedWhenStarted).toBe(true);
    expect(run.answer).toBe(1);
  });
});
