import type { Cluster } from './harness/cluster';
import { startCluster } from './harness/cluster';
import { pollHealth } from './harness/health';
import { runLoad, verify } from './harness/load';
import { expectNothingLostOrRepeated } from './harness/expectations';
import { record, summarize } from './harness/report';
import { FaultSmtp } from './harness/smtp';
import { sleep, waitUntil } from './harness/util';

describe('PostgreSQL restarted under load', () => {
  let cluster: Cluster;
  const downForMs = 10_000;
  beforeAll(async () => {
    // e-mails take a moment at the SMTP server, so some are in flight when the database goes away
    cluster = await startCluster('postgres-restart', { instances: 3, organizations: 3, citizens: 60, smtp: new FaultSmtp(100) });
  });
  afterAll(() => cluster?.close());

  it('recovers by itself, reports the outage on /health, loses and repeats nothing', async () => {
    const perCitizen = 15;
    const total = cluster.world.citizens.length * perCitizen;
    const health = pollHealth(cluster.instances, 250);
    let stoppedAt = 0;
    let startedAt = 0;
    let restartAt = 0;
    let atAccepted = 0;
    const recovery: Record<string, number | null> = {};
    const stats = await runLoad(
      cluster.world,
      cluster.instances,
      { remarksPerCitizen: perCitizen, thinkMs: 1000, answerWorkers: 6, retryForMs: 90_000 },
      async (s) => {
        await waitUntil(() => s.accepted.size >= total * 0.3, 120_000, '30% of the remarks', 20);
        atAccepted = s.accepted.size;
        await cluster.pg.stop();
        stoppedAt = Date.now();
        await sleep(downForMs);
        restartAt = Date.now();
        await cluster.pg.start();
        startedAt = Date.now();
        await Promise.all(
          cluster.instances.map(async (i) => {
            recovery[i.name] = await waitUntil(
              () => health.samples.some((h) => h.instance === i.name && h.at >= startedAt && h.http === 200),
              60_000,
              `${i.name} /health to be green`,
              50,
            ).catch(() => null);
          }),
        );
      },
    );
    const verdict = await verify(cluster.pg.url, cluster.world, stats, cluster.smtp, { drainTimeoutMs: 120_000 });
    await health.stop();
    // answers to requests sent while the server was surely down (it closes connections within a moment)
    const during = health.samples.filter((h) => h.at > stoppedAt + 500 && h.at < restartAt);
    const firstFailure = (name: string) => health.samples.find((h) => h.instance === name && h.at >= stoppedAt && h.http !== 200);
    record('postgresRestart', {
      instances: 3,
      citizens: cluster.world.citizens.length,
      postgresDownMs: startedAt - stoppedAt,
      postgresStartMs: startedAt - restartAt,
      stoppedAtAccepted: atAccepted,
      healthDuringOutage: {
        samples: during.length,
        httpStatuses: [...new Set(during.map((h) => h.http))],
        outageSeenAfterMs: Object.fromEntries(cluster.instances.map((i) => [i.name, (firstFailure(i.name)?.at ?? NaN) - stoppedAt])),
      },
      healthGreenAfterPostgresBackMs: recovery,
      ...summarize(stats, verdict),
    });

    // /health reported the outage on every instance (503), and went green again without a restart
    for (const instance of cluster.instances) {
      const mine = during.filter((h) => h.instance === instance.name);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((h) => h.http === 503)).toBe(true);
      expect(recovery[instance.name]).not.toBeNull();
      expect(instance.starts).toBe(1);
      expect(instance.unexpectedExits).toEqual([]);
    }
    expectNothingLostOrRepeated(stats, verdict, cluster.instances);
    const last = health.samples.filter((h) => h.at > startedAt);
    for (const instance of cluster.instances) expect(last.filter((h) => h.instance === instance.name).pop()).toMatchObject({ http: 200 });
  });
});
