/**
 * What each figure of the report is limited by now: one short text per scenario, written from the
 * evidence named in it (CPU per request of the service against the bare handler, the statements'
 * times in `statements-*.json` from pg_stat_statements, CPU profiles with `BENCH_NODE_FLAGS=--cpu-prof`).
 * The report prints them next to the figures; revise them after each full run that changes the picture.
 */
export const LIMITED_BY = {
  submit:
    "the service's layers (Nest's router and pipes, the guard's token check, the access log): its CPU per request is about 1.5 times the bare handler's for the same three prepared statements; the process, PostgreSQL and the load generator share 2 cores",
  steadySubmit:
    "stalls of the service process, not the statements (insert 0.5 ms and lookup 0.2 ms on average in pg_stat_statements during the run): the p99 moves between runs (93 ms measured alone, 151 ms right after the saturation rounds) while the bare handler's stays at 46-70 ms; most likely garbage collection of the heap the saturation rounds grew (not profiled yet)",
  steadyPage: 'as the steady submissions: a page is a few ms of work; the tail is the service process stalling or waiting for a core',
  hotPlan:
    "CPU of the answering process (1,000 connections queue for it; compare CPU per request); the plan's rows and indexes take no lock that serialises the inserts (stored = acknowledged, no errors)",
  pages:
    "the service's work that the bare handler skips (masking personal data in every remark and answer, the verdict windows, localization, the ETag) and its layers: about 1.2-1.4 ms of CPU per page against 0.7-0.8 ms; the four statements are index scans under 1 ms each",
  lists:
    "the service's own work for the same statements: each item carries its hearing, protocol, notice and outcome (five statements more than the plan itself, which the bare handler now runs and maps too), mapped through TypeORM's entities, localized by the generic walk, and the ETag: 4-5.5 ms of CPU per request against 1.7-2.1 ms (measured while the bare handler did not load them yet)",
  sweep:
    'PostgreSQL writes: the outbox inserts (10.1 s of statement time, both instances together) and the claims that insert the markers (4.8 s), in pg_stat_statements of the sweep',
  dispatch:
    'SMTP round trips (16 messages on their way over 8 connections) and nodemailer (about 1 ms of CPU a message); the sent marks are grouped, one UPDATE per group',
  coldFresh: 'loading the application (about 2,500 modules, 2-2.7 s of CPU) while initdb runs, then the migrations',
  coldRestart: 'loading the application while PostgreSQL starts on the existing folder',
} as const;

export type LimitedByKey = keyof typeof LIMITED_BY;
