import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';

/**
 * The data source's settings. The entities come from the caller (the wiring's list, src/entities.ts):
 * running migrations needs none.
 */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
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
