import { createConfig, lintFromString } from '@redocly/openapi-core';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** Redocly's recommended rules on the served description: what a client generator and a reader rely on. */
describe('OpenAPI description: Redocly lint (recommended)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('has no errors and no warnings', async () => {
    const served = await t.http.get('/api/docs-json').expect(200);
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(served.body), absoluteRef: 'openapi.json', config });
    const readable = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
    const count = (severity: string) => problems.filter((p) => p.severity === severity).length;
    console.log(`redocly: ${count('error')} errors, ${count('warn')} warnings\n${readable.join('\n')}`);
    expect(readable).toEqual([]);
  });

  it('lists its groups in the order of the procedure, the sandbox last (Swagger UI follows it)', async () => {
    const served = await t.http.get('/api/docs-json').expect(200);
    const names = (served.body.tags as { name: string }[]).map((tag) => tag.name);
    expect(names.slice(0, 3)).toEqual(['plans', 'remarks', 'hearings']);
    expect(names[names.length - 1]).toBe('sandbox');
  });
});
