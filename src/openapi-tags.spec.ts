import type { OpenAPIObject } from '@nestjs/swagger';
import { API_TAGS, orderTags } from './openapi-tags';

const documentWith = (...tags: string[]): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: Object.fromEntries(tags.map((tag, i) => [`/p${i}`, { get: { tags: [tag], responses: {} } }])),
});

describe('the order of the API groups (Swagger UI follows the document’s tags)', () => {
  it('the procedure first, the sandbox last, whatever order the paths come in', () => {
    const document = documentWith('sandbox', 'health', 'remarks', 'plans', 'hearings');
    orderTags(document);
    expect(document.tags!.map((t) => t.name)).toEqual(['plans', 'remarks', 'hearings', 'health', 'sandbox']);
    expect(document.tags!.every((t) => t.description)).toBe(true);
  });

  it('refuses a tag that has no place in the list', () => {
    expect(() => orderTags(documentWith('plans', 'new things'))).toThrow(/new things/);
  });

  it('lists each tag once, with the plan first and the sandbox last', () => {
    const names = API_TAGS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect([names[0], names[names.length - 1]]).toEqual(['plans', 'sandbox']);
  });
});
