import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { DURATION, WARMUP } from './common';

export interface LoadSpec {
  connections: number;
  /**
   * Requests per second of each connection (autocannon's `connectionRate`: each connection sends at
   * an even pace, unlike `overallRate`, which sends each second's quota in one burst); none: as fast
   * as answers come back.
   */
  ratePerConnection?: number;
  /**
   * Headers a connection keeps for all its requests (e.g. its own citizen's token), made once per
   * connection from its number (0, 1, ... in the order autocannon opens them, per run).
   */
  connectionHeaders?: (connection: number) => Record<string, string>;
  /**
   * A fixed number of requests instead of a time: the run ends when all are answered (no request is
   * abandoned in flight), its warm-up is one request per connection, and req/s is requests over the
   * run's time.
   */
  amount?: number;
  /** Builds the request of each call (a different user, plan or body each time where it matters). */
  request: () => { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };
}

export interface LoadResult {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  p99_9: number;
  max: number;
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** 2xx answers including the warm-up (for the stored-rows check). */
  okWithWarmup: number;
  /** CPU time (user + system) of the measured process per request answered; NaN where /proc is absent. */
  cpuMsPerRequest: number;
}

/** One figure: the service and the bare handler (the median round when there were several), and every round's req/s. */
export type Pair = { service: LoadResult; bare: LoadResult; rounds?: { service: number; bare: number; ratio: number }[] };

/** User + system CPU of a process in milliseconds, from /proc (Linux; clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    // the fields after the command name, which may itself contain spaces and parentheses
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Marks the headers object autocannon keeps per connection as already given its connection's headers. */
const OWN = 'x-bench-connection';

function fire(baseUrl: string, spec: LoadSpec, seconds: number): Promise<autocannon.Result> {
  let connections = 0;
  return autocannon({
    url: baseUrl,
    connections: spec.connections,
    ...(spec.ratePerConnection ? { connectionRate: spec.ratePerConnection } : {}),
    ...(spec.amount ? { amount: spec.amount } : { duration: seconds }),
    // a burst of many connections queues at the server: its last answers come late, not never
    timeout: spec.amount ? 120 : 30,
    requests: [
      {
        setupRequest: (req) => {
          // autocannon hands setupRequest the same headers object on each call of one connection (the
          // copy of the request it keeps per connection), so what is written into it stays with that
          // connection (checked against a server recording each socket's header: 50 connections, 50
          // distinct tokens, one per socket)
          if (spec.connectionHeaders && req.headers && !req.headers[OWN]) {
            Object.assign(req.headers, spec.connectionHeaders(connections), { [OWN]: String(connections++) });
          }
          const r = spec.request();
          return {
            ...req,
            method: r.method,
            path: r.path,
            headers: { ...req.headers, 'accept-language': 'ru', ...(r.body ? { 'content-type': 'application/json' } : {}), ...r.headers },
            body: r.body,
          };
        },
      },
    ],
  });
}

/** A warm-up (discarded), then the measured run; `pid` is the process whose CPU per request is reported. */
export async function measure(baseUrl: string, spec: LoadSpec, pid?: number): Promise<LoadResult> {
  const warm = WARMUP > 0 ? await fire(baseUrl, spec.amount ? { ...spec, amount: spec.connections } : spec, WARMUP) : null;
  const cpuBefore = cpuMs(pid);
  const r = await fire(baseUrl, spec, DURATION);
  const cpu = cpuMs(pid) - cpuBefore;
  return {
    rps: spec.amount ? r.requests.total / r.duration : r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    p99_9: r.latency.p99_9,
    max: r.latency.max,
    total: r.requests.total,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    okWithWarmup: r['2xx'] + (warm?.['2xx'] ?? 0),
    cpuMsPerRequest: r.requests.total > 0 ? cpu / r.requests.total : NaN,
  };
}
