import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { DURATION, WARMUP } from './common';

export interface LoadSpec {
  connections: number;
  /** Builds the request of each call (a different user, plan or body each time where it matters). */
  request: () => { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };
}

export interface LoadResult {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
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

function fire(baseUrl: string, spec: LoadSpec, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: baseUrl,
    connections: spec.connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const r = spec.request();
          return {
            ...req,
            method: r.method,
            path: r.path,
            headers: { 'accept-language': 'ru', ...(r.body ? { 'content-type': 'application/json' } : {}), ...r.headers },
            body: r.body,
          };
        },
      },
    ],
  });
}

/** A warm-up (discarded), then the measured run; `pid` is the process whose CPU per request is reported. */
export async function measure(baseUrl: string, spec: LoadSpec, pid?: number): Promise<LoadResult> {
  const warm = WARMUP > 0 ? await fire(baseUrl, spec, WARMUP) : null;
  const cpuBefore = cpuMs(pid);
  const r = await fire(baseUrl, spec, DURATION);
  const cpu = cpuMs(pid) - cpuBefore;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    total: r.requests.total,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    okWithWarmup: r['2xx'] + (warm?.['2xx'] ?? 0),
    cpuMsPerRequest: r.requests.total > 0 ? cpu / r.requests.total : NaN,
  };
}
