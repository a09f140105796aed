import { MAX_VARIANTS, namedStatement, statementVariant } from './statements';

describe('named statements', () => {
  it('keeps one text per name, so a connection never holds two texts under one name', () => {
    expect(namedStatement('spec_fixed', 'SELECT 1')).toEqual({ name: 'spec_fixed', text: 'SELECT 1' });
    expect(namedStatement('spec_fixed', 'SELECT 1').name).toBe('spec_fixed');
    expect(() => namedStatement('spec_fixed', 'SELECT 2')).toThrow(/already used/);
  });

  it('names a builder variant by its text: the same text, the same name; another text, another name', () => {
    const a = statementVariant('spec_page', 'SELECT 1 WHERE $1::int > 0');
    expect(a.name).toMatch(/^spec_page_[0-9a-f]{10}$/);
    expect(statementVariant('spec_page', 'SELECT 1 WHERE $1::int > 0')).toBe(a);
    expect(statementVariant('spec_page', 'SELECT 2 WHERE $1::int > 0').name).not.toBe(a.name);
  });

  it('stops naming a family past its bound, so a builder that inlines values cannot fill a connection', () => {
    const names = Array.from({ length: MAX_VARIANTS + 5 }, (_, i) => statementVariant('spec_runaway', `SELECT ${i}`).name);
    expect(names.slice(0, MAX_VARIANTS).every((n) => n !== undefined)).toBe(true);
    expect(names.slice(MAX_VARIANTS)).toEqual(Array(5).fill(undefined));
    expect(statementVariant('spec_runaway', 'SELECT 0').name).toBe(names[0]);
  });
});
