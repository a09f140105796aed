import { wellFormed } from './well-formed';

describe('wellFormed', () => {
  it('replaces a lone half of a surrogate pair and keeps whole pairs', () => {
    const emoji = '😀';
    expect(wellFormed(`ok ${emoji}`)).toBe(`ok ${emoji}`);
    expect(wellFormed(`cut ${emoji.slice(0, 1)}`)).toBe('cut \uFFFD');
    expect(wellFormed(`${emoji.slice(1)} tail`)).toBe('\uFFFD tail');
    expect(wellFormed('Қазақша мәтін')).toBe('Қазақша мәтін');
  });
});
