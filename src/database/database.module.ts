import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSourceOptions } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { dataSourceOptions } from './data-source-options';
import { usePreparedStatements } from './query-rows';

/** The application's data source, over the entities the wiring lists (src/entities.ts). */
@Module({})
export class DatabaseModule {
  static forRoot(entities: DataSourceOptions['entities']): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            usePreparedStatements(config.preparedStatements);
            return {
              ...dataSourceOptions(config.databaseUrl!, { entities }),
              // Fail fast on a lost connection instead of TypeORM's default 9 retries at start-up.
              retryAttempts: 2,
              retryDelay: 500,
            };
          },
        }),
      ],
    };
  }
}
