import { SwaggerModule } from '@nestjs/swagger';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('OpenAPI description: a build that fails is not retried on every request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    t.realClock.reset();
    await t.close();
  });

  it('answers 503 SERVICE_UNAVAILABLE in the error shape, builds again only a minute later, then serves the description', async () => {
    // the test app built its own copy for the contract checks already; the served one is built on the first request
    const build = jest.spyOn(SwaggerModule, 'createDocument').mockImplementation(() => {
      throw new Error('a decorator the generator cannot read');
    });
    for (const path of ['/api/docs-json', '/api/docs/swagger-ui-init.js', '/api/docs-json']) {
      const res = await t.http.get(path).set('accept-language', 'en').expect(503);
      expect(res.body).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(build).toHaveBeenCalledTimes(1);
    build.mockRestore();
    await t.http.get('/api/docs-json').expect(503);
    t.realClock.advance(60_000);
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(res.body.info.title).toBe('talqylau API');
    await t.http.get('/api/docs/swagger-ui-init.js').expect(200);
  });
});
