import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { ManualClock, RealClock } from '../../src/common/clock';
import type { AppConfig } from '../../src/config/config';
import { loadConfig } from '../../src/config/config';
import { createApp } from '../../src/create-app';
import { OutboxDispatcher } from '../../src/notifications/outbox.dispatcher';
import { openApiDocument } from '../../src/openapi-document';
import { ResponseContract } from '../api-contract/response-contract';
import { SmtpSink } from './smtp-sink';
import { createTestDatabase, dropTestDatabase } from './test-db';

/**
 * The application's real time in tests (sessions, e-mailed links): the system's, plus what a test
 * moves it forward by. It keeps ticking, unlike the procedure's manual clock.
 */
export class MovableRealClock extends RealClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Back to the system's time. */
  reset(): void {
    this.offsetMs = 0;
  }
}

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  /** The procedure's clock (the sandbox clock). */
  clock: ManualClock;
  /** Real time, for sessions and links. */
  realClock: MovableRealClock;
  smtp: SmtpSink;
  config: AppConfig;
  db: DataSource;
  dispatcher: OutboxDispatcher;
  /** Sends every queued e-mail now. */
  flushMail(): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Start of the manual clock (default 2027-03-01T10:00:00+05:00, a Monday). */
  now?: string;
  env?: Record<string, string>;
  /** Reuse another app's database (e.g. two instances on one database). */
  databaseUrl?: string;
}

/** The OpenAPI description, built once per test process (the same for every test app). */
let document: OpenAPIObject | undefined;

/**
 * The whole application on its own migrated database, a manual clock and a real SMTP server.
 * The dispatcher's background loop is off: tests call flushMail() so that e-mail timing is exact.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const smtp = await new SmtpSink().start();
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtp.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'talqylau-data-')),
    PUBLIC_URL: 'http://talqylau.test',
    CLOCK_MODE: 'manual',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DISPATCHER_ENABLED: 'false',
    SWEEP_ENABLED: 'false',
    DEFAULT_LOCALE: 'en',
    SESSION_SECRET: 'test-secret-test-secret-test-secret',
    // the tests connect over loopback and stand in for a reverse proxy: X-Forwarded-For names the client
    TRUST_PROXY: 'loopback',
    ...options.env,
  });
  const clock = new ManualClock(new Date(options.now ?? '2027-03-01T10:00:00+05:00'));
  const realClock = new MovableRealClock();
  const app = await createApp(config, clock, realClock);
  // every API answer of the tests is checked against the OpenAPI description; close() reports what breaks it
  const contract = new ResponseContract((document ??= openApiDocument(app, config)));
  contract.install(app.getHttpAdapter().getInstance());
  await app.getHttpAdapter().getInstance().ready();
  const dispatcher = app.get(OutboxDispatcher);
  return {
    app,
    http: request(app.getHttpServer()),
    clock,
    realClock,
    smtp,
    config,
    db: app.get(DataSource),
    dispatcher,
    flushMail: async () => {
      await dispatcher.drain();
    },
    close: async () => {
      await app.close();
      await smtp.stop();
      if (!options.databaseUrl) await dropTestDatabase(databaseUrl);
      contract.assertNoViolations();
    },
  };
}
