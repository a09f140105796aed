import Fastify from 'fastify';
import { withLanguageHeaders } from './localized-answers';

describe('withLanguageHeaders', () => {
  it("gives the routes registered meanwhile (the controllers') Content-Language and Vary, unless the route sets its own, and no other route", async () => {
    const app = Fastify();
    app.get('/before', () => ({ ok: true }));
    await withLanguageHeaders(app, 'ru', async () => {
      app.get('/api/v1/plans', () => ({ items: [] }));
      app.get('/page', (_request, reply) => reply.header('content-language', 'kk').header('vary', 'cookie').send('<p>'));
    });
    app.get('/after', () => ({ ok: true }));
    await app.ready();
    const api = await app.inject({ url: '/api/v1/plans?lang=en', headers: { 'accept-language': 'kk' } });
    expect(api.headers['content-language']).toBe('en');
    expect(api.headers.vary).toBe('accept-language, cookie');
    const kk = await app.inject({ url: '/api/v1/plans', headers: { 'accept-language': 'kk' } });
    expect(kk.headers['content-language']).toBe('kk');
    const fallback = await app.inject({ url: '/api/v1/plans' });
    expect(fallback.headers['content-language']).toBe('ru');
    const page = await app.inject({ url: '/page', headers: { 'accept-language': 'en' } });
    expect(page.headers['content-language']).toBe('kk');
    expect(page.headers.vary).toBe('cookie');
    for (const url of ['/before', '/after']) {
      const other = await app.inject({ url, headers: { 'accept-language': 'kk' } });
      expect(other.headers['content-language']).toBeUndefined();
      expect(other.headers.vary).toBeUndefined();
    }
    await app.close();
  });
});
