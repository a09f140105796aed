/** The data source used by `npm run migration:generate` and `migration:run` (TypeORM CLI). */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must be set for the migration commands (scripts/with-db.ts sets it for the embedded server)');
export default new DataSource(dataSourceOptions(url));
