import type { PlanTimestamps } from './plan-status';
import { isHearingOverdue, planStatus } from './plan-status';

const d = (s: string) => new Date(s);
const base: PlanTimestamps = {
  publishedAt: null,
  stage1ClosesAt: null,
  hearingDeadlineDate: null,
  hearingOverdueAt: null,
  protocolPublishedAt: null,
  stage2OpensAt: null,
  stage2ClosesAt: null,
  outcomePublishedAt: null,
};
const published: PlanTimestamps = {
  ...base,
  publishedAt: d('2027-03-01T05:00:00Z'),
  stage1ClosesAt: d('2027-03-22T18:59:59.999Z'),
  hearingDeadlineDate: '2027-04-01',
};

describe('planStatus', () => {
  it('is draft before publication', () => {
    expect(planStatus(base, d('2027-03-01T00:00:00Z'))).toBe('draft');
  });
  it('is stage1_open up to and including the last millisecond', () => {
    expect(planStatus(published, d('2027-03-01T05:00:00Z'))).toBe('stage1_open');
    expect(planStatus(published, d('2027-03-22T18:59:59.999Z'))).toBe('stage1_open');
    expect(planStatus(published, d('2027-03-22T19:00:00.000Z'))).toBe('awaiting_hearing');
  });
  it('is council_review after the protocol until stage 2 opens', () => {
    const p = { ...published, protocolPublishedAt: d('2027-03-30T05:00:00Z') };
    expect(planStatus(p, d('2027-03-30T06:00:00Z'))).toBe('council_review');
    const withNotice = { ...p, stage2OpensAt: d('2027-04-20T05:00:00Z'), stage2ClosesAt: d('2027-04-27T18:59:59.999Z') };
    expect(planStatus(withNotice, d('2027-04-20T04:59:59Z'))).toBe('council_review');
    expect(planStatus(withNotice, d('2027-04-20T05:00:00Z'))).toBe('stage2_open');
    expect(planStatus(withNotice, d('2027-04-27T18:59:59.999Z'))).toBe('stage2_open');
    expect(planStatus(withNotice, d('2027-04-27T19:00:00Z'))).toBe('awaiting_outcome');
    expect(planStatus({ ...withNotice, outcomePublishedAt: d('2027-05-10T05:00:00Z') }, d('2027-05-10T06:00:00Z'))).toBe('closed');
  });
});

describe('isHearingOverdue', () => {
  it('turns true the day after the hearing deadline without a protocol', () => {
    expect(isHearingOverdue(published, d('2027-04-01T18:59:59Z'), 'Asia/Almaty')).toBe(false);
    expect(isHearingOverdue(published, d('2027-04-01T19:00:00Z'), 'Asia/Almaty')).toBe(true);
    expect(
      isHearingOverdue({ ...published, protocolPublishedAt: d('2027-03-30T05:00:00Z') }, d('2027-05-01T00:00:00Z'), 'Asia/Almaty'),
    ).toBe(false);
    expect(isHearingOverdue(base, d('2030-01-01T00:00:00Z'), 'Asia/Almaty')).toBe(false);
    expect(isHearingOverdue({ ...published, hearingOverdueAt: d('2027-04-02T00:00:00Z') }, d('2027-03-02T00:00:00Z'), 'Asia/Almaty')).toBe(
      true,
    );
  });
});
