import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from './load';
import { createWorld } from './load';
import { PgServer } from './postgres';
import { logDir } from './report';
import { MAIN, ServiceInstance } from './service';
import { FaultSmtp } from './smtp';

export interface Cluster {
  pg: PgServer;
  smtp: FaultSmtp;
  instances: ServiceInstance[];
  world: World;
  logs: string;
  /** Stops every process this cluster started (never anything else). */
  close(): Promise<void>;
}

/** One PostgreSQL server, one SMTP server and `count` instances of the built service on it. */
export async function startCluster(
  scenario: string,
  options: { instances: number; organizations: number; citizens: number; env?: Record<string, string>; smtp?: FaultSmtp },
): Promise<Cluster> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run the fault tests with npm run test:faults (it builds first)`);
  const logs = logDir(scenario);
  const pg = await new PgServer(join(logs, 'postgres.log')).init();
  const smtp = await (options.smtp ?? new FaultSmtp()).start();
  const instances = Array.from(
    { length: options.instances },
    (_, i) => new ServiceInstance(`instance-${i + 1}`, { DATABASE_URL: pg.url, SMTP_URL: smtp.url, ...options.env }, logs),
  );
  const close = async () => {
    await Promise.all(instances.map((i) => i.stop().catch(() => undefined)));
    await smtp.stop().catch(() => undefined);
    await pg.destroy().catch(() => undefined);
  };
  try {
    // the first one migrates; the others then start together
    await instances[0].start();
    await Promise.all(instances.slice(1).map((i) => i.start()));
    const world = await createWorld(pg.url, instances[0], options);
    return { pg, smtp, instances, world, logs, close };
  } catch (error) {
    await close();
    throw error;
  }
}
