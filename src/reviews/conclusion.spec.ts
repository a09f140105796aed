import { computeConclusion } from './conclusion';

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
