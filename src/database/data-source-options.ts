import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { pgKeepingConnections } from './pool-query';

/**
 * The data source's settings. The entities come from the caller (the wiring's list, src/entities.ts):
 * running migrations needs none.
 */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    // pg with a pool whose query keeps its connection after an error PostgreSQL answers (pool-query.ts)
    driver: pgKeepingConnections,
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    extra: { max: 20, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000, application_name: 'talqylau' },
    ...overrides,
  } as DataSourceOptions;
}
