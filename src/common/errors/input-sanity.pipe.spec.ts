import type { AppError } from './app-error';
import { findProblem, InputSanityPipe, MAX_INPUT_DEPTH } from './input-sanity.pipe';

describe('InputSanityPipe', () => {
  const pipe = new InputSanityPipe();
  const refusal = (value: unknown, type: 'body' | 'query' | 'param' = 'body') => {
    try {
      pipe.transform(value, { type, data: undefined });
      return null;
    } catch (error) {
      return error as AppError;
    }
  };

  it('passes ordinary values through unchanged', () => {
    const body = {
      body: 'Ескерту 🙂',
      documents: [{ title: 't', url: 'https://x.kz', sha256: 'a'.repeat(64) }],
      n: 1,
      ok: true,
      none: null,
    };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });

  it('refuses a NUL character in a value or a key, at any depth, naming the field', () => {
    expect(refusal({ body: 'a\u0000b' })).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body', constraint: 'noNul' }] });
    expect(refusal({ documents: [{ title: '\u0000' }] })).toMatchObject({ details: [{ field: 'documents.0.title' }] });
    expect(refusal({ ['k\u0000']: 1 })).toMatchObject({ details: [{ constraint: 'noNul' }] });
    expect(refusal('a\u0000', 'param')).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses half a surrogate pair, keeps whole ones', () => {
    expect(refusal({ email: '\udfff' })).toMatchObject({ details: [{ field: 'email', constraint: 'wellFormed' }] });
    expect(refusal({ email: 'a\ud800' })).toMatchObject({ details: [{ constraint: 'wellFormed' }] });
    expect(refusal({ text: '𝕿 🙂 \ud83d\ude42' })).toBeNull();
  });

  it('refuses nesting deeper than the limit without overflowing the stack itself', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(refusal({ x: deep })).toMatchObject({ details: [{ constraint: 'maxDepth' }] });
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) ok = { a: ok };
    expect(findProblem(ok, '')).toBeNull();
  });

  it('leaves other parameters (the signed-in user, headers) alone', () => {
    expect(pipe.transform({ displayName: 'a\u0000' }, { type: 'custom' })).toEqual({ displayName: 'a\u0000' });
  });
});
