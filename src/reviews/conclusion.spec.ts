import { computeConclusion, formalByCouncil } from './conclusion';

describe('computeConclusion', () => {
  it('3 members, 2 endorse: endorsed with a quorum', () => {
    expect(computeConclusion(['endorse', 'endorse'], 3)).toEqual({
      membersCount: 3,
      positionsCount: 2,
      endorseCount: 2,
      endorseWithRecommendationsCount: 0,
      objectCount: 0,
      result: 'endorsed',
      quorum: true,
    });
  });

  it('no positions: no_positions, no quorum', () => {
    expect(computeConclusion([], 5)).toMatchObject({ result: 'no_positions', quorum: false, positionsCount: 0 });
  });

  it('a tie is no majority', () => {
    expect(computeConclusion(['endorse', 'object'], 2)).toMatchObject({ result: 'no_majority', quorum: true });
  });

  it('a plurality without a strict majority is no majority', () => {
    expect(computeConclusion(['endorse', 'endorse', 'object', 'endorse_with_recommendations', 'object'], 9)).toMatchObject({
      result: 'no_majority',
      endorseCount: 2,
      objectCount: 2,
      endorseWithRecommendationsCount: 1,
      quorum: true,
    });
  });

  it.each([
    [['object', 'object', 'endorse'] as const, 'objected'],
    [['endorse_with_recommendations'] as const, 'endorsed_with_recommendations'],
  ])('majority %j -> %s', (positions, result) => {
    expect(computeConclusion([...positions], 10).result).toBe(result);
  });

  it('quorum needs more than half: exactly half is not enough', () => {
    expect(computeConclusion(['endorse', 'endorse'], 4).quorum).toBe(false);
    expect(computeConclusion(['endorse', 'endorse', 'endorse'], 4).quorum).toBe(true);
    expect(computeConclusion(['endorse'], 0).quorum).toBe(false);
  });
});

describe('formalByCouncil', () => {
  const v = (remarkId: string, votes: number) => ({ remarkId, votes });

  it('an odd council of 5: 3 votes are more than half, 2 are not', () => {
    expect(formalByCouncil([v('a', 3), v('b', 2), v('c', 5)], 5)).toEqual([v('a', 3), v('c', 5)]);
  });

  it('an even council of 4: exactly half (2) is not enough, 3 is', () => {
    expect(formalByCouncil([v('a', 2), v('b', 3)], 4)).toEqual([v('b', 3)]);
  });

  it('counts the members, not the positions cast: 2 of 5 members are no majority even if only 2 took part', () => {
    expect(formalByCouncil([v('a', 2)], 5)).toEqual([]);
  });

  it('a council of one: its single vote decides; a council of two needs both', () => {
    expect(formalByCouncil([v('a', 1)], 1)).toEqual([v('a', 1)]);
    expect(formalByCouncil([v('a', 1)], 2)).toEqual([]);
    expect(formalByCouncil([v('a', 2)], 2)).toEqual([v('a', 2)]);
  });

  it('no votes, zero votes or no members: nothing is found formal', () => {
    expect(formalByCouncil([], 3)).toEqual([]);
    expect(formalByCouncil([v('a', 0)], 3)).toEqual([]);
    expect(formalByCouncil([v('a', 1)], 0)).toEqual([]);
  });

  it('keeps the other fields of each row', () => {
    expect(formalByCouncil([{ remarkId: 'a', votes: 2, answerVersion: 3 }], 3)).toEqual([{ remarkId: 'a', votes: 2, answerVersion: 3 }]);
  });
});
