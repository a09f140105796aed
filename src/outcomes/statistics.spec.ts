import { share, toStatistics } from './statistics';
import type { StatisticsRow } from './statistics.repository';

const row = (fields: Partial<StatisticsRow> = {}): StatisticsRow => ({
  organization_id: null,
  organization_name: null,
  received: 0,
  answered: 0,
  on_time: 0,
  median_hours: null,
  held_on_time: 0,
  hearings_due: 0,
  rec_total: 0,
  rec_responded: 0,
  rec_accepted: 0,
  formal_by_authors: 0,
  formal_authors: 0,
  formal_by_council: 0,
  commitments: 0,
  commitments_implemented: 0,
  commitments_confirmed: 0,
  commitments_disputed: 0,
  ...fields,
});

describe('share', () => {
  it('is the part of the whole rounded to 4 decimals, null when there is nothing to count', () => {
    expect(share(1, 3)).toBe(0.3333);
    expect(share(2, 3)).toBe(0.6667);
    expect(share(13, 14)).toBe(0.9286);
    expect(share(0, 5)).toBe(0);
    expect(share(5, 5)).toBe(1);
    expect(share(0, 0)).toBeNull();
  });
});

describe('toStatistics', () => {
  it('the figures of the answers that count are the row counts as they are, top-level beside the groups', () => {
    const s = toStatistics(
      row({
        received: 12,
        answered: 9,
        formal_by_authors: 4,
        formal_authors: 3,
        formal_by_council: 2,
        commitments: 5,
        commitments_implemented: 3,
        commitments_confirmed: 2,
        commitments_disputed: 1,
      }),
    );
    expect(s).toMatchObject({
      answersFormalByAuthors: 4,
      answersFormalByAuthorsDistinctAuthors: 3,
      answersFormalByCouncil: 2,
      commitments: 5,
      commitmentsImplemented: 3,
      commitmentsConfirmed: 2,
      commitmentsDisputed: 1,
    });
    expect(Object.keys(s)).toEqual([
      'remarks',
      'hearings',
      'recommendations',
      'answersFormalByAuthors',
      'answersFormalByAuthorsDistinctAuthors',
      'answersFormalByCouncil',
      'commitments',
      'commitmentsImplemented',
      'commitmentsConfirmed',
      'commitmentsDisputed',
    ]);
  });

  it('shares over received, due and responded; the median in hours to one decimal', () => {
    const s = toStatistics(
      row({
        received: 8,
        answered: 6,
        on_time: 5,
        median_hours: 20.04,
        held_on_time: 1,
        hearings_due: 3,
        rec_total: 4,
        rec_responded: 3,
        rec_accepted: 2,
      }),
    );
    expect(s.remarks).toEqual({
      received: 8,
      answered: 6,
      answeredOnTime: 5,
      answeredShare: 0.75,
      answeredOnTimeShare: 0.625,
      medianAnswerHours: 20,
    });
    expect(s.hearings).toEqual({ heldOnTime: 1, due: 3, heldOnTimeShare: 0.3333 });
    expect(s.recommendations).toEqual({ total: 4, responded: 3, accepted: 2, acceptedShare: 0.6667 });
  });

  it('nothing to count: zeros and null shares, never a division by zero', () => {
    const s = toStatistics(row());
    expect(s.remarks.answeredShare).toBeNull();
    expect(s.remarks.medianAnswerHours).toBeNull();
    expect(s.hearings.heldOnTimeShare).toBeNull();
    expect(s.recommendations.acceptedShare).toBeNull();
    expect(s.answersFormalByAuthors).toBe(0);
    expect(s.commitments).toBe(0);
  });
});
