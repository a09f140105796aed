import autocannon from 'autocannon';
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
          return { ...req, method: r.method, path: r.path, headers: { 'accept-language': 'ru', ...(r.body ? { 'content-type': 'application/json' } : {}), ...r.headers }, body: r.body };
        },
      },
    ],
  }) as unknown as Promise<autocannon.Result>;
}

/** A warm-up (discarded), then the measured run. */
export async function measure(baseUrl: string, spec: LoadSpec): Promise<LoadResult> {
  const warm = WARMUP > 0 ? await fire(baseUrl, spec, WARMUP) : null;
  const r = await fire(baseUrl, spec, DURATION);
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
  };
}
