import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

/** Where the compiled tree lives (dist/), whichever file imports this. */
export const DIST = resolve(__dirname, '..');
/** The repository (the build lives in .data/bench-build so that it never touches dist/, which tests may be running). */
export const ROOT = resolve(DIST, '..', '..');

/** BENCH_SCALE=0.05 makes a quick run; 1 is the full size of issue #8. */
export const SCALE = (() => {
  const raw = process.env.BENCH_SCALE ?? '1';
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new Error(`BENCH_SCALE must be in (0, 1], got "${raw}"`);
  return n;
})();
/** Seconds each load measurement runs (after a warm-up of BENCH_WARMUP seconds). */
export const DURATION = Number(process.env.BENCH_DURATION ?? 10);
export const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
export const BENCH_DIR = resolve(process.env.BENCH_DIR ?? join(ROOT, '.data', 'bench'));

export function scaled(full: number, min: number): number {
  return Math.max(min, Math.round(full * SCALE));
}

export function log(line: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

export { freePort } from '../src/database/embedded-postgres';

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Node flags the service runs with in production (package.json's start scripts, docker/Dockerfile):
 * every child of the bench gets them, the bare handler too, so that service and bare compare like with like.
 */
export const PRODUCTION_NODE_FLAGS = ['--no-parallel-scavenge'];

/** A child process whose output goes to a log file under BENCH_DIR. */
export function spawnNode(name: string, script: string, env: Record<string, string>, ipc = false): ChildProcess {
  const out = openSync(join(BENCH_DIR, `${name}.log`), 'a');
  const flags = [...PRODUCTION_NODE_FLAGS, ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])];
  return spawn(process.execPath, [...flags, script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ipc ? ['ignore', out, out, 'ipc'] : ['ignore', out, out],
  });
}

/** Polls GET url until it answers 200 (and, for /health, status ok); returns the time it took. */
export async function waitForOk(url: string, child: ChildProcess | null, timeoutMs = 60_000, pollMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null)
      throw new Error(`${url}: the process exited with code ${child.exitCode} (see its log under ${BENCH_DIR})`);
    try {
      const res = await fetch(url);
      if (res.ok) {
        const body = (await res.json().catch(() => ({}))) as { status?: string };
        if (body.status === undefined || body.status === 'ok') return;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await sleep(pollMs);
  }
}

export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** Asks a child (IPC) and waits for the answer of that type. */
export function ask<T>(child: ChildProcess, message: { type: string; [k: string]: unknown }, timeoutMs = 600_000): Promise<T> {
  return new Promise((resolveAnswer, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${message.type}`)), timeoutMs);
    const onMessage = (m: { type: string }) => {
      if (m.type !== `${message.type}:done`) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolveAnswer(m as T);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

export function waitMessage<T>(child: ChildProcess, type: string, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolveMessage, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} message`)), timeoutMs);
    const onExit = (code: number) => reject(new Error(`child exited with ${code} before ${type}`));
    child.once('exit', onExit);
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolveMessage(m as T);
    };
    child.on('message', onMessage);
  });
}
