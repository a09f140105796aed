import type { Cluster } from './harness/cluster';
import { startCluster } from './harness/cluster';
import { runLoad, verify } from './harness/load';
import { expectNothingLostOrRepeated } from './harness/expectations';
import { record, summarize } from './harness/report';

describe('three instances on one database under remark load', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster('three-instances', { instances: 3, organizations: 3, citizens: 60 });
  });
  afterAll(() => cluster?.close());

  it('stores every accepted remark once and e-mails every answer once to its author', async () => {
    const stats = await runLoad(cluster.world, cluster.instances, {
      remarksPerCitizen: 8,
      thinkMs: 100,
      answerWorkers: 6,
      retryForMs: 60_000,
    });
    const verdict = await verify(cluster.pg.url, cluster.world, stats, cluster.smtp, { drainTimeoutMs: 60_000 });
    record('threeInstances', { instances: 3, citizens: cluster.world.citizens.length, ...summarize(stats, verdict) });

    expectNothingLostOrRepeated(stats, verdict, cluster.instances);
  });
});
