import { reviewWindow } from './review-window';

describe('reviewWindow', () => {
  const plan = { protocolPublishedAt: new Date('2027-03-08T12:00:00+05:00'), reviewClosesAt: new Date('2027-03-22T23:59:59.999+05:00') };

  it('opens with the protocol and closes after the deadline (inclusive) or with the conclusion', () => {
    expect(reviewWindow({ protocolPublishedAt: null, reviewClosesAt: null }, false, new Date('2027-03-10T10:00:00+05:00'))).toBe(
      'not_started',
    );
    expect(reviewWindow(plan, false, new Date('2027-03-10T10:00:00+05:00'))).toBe('open');
    expect(reviewWindow(plan, false, plan.reviewClosesAt)).toBe('open');
    expect(reviewWindow(plan, false, new Date(plan.reviewClosesAt.getTime() + 1))).toBe('closed');
    expect(reviewWindow(plan, true, new Date('2027-03-10T10:00:00+05:00'))).toBe('closed');
  });
});
