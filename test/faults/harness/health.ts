import type { ServiceInstance } from './service';
import { http, sleep } from './util';

export interface HealthSample {
  at: number;
  instance: string;
  /** HTTP status, or 0 when the request itself failed (instance down, timeout) */
  http: number;
  status: string | null;
  pending: number | null;
  failed: number | null;
  oldestPendingSeconds: number | null;
}

/** Polls /health of the given instances until stopped, keeping every answer. */
export function pollHealth(instances: ServiceInstance[], everyMs: number): { samples: HealthSample[]; stop(): Promise<void> } {
  const samples: HealthSample[] = [];
  let running = true;
  const loop = async (instance: ServiceInstance) => {
    while (running) {
      const at = Date.now();
      try {
        const res = await http('GET', `${instance.url}/health`, { timeoutMs: 3000 });
        const outbox = res.body?.outbox ?? null;
        samples.push({
          at,
          instance: instance.name,
          http: res.status,
          status: res.body?.status ?? null,
          pending: outbox?.pending ?? null,
          failed: outbox?.failed ?? null,
          oldestPendingSeconds: outbox?.oldestPendingSeconds ?? null,
        });
      } catch {
        samples.push({ at, instance: instance.name, http: 0, status: null, pending: null, failed: null, oldestPendingSeconds: null });
      }
      await sleep(Math.max(0, everyMs - (Date.now() - at)));
    }
  };
  const loops = instances.map(loop);
  return {
    samples,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}
