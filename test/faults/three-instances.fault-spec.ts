import { Cluster, startCluster } from './harness/cluster';
import { runLoad, verify } from './harness/load';
import { record, summarize } from './harness/report';

describe('three instances on one database under remark load', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster('three-instances', { instances: 3, organizations: 3, citizens: 60 });
  });
  afterAll(() => cluster?.close());

  it('stores every accepted remark once and e-mails every answer once to its author', async () => {
    const stats = await runLoad(cluster.world, cluster.instances, { remarksPerCitizen: 8, thinkMs: 100, answerWorkers: 6, retryForMs: 60_000 });
    const verdict = await verify(cluster.pg.url, cluster.world, stats, cluster.smtp, { drainTimeoutMs: 60_000 });
    record('threeInstances', { instances: 3, citizens: cluster.world.citizens.length, ...summarize(stats, verdict) });

    expect(stats.remarkRefused).toEqual([]);
    expect(stats.remarkGaveUp).toEqual([]);
    expect(verdict.remarksAccepted).toBe(verdict.remarksAttempted);
    expect(verdict.acceptedButLost).toEqual([]);
    expect(verdict.acceptedWithOtherId).toEqual([]);
    expect(verdict.storedMoreThanOnce).toEqual([]);
    expect(verdict.remarksStored).toBe(verdict.remarksAccepted);
    expect(verdict.answersPublished).toBe(verdict.remarksAccepted);
    expect(verdict.remarksWithMoreThanOneAnswer).toBe(0);
    expect(verdict.emailsMissing).toEqual([]);
    expect(verdict.emailsDuplicated).toEqual([]);
    expect(verdict.emailsToWrongRecipient).toBe(0);
    expect(verdict.emailsReceived).toBe(verdict.emailsExpected);
    expect(verdict.outbox).toEqual({ sent: verdict.emailsExpected });
    for (const instance of cluster.instances) expect(instance.unexpectedExits).toEqual([]);
  });
});
