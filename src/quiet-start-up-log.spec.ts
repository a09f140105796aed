import { Controller, Get, Logger as NestLogger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Logger, LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { quietStartUpLog } from './quiet-start-up-log';

@Controller('things')
class ThingsController {
  @Get()
  list(): string[] {
    return [];
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

/** A small Nest application started as create-app.ts starts the real one; the JSON lines its logger wrote. */
async function startUpLines(level: string): Promise<{ level: number; context?: string; msg: string }[]> {
  const lines: string[] = [];
  const logger = pino({ level }, { write: (line: string) => void lines.push(line) });
  @Module({ imports: [LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] }), ThingsModule] })
  class AppModule {}
  const app = await NestFactory.create(AppModule, new FastifyAdapter(), { bufferLogs: true, abortOnError: false });
  app.useLogger(quietStartUpLog(app.get(Logger)));
  app.flushLogs();
  await app.init();
  new NestLogger('InstanceLoader').warn('a module could not be loaded');
  new NestLogger('RouterExplorer').error('a route could not be mapped');
  await app.close();
  return lines.map((line) => JSON.parse(line) as { level: number; context?: string; msg: string });
}

// One application per test file: Nest's static logger keeps the first application's logger.
describe("Nest's start-up lines", () => {
  it('one per module, controller and route at debug, not info (LOG_LEVEL=info hides them); the start, warnings and errors as they were', async () => {
    const lines = await startUpLines('debug');
    const at = (level: number) => lines.filter((l) => l.level === level);
    expect(at(30).map((l) => l.context)).toEqual(['NestFactory', 'NestApplication']);
    expect(at(20)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ context: 'InstanceLoader', msg: 'ThingsModule dependencies initialized' }),
        expect.objectContaining({ context: 'RoutesResolver', msg: expect.stringContaining('ThingsController') }),
        expect.objectContaining({ context: 'RouterExplorer', msg: 'Mapped {/things, GET} route' }),
      ]),
    );
    expect(at(40)).toEqual([expect.objectContaining({ context: 'InstanceLoader', msg: 'a module could not be loaded' })]);
    expect(at(50)).toEqual([expect.objectContaining({ context: 'RouterExplorer', msg: 'a route could not be mapped' })]);
  });
});
