/**
 * What each figure of the report is limited by now: one short text per scenario, written from the
 * evidence named in it (CPU per request of the service against the bare handler, the statements'
 * times in `statements-*.json` from pg_stat_statements, CPU profiles with `BENCH_NODE_FLAGS=--cpu-prof`).
 * The report prints them next to the figures; revise them after each full run that changes the picture.
 */
export const LIMITED_BY = {
  submit:
    "the service's layers (Nest's router, guards and pipes, the guard's token check, the hooks, the access log): 0.75-0.9 ms of CPU per submission against 0.5-0.6 ms for the same three prepared statements; the process, PostgreSQL and the load generator share 2 cores",
  steadySubmit:
    "the service process between its requests, not the statements (0.2-0.5 ms on average in pg_stat_statements): the OCDS backfill and sync let the event loop turn every 200 releases (2,000 in one turn held it 25-60 ms); p99 44-78 ms in the last four full runs (151, 93 and 73 ms before), the bare handler's 41-48 ms",
  steadyPage: 'as the steady submissions: a page is a few ms of work; the tail is the service process stalling or waiting for a core',
  hotPlan:
    "CPU of the answering process (1,000 connections queue for it; compare CPU per request); the plan's rows and indexes take no lock that serialises the inserts (stored = acknowledged, no errors)",
  pages:
    "the service's layers alone, since the bare handler answers the same JSON (test/bench/bare-page): 1.0-1.3 ms of CPU per page against 0.8-0.9 ms in the fifth session's run (0.9-1.35 against 0.6-1.0 before; both processes now run with --no-parallel-scavenge, which saved the service about 0.1 ms a page in socket runs and the bare handler nothing to be measured). Of that difference, the same RemarksService.list answered from a plain Fastify route inside the service process (third session of issue 18) put about 0.2 ms in the global Fastify hooks (request id and security headers, cookie, compression, multipart, Cache-Control and ETag, access log; multipart's two hooks and the middleware runner are gone since the fourth session, with no change out of the noise), about 0.1 ms in Nest's router, guard and pipes (the fifth session's interleaved runs of the same route found no difference to be measured), and about 0.1 ms in the service's own code in its larger process (each about ±0.1 ms). GC is not the gap over sockets: 34 µs per page against 26 µs (seventh session; the larger difference the fifth session measured in-process was the harness's). The OCDS backfill and the sweeps are not the cause: pages-only runs with them off gave the same ratios. The small plan's page has the least PostgreSQL work, so its ratio follows the CPU ratio most closely; between rounds of one run a ratio moves by up to 25 points",
  lists:
    "the service's own work for the same statements (the bare handler runs and maps the same hearing, protocol, notice and outcome statements since this session, test/bench/bare-listing): TypeORM's entity mapping, the generic localization walk, the ETag and the layers: 3.7-3.9 ms of CPU per request against 2.9-3.1 ms",
  sweep:
    'PostgreSQL writes: the outbox inserts (10.1 s of statement time, both instances together) and the claims that insert the markers (4.8 s), in pg_stat_statements of the sweep',
  dispatch:
    'SMTP round trips (16 messages on their way over 8 connections) and nodemailer (about 1 ms of CPU a message); the sent marks are grouped, one UPDATE per group',
  coldFresh: 'loading the application (about 2,500 modules, 2-2.7 s of CPU) while initdb runs, then the migrations',
  coldRestart: 'loading the application while PostgreSQL starts on the existing folder',
} as const;

export type LimitedByKey = keyof typeof LIMITED_BY;
