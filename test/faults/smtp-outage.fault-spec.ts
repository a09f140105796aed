import type { Cluster } from './harness/cluster';
import { startCluster } from './harness/cluster';
import { pollHealth } from './harness/health';
import { runLoad, verify } from './harness/load';
import { expectNothingLostOrRepeated } from './harness/expectations';
import { record, summarize } from './harness/report';
import { FAULT_ENV } from './harness/service';
import { sleep, waitUntil } from './harness/util';

describe('the SMTP server down for minutes', () => {
  let cluster: Cluster;
  const downForMs = Number(process.env.FAULT_SMTP_DOWN_MS ?? 120_000);
  beforeAll(async () => {
    cluster = await startCluster('smtp-outage', { instances: 2, organizations: 2, citizens: 30 });
  });
  afterAll(() => cluster?.close());

  it('keeps the answers queued, shows the backlog on /health, and sends each once when it is back', async () => {
    const { smtp } = cluster;
    await smtp.stop();
    const downAt = Date.now();
    const health = pollHealth([cluster.instances[0]], 1000);
    const stats = await runLoad(cluster.world, cluster.instances, {
      remarksPerCitizen: 10,
      thinkMs: 300,
      answerWorkers: 4,
      retryForMs: 60_000,
    });
    expect(smtp.received).toHaveLength(0);
    // the outage goes on well past the dispatcher's retry budget (10 attempts, backoff capped at OUTBOX_RETRY_MAX_SECONDS)
    await sleep(Math.max(0, downAt + downForMs - Date.now()));
    const duringOutage = health.samples.filter((s) => s.http === 200);
    await smtp.start();
    const upAt = Date.now();
    const drainMs = await waitUntil(() => smtp.received.length >= stats.answered.size, 120_000, 'the backlog to drain', 100).catch(
      () => null,
    );
    const verdict = await verify(cluster.pg.url, cluster.world, stats, smtp, { drainTimeoutMs: 60_000 });
    await waitUntil(
      () => health.samples.some((s) => s.at > upAt && s.status === 'ok' && s.pending === 0),
      15_000,
      '/health to show an empty outbox',
    ).catch(() => undefined);
    await health.stop();
    const after = health.samples.filter((s) => s.at > upAt && s.http === 200).pop();
    const maxPending = Math.max(0, ...duringOutage.map((s) => s.pending ?? 0));
    record('smtpOutage', {
      instances: 2,
      citizens: cluster.world.citizens.length,
      smtpDownMs: upAt - downAt,
      retryBaseSeconds: Number(FAULT_ENV.OUTBOX_RETRY_BASE_SECONDS),
      retryMaxSeconds: Number(FAULT_ENV.OUTBOX_RETRY_MAX_SECONDS),
      healthDuringOutage: {
        samples: duringOutage.length,
        maxPending,
        maxOldestPendingSeconds: Math.max(0, ...duringOutage.map((s) => s.oldestPendingSeconds ?? 0)),
        maxFailed: Math.max(0, ...duringOutage.map((s) => s.failed ?? 0)),
        statuses: [...new Set(duringOutage.map((s) => s.status))],
      },
      healthAfter: after ?? null,
      backlogDrainedAfterSmtpBackMs: drainMs,
      ...summarize(stats, verdict),
    });

    expect(maxPending).toBe(verdict.emailsExpected);
    expectNothingLostOrRepeated(stats, verdict, cluster.instances);
    expect(after).toMatchObject({ http: 200, status: 'ok', pending: 0, failed: 0 });
  });
});
