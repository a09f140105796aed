import { Client } from 'pg';
import type { Cluster } from './harness/cluster';
import { startCluster } from './harness/cluster';
import { FaultSmtp } from './harness/smtp';
import { runLoad, verify } from './harness/load';
import { expectNothingLostOrRepeated } from './harness/expectations';
import { record, summarize } from './harness/report';
import { FAULT_ENV } from './harness/service';
import { sleep, waitUntil } from './harness/util';

interface Kill {
  instance: string;
  atAccepted: number;
  /** e-mails the killed process had claimed and not yet marked sent: only its lease can free them */
  leasedByKilled: number;
  restartMs: number;
  /** from the kill until another process sent the last of them */
  leasedDeliveredAfterMs: number | null;
}

describe('kill -9 of an instance in the middle of load', () => {
  let cluster: Cluster;
  // A remote mail server answers in some milliseconds, so e-mails are in flight when the kill lands.
  const smtpDelayMs = 200;
  beforeAll(async () => {
    cluster = await startCluster('kill-instance', { instances: 3, organizations: 3, citizens: 60, smtp: new FaultSmtp(smtpDelayMs) });
  });
  afterAll(() => cluster?.close());

  it('loses no accepted remark and, after the leases expire, sends every e-mail once', async () => {
    const db = new Client({ connectionString: cluster.pg.url });
    await db.connect();
    const kills: Kill[] = [];
    const perCitizen = 20;
    const total = cluster.world.citizens.length * perCitizen;
    const killAt = async (fraction: number, index: number, stats: { accepted: Map<string, string> }) => {
      await waitUntil(() => stats.accepted.size >= total * fraction, 120_000, `${fraction * 100}% of the remarks`, 20);
      const victim = cluster.instances[index];
      const pid = victim.pid!;
      const atAccepted = stats.accepted.size;
      await victim.kill('SIGKILL');
      const killedAt = Date.now();
      const leased = (
        await db.query(`SELECT id FROM outbox_messages WHERE status = 'pending' AND split_part(locked_by, ':', 2) = $1`, [String(pid)])
      ).rows.map((r: { id: string }) => r.id);
      await sleep(2000);
      const restartMs = await victim.start();
      const kill: Kill = { instance: victim.name, atAccepted, leasedByKilled: leased.length, restartMs, leasedDeliveredAfterMs: null };
      kills.push(kill);
      // in the background: when were the e-mails of the dead process sent by someone else?
      void waitUntil(
        async () =>
          (await db.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE id = ANY($1::uuid[]) AND status = 'pending'`, [leased]))
            .rows[0].n === 0,
        180_000,
        'the leased e-mails',
        250,
      ).then(
        () => (kill.leasedDeliveredAfterMs = Date.now() - killedAt),
        () => undefined,
      );
    };
    const stats = await runLoad(
      cluster.world,
      cluster.instances,
      { remarksPerCitizen: perCitizen, thinkMs: 1000, answerWorkers: 6, retryForMs: 60_000 },
      async (s) => {
        await killAt(0.25, 1, s);
        await killAt(0.6, 2, s);
      },
    );
    const verdict = await verify(cluster.pg.url, cluster.world, stats, cluster.smtp, { drainTimeoutMs: 120_000 });
    await waitUntil(() => kills.every((k) => k.leasedDeliveredAfterMs !== null), 10_000, 'lease timings').catch(() => undefined);
    await db.end();
    record('killInstance', {
      instances: 3,
      citizens: cluster.world.citizens.length,
      leaseSeconds: Number(FAULT_ENV.OUTBOX_LEASE_SECONDS),
      smtpDelayMs,
      kills,
      smtpDroppedBecauseClientGone: cluster.smtp.droppedClientGone,
      ...summarize(stats, verdict),
    });

    // kill -9 between the server's 250 and the 'sent' update cannot be told from a kill before the
    // 250 (a window of about a millisecond per message): such a message goes out again when its lease
    // ends, with the same Message-ID. So a copy is allowed only for messages the killed process held.
    expectNothingLostOrRepeated(
      stats,
      verdict,
      cluster.instances,
      kills.reduce((n, k) => n + k.leasedByKilled, 0),
    );
    expect(kills).toHaveLength(2);
  });
});
