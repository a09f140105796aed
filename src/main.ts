import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import type { Clock } from './common/clock';
import { ManualClock, SystemClock } from './common/clock';
import type { AppConfig } from './config/config';
import { loadConfig, redact } from './config/config';
import { createApp } from './create-app';
import { checkDatabase } from './database/check-database';
import type { EmbeddedDatabase } from './database/embedded-postgres';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { bootstrapData } from './bootstrap-data';

/** One line on stderr and exit code 1: what a person needs when start-up cannot go on. */
function fail(reason: string): never {
  process.stderr.write(`talqylau cannot start: ${reason}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  let embedded: EmbeddedDatabase | null = null;
  try {
    if (!config.databaseUrl) {
      embedded = await startEmbeddedPostgres(config.dataDir);
      config = { ...config, databaseUrl: embedded.url };
    }
    await checkDatabase(config.databaseUrl!);
    await runMigrations(config.databaseUrl!);
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    fail(error instanceof Error ? error.message : String(error));
  }
  const clock: Clock = config.clockMode === 'manual' ? new ManualClock(config.clockStart ?? new Date()) : new SystemClock();
  const app = await createApp(config, clock);
  await bootstrapData(app, config);
  // The one shutdown: the app (HTTP server, timers, then the data source) once, whatever signals come.
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close().catch(() => undefined);
      await embedded?.stop().catch(() => undefined);
      process.exit(0);
    })());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  await app.listen({ port: config.port, host: config.host });
  // through the logger: a JSON line like every other when stdout is no terminal, a readable one when it is
  app
    .get(Logger)
    .log(
      `talqylau is listening on ${config.publicUrl} (database: ${embedded ? 'embedded PostgreSQL in ' + config.dataDir : redact(config.databaseUrl!)}; ` +
        `e-mail: ${config.smtpUrl ? redact(config.smtpUrl) : 'files in ' + config.dataDir + '/mail'}; clock: ${config.clockMode})`,
      'talqylau',
    );
}

void main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
