import Fastify from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { addAccessLog } from './http-access-log';

/** A Fastify server whose access log lines are collected, with a route answering 201, one failing and /health. */
async function server(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const app = Fastify();
  addAccessLog(app, pino({ level }, sink));
  app.post('/api/v1/plans/:id/remarks', (_request, reply) => reply.code(201).send({ id: 'r1' }));
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.get('/health', () => ({ status: 'ok' }));
  await app.ready();
  return { app, lines };
}

describe('the access log', () => {
  it('writes one line per request: its id, method, URL, peer, the status and the time taken', async () => {
    const { app, lines } = await server();
    await app.inject({ method: 'POST', url: '/api/v1/plans/p1/remarks?x=1', headers: { 'x-request-id': 'req-1' }, payload: {} });
    await app.inject({ method: 'GET', url: '/boom', headers: { 'x-request-id': 'req-2' } });
    await app.inject({ method: 'GET', url: '/health' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'req-1', method: 'POST', url: '/api/v1/plans/p1/remarks?x=1', remoteAddress: '127.0.0.1' },
      res: { statusCode: 201 },
    });
    expect(typeof lines[0].responseTime).toBe('number');
    expect(lines[1]).toMatchObject({ level: 50, msg: 'request errored', req: { id: 'req-2', method: 'GET' }, res: { statusCode: 500 } });
    await app.close();
  });

  it('leaves out the health check, and 2xx-4xx lines below LOG_LEVEL', async () => {
    const { app, lines } = await server('warn');
    await app.inject({ method: 'GET', url: '/health' });
    await app.inject({ method: 'POST', url: '/api/v1/plans/p1/remarks', payload: {} });
    await app.inject({ method: 'GET', url: '/boom' });
    expect(lines.map((l) => l.msg)).toEqual(['request errored']);
    await app.close();
  });
});
