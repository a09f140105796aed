import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createTestDatabase, dropTestDatabase } from '../support/test-db';

const ROOT = resolve(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: string[];
}

/**
 * The service as `npm start` runs it (src and migrations compiled by swc with the project's .swcrc,
 * like `npm run build`, into a folder of its own beside node_modules), on a database of its own,
 * stopped with SIGTERM once it listens (or with `signals`, one after the other).
 */
function runAndStop(build: string, databaseUrl: string, signals: NodeJS.Signals[], port = 0, beforeStop = async () => {}): Promise<Run> {
  const child = spawn(process.execPath, [join(build, 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'talqylau-shutdown-data-')),
      LOG_LEVEL: 'info',
      SESSION_SECRET: 'shutdown-test-secret-0123456789',
      DEFAULT_LOCALE: 'en',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let signalled = false;
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.includes('talqylau is listening') && !signalled) {
      signalled = true;
      void beforeStop().finally(() => signals.forEach((signal) => child.kill(signal)));
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const giveUp = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((done) =>
    child.once('close', (code, signal) => {
      clearTimeout(giveUp);
      done({ code, signal, lines: output.split('\n').filter((line) => line.trim() !== '') });
    }),
  );
}

/** Log lines at level error (50) or fatal (60), and lines that are no JSON log line (the start-up line is one too). */
function complaints(lines: string[]): string[] {
  return lines.filter((line) => {
    try {
      return (JSON.parse(line) as { level?: number }).level! >= 50;
    } catch {
      return true;
    }
  });
}

describe('shutdown: SIGTERM stops the service cleanly and quietly', () => {
  let build: string;
  let databaseUrl: string;
  beforeAll(() => {
    mkdirSync(join(ROOT, '.data'), { recursive: true });
    build = mkdtempSync(join(ROOT, '.data', 'shutdown-build-'));
    const swc = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'swc'),
      ['src', 'migrations', '-d', build, '--copy-files', '-q', '--config-file', '.swcrc'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (swc.status !== 0) throw new Error(`swc could not build the service: ${swc.stderr}`);
  });
  beforeEach(async () => {
    databaseUrl = await createTestDatabase();
  });
  afterEach(async () => {
    await dropTestDatabase(databaseUrl);
  });
  afterAll(() => {
    if (build) rmSync(build, { recursive: true, force: true });
  });

  it('exits with code 0 and logs nothing at level error (no "Called end on pool more than once")', async () => {
    const run = await runAndStop(build, databaseUrl, ['SIGTERM']);
    expect(complaints(run.lines)).toEqual([]);
    expect(run.lines.join('\n')).not.toContain('Called end on pool');
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
  });

  it('writes the access log line of every request answered before SIGTERM (lines gathered for one write are not lost)', async () => {
    const port = await freePort();
    const paths = ['/', '/?status=stage1', '/api/v1/plans?limit=3'];
    const run = await runAndStop(build, databaseUrl, ['SIGTERM'], port, async () => {
      for (const path of paths) expect((await fetch(`http://127.0.0.1:${port}${path}`)).status).toBe(200);
    });
    const logged = run.lines.flatMap((line) => {
      const entry = JSON.parse(line) as { msg?: string; req?: { url: string } };
      return entry.msg === 'request completed' ? [entry.req!.url] : [];
    });
    expect(logged).toEqual(paths);
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
  });

  it('the same when SIGTERM and SIGINT arrive together', async () => {
    const run = await runAndStop(build, databaseUrl, ['SIGTERM', 'SIGINT', 'SIGTERM']);
    expect(complaints(run.lines)).toEqual([]);
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
  });
});
