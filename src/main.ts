import 'reflect-metadata';
import type { Clock } from './common/clock';
import type { AppConfig } from './config/config';
import { loadConfig, redact } from './config/config';
import type { EmbeddedDatabase } from './database/embedded-postgres';
import { startEmbeddedPostgres } from './database/embedded-postgres';

/** One line on stderr and exit code 1: what a person needs when start-up cannot go on. */
function fail(reason: string): never {
  process.stderr.write(`talqylau cannot start: ${reason}\n`);
  process.exit(1);
}

/** Seconds since the process started, for the start-up line (the embedded database and the modules load side by side). */
function since(): string {
  return `${process.uptime().toFixed(2)} s`;
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  let embedded: EmbeddedDatabase | null = null;
  // The embedded PostgreSQL starts (initdb on a first start) in processes of its own while this one
  // loads the application's modules (about a second of CPU): the one waits for the other no longer.
  let firstWord = () => {};
  const spoke = new Promise<void>((resolve) => (firstWord = resolve));
  const starting = config.databaseUrl ? null : startEmbeddedPostgres(config.dataDir, () => firstWord());
  starting?.catch(() => undefined);
  if (starting) await Promise.race([spoke, starting, new Promise((resolve) => setTimeout(resolve, 1000))]).catch(() => undefined);
  const { checkDatabase } = await import('./database/check-database');
  const { runMigrations } = await import('./database/migrate');
  const { createApp } = await import('./create-app');
  const { bootstrapData } = await import('./bootstrap-data');
  const { ManualClock, SystemClock } = await import('./common/clock');
  const { Logger } = await import('nestjs-pino');
  const startUp = [`modules ${since()}`];
  try {
    if (starting) {
      embedded = await starting;
      config = { ...config, databaseUrl: embedded.url };
    }
    await checkDatabase(config.databaseUrl!);
    startUp.push(`database ${since()}`);
    await runMigrations(config.databaseUrl!);
    startUp.push(`migrations ${since()}`);
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    fail(error instanceof Error ? error.message : String(error));
  }
  const clock: Clock = config.clockMode === 'manual' ? new ManualClock(config.clockStart ?? new Date()) : new SystemClock();
  const app = await createApp(config, clock);
  await bootstrapData(app, config);
  startUp.push(`application ${since()}`);
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
        `e-mail: ${config.smtpUrl ? redact(config.smtpUrl) : 'files in ' + config.dataDir + '/mail'}; clock: ${config.clockMode}); ` +
        `ready ${since()} after the process started (done: ${startUp.join(', ')})`,
      'talqylau',
    );
}

void main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
