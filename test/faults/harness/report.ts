import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LoadStats, Verdict } from './load';

export const ARTIFACTS = resolve(__dirname, '..', '..', '..', 'test-artifacts', 'faults');
export const RESULTS_FILE = join(ARTIFACTS, 'results.json');

export function logDir(scenario: string): string {
  const dir = join(ARTIFACTS, 'logs', scenario);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function percentiles(values: number[]): { p50: number; p95: number; max: number } | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

/** The load figures worth keeping (maps become counts). */
export function summarize(stats: LoadStats, verdict: Verdict): Record<string, unknown> {
  return {
    remarkRequests: stats.remarkRequests,
    remarkRetries: stats.remarkRetries,
    answerRequests: stats.answerRequests,
    answerRetries: stats.answerRetries,
    remarksRefused: stats.remarkRefused.length,
    remarksGivenUp: stats.remarkGaveUp.length,
    answersGivenUp: stats.answerGaveUp.length,
    failuresByKind: stats.failuresByKind,
    loadDurationMs: stats.durationMs,
    latencyMs: { remark: percentiles(stats.latencies.remark), answer: percentiles(stats.latencies.answer) },
    ...verdict,
    acceptedButLost: verdict.acceptedButLost.length,
    acceptedWithOtherId: verdict.acceptedWithOtherId.length,
    storedMoreThanOnce: verdict.storedMoreThanOnce.length,
    emailsMissing: verdict.emailsMissing.length,
    emailsDuplicated: verdict.emailsDuplicated.reduce((n, d) => n + d.copies - 1, 0),
    emailsDuplicatedDetail: verdict.emailsDuplicated.slice(0, 20),
  };
}

/** Merges one scenario's figures into test-artifacts/faults/results.json. */
export function record(scenario: string, figures: Record<string, unknown>): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  const all = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>) : {};
  all[scenario] = { recordedAt: new Date().toISOString(), ...figures };
  writeFileSync(RESULTS_FILE, JSON.stringify(all, null, 2) + '\n');
}
