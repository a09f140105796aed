/**
 * What each figure of the report is limited by now: one short text per scenario, written from the
 * evidence named in it (CPU per request of the service against the bare handler, the statements'
 * times in `statements-*.json` from pg_stat_statements, CPU profiles with `BENCH_NODE_FLAGS=--cpu-prof`).
 * The report prints them next to the figures; revise them after each full run that changes the picture.
 */
export const LIMITED_BY = {
  submit:
    "the service's layers: its CPU per request is about twice the bare handler's for the same three statements; both share 2 cores with PostgreSQL and the load generator",
  steadySubmit:
    'waiting for a core, not work: at 200/s the three statements take a few ms (bare p50); the tail follows the other processes on the 2 cores (compare the bare p99 at the same rate)',
  steadyPage: 'as the steady submissions: a page is a few ms of work; the tail is scheduling on 2 shared cores',
  hotPlan:
    "CPU of the answering process (1,000 connections queue for it; compare CPU per request); the plan's rows and indexes take no lock that serialises the inserts (stored = acknowledged, no errors)",
  pages:
    "the service's layers (CPU per request service against bare); the page's four statements (visibility, page, answers, verdicts) are index scans under 1 ms each",
  lists:
    "the listing's five statements and their mapping (CPU per request, service and bare alike high); search by the GIN index (pg_stat_statements)",
  sweep: 'PostgreSQL writes: the marking UPDATE and the outbox INSERTs (pg_stat_statements of the sweep)',
  dispatch: 'SMTP round trips and one UPDATE per message marked sent (at-least-once kept per message)',
  coldFresh: "initdb of the embedded PostgreSQL, then the migrations and Nest's module initialisation",
  coldRestart: "starting PostgreSQL on an existing folder and Nest's module initialisation",
} as const;

export type LimitedByKey = keyof typeof LIMITED_BY;
