import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PRODUCTION_NODE_FLAGS } from '../../../bench/common';
import { freePort, http, waitUntil } from './util';

const ROOT = resolve(__dirname, '..', '..', '..');
export const MAIN = join(ROOT, 'dist', 'src', 'main.js');
export const SESSION_SECRET = 'fault-test-session-secret-0123456789';

/** Dispatcher timing for the fault tests: short leases and retries so that recovery fits in a test. */
export const FAULT_ENV = {
  OUTBOX_LEASE_SECONDS: '30',
  OUTBOX_RETRY_BASE_SECONDS: '1',
  OUTBOX_RETRY_MAX_SECONDS: '4',
};

/** The built service (`node dist/src/main.js`, with production's Node flags) as a child process on a port of its own. */
export class ServiceInstance {
  private process: ChildProcess | null = null;
  port = 0;
  starts = 0;
  /** Exits nobody asked for (a crash). */
  readonly unexpectedExits: { code: number | null; signal: string | null }[] = [];
  private expectingExit = false;

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.process !== null;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  async start(): Promise<number> {
    if (this.process) return 0;
    if (!this.port) this.port = await freePort();
    const started = Date.now();
    this.starts++;
    const log = createWriteStream(join(this.logDir, `${this.name}.log`), { flags: 'a' });
    log.write(`--- start ${this.starts} at ${new Date().toISOString()}\n`);
    const child = spawn(process.execPath, [...PRODUCTION_NODE_FLAGS, MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        CLOCK_MODE: 'system',
        SESSION_SECRET,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'talqylau-faults-data-')),
        LOG_LEVEL: 'warn',
        DEFAULT_LOCALE: 'en',
        PUBLIC_URL: 'http://talqylau.test',
        ...FAULT_ENV,
        ...this.env,
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.process = child;
    this.expectingExit = false;
    child.once('exit', (code, signal) => {
      if (this.process === child) this.process = null;
      if (!this.expectingExit) this.unexpectedExits.push({ code, signal });
    });
    await waitUntil(
      async () => {
        if (!this.process) throw new Error(`${this.name} exited during start-up; see its log in ${this.logDir}`);
        try {
          return (await http('GET', `${this.url}/health`, { timeoutMs: 2000 })).status === 200;
        } catch {
          return false;
        }
      },
      60_000,
      `${this.name} to answer /health`,
      200,
    );
    return Date.now() - started;
  }

  /** kill -9: no shutdown hook runs, claimed e-mails stay leased, open requests are cut. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.process;
    if (!child) return;
    this.expectingExit = true;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
    this.process = null;
  }

  stop(): Promise<void> {
    return this.kill('SIGTERM');
  }
}
