import { WorkingCalendar } from '../calendar/working-calendar';
import type { ProcedureConfig } from '../config/config';
import { changedFrom, checkCommitments, disputeAnswerDueAt, finished, isCommitmentDisposition, titlesUnique } from './commitment-rules';

const cfg = { stage2AnswerDueWorkingDays: 5 } as ProcedureConfig;
const cal = new WorkingCalendar([]);
const TZ = 'Asia/Almaty';
const local = (iso: string) => new Date(`${iso}+05:00`);

describe('which answers make a commitment', () => {
  it('is an answer that accepts the remark, fully or partly', () => {
    expect(isCommitmentDisposition('accepted')).toBe(true);
    expect(isCommitmentDisposition('partially_accepted')).toBe(true);
    expect(isCommitmentDisposition('rejected')).toBe(false);
    expect(isCommitmentDisposition('explained')).toBe(false);
    expect(isCommitmentDisposition(null)).toBe(false);
  });
});

describe('checkCommitments', () => {
  const required = ['r1', 'r2', 'r3'];
  const titles = ['Specification', 'Contract'];
  const done = {
    r1: { remarkId: 'r1', status: 'implemented' as const, document: ' Specification ', location: ' 4.2 ', explanation: ' Kept ' },
    r2: { remarkId: 'r2', status: 'not_implemented' as const, document: 'Contract', location: 'p. 3', explanation: 'Not possible' },
    r3: { remarkId: 'r3', status: 'not_implemented' as const, explanation: 'Law forbids it' },
  };

  it('accepts every commitment finished, trimmed, with document and location only when implemented', () => {
    const check = checkCommitments(required, [done.r3, done.r1, done.r2], titles, true);
    expect(check).toEqual({
      ok: true,
      commitments: [
        { remarkId: 'r1', status: 'implemented', document: 'Specification', location: '4.2', explanation: 'Kept' },
        { remarkId: 'r2', status: 'not_implemented', document: null, location: null, explanation: 'Not possible' },
        { remarkId: 'r3', status: 'not_implemented', document: null, location: null, explanation: 'Law forbids it' },
      ],
    });
  });

  it('lists the missing and unfinished ones in the order of the remarks', () => {
    expect(checkCommitments(required, [], titles, true)).toEqual({ ok: false, invalid: null, missing: ['r1', 'r2', 'r3'] });
    const unfinished = [
      { ...done.r1, location: '  ' },
      { remarkId: 'r2', status: 'not_implemented' as const, explanation: '' },
      { remarkId: 'r3', explanation: 'no status' },
    ];
    expect(checkCommitments(required, unfinished, titles, true)).toEqual({ ok: false, invalid: null, missing: ['r1', 'r2', 'r3'] });
    expect(checkCommitments(required, [done.r1, { ...done.r3, explanation: undefined }], titles, true)).toEqual({
      ok: false,
      invalid: null,
      missing: ['r2', 'r3'],
    });
    expect(finished({ remarkId: 'r1', status: 'implemented', explanation: 'x', location: 'p. 1' })).toBeNull();
  });

  it('checks only those given for later versions', () => {
    expect(checkCommitments(required, [done.r2], titles, false)).toMatchObject({ ok: true, commitments: [{ remarkId: 'r2' }] });
  });

  it('refuses a remark that is no commitment, a repeat, and a document the notice does not have', () => {
    expect(checkCommitments(required, [{ ...done.r1, remarkId: 'r9' }], titles, true)).toEqual({
      ok: false,
      invalid: { kind: 'not_a_commitment', remarkId: 'r9' },
    });
    expect(checkCommitments(required, [done.r1, done.r1], titles, true)).toEqual({
      ok: false,
      invalid: { kind: 'duplicate', remarkId: 'r1' },
    });
    expect(checkCommitments(required, [{ ...done.r1, document: 'Estimate' }], titles, true)).toEqual({
      ok: false,
      invalid: { kind: 'unknown_document', remarkId: 'r1', document: 'Estimate' },
    });
    // a document named for a not-implemented commitment is dropped, not checked
    expect(checkCommitments(['r2'], [{ ...done.r2, document: 'Estimate' }], titles, true)).toMatchObject({ ok: true });
  });
});

describe('titlesUnique', () => {
  it('refuses titles that repeat, ignoring case and edge blanks', () => {
    expect(titlesUnique(['Specification', 'Contract'])).toBe(true);
    expect(titlesUnique(['Specification', ' specification'])).toBe(false);
    expect(titlesUnique(['Техническая спецификация', 'ТЕХНИЧЕСКАЯ СПЕЦИФИКАЦИЯ'])).toBe(false);
  });
});

describe('changedFrom', () => {
  const latest = { answerId: 'a1', status: 'implemented', document: 'Spec', location: '4.2', explanation: 'Kept' };
  const same = { remarkId: 'r1', status: 'implemented' as const, document: 'Spec', location: '4.2', explanation: 'Kept' };
  it('makes a new version for a first one, a change, or a later answer', () => {
    expect(changedFrom(null, same, 'a1')).toBe(true);
    expect(changedFrom(latest, same, 'a1')).toBe(false);
    expect(changedFrom(latest, { ...same, location: '4.3' }, 'a1')).toBe(true);
    expect(changedFrom(latest, same, 'a2')).toBe(true);
  });
});

describe('disputeAnswerDueAt', () => {
  // Stage 2 closes Tuesday 30 March 2027 (after the Nauryz days off); its answers are due 6 April.
  const stage2ClosesAt = local('2027-03-30T23:59:59.999');
  const holidays = new WorkingCalendar([]);

  it('is the stage-2 answer deadline when the dispute comes early', () => {
    expect(disputeAnswerDueAt(local('2027-03-25T10:00:00'), stage2ClosesAt, TZ, holidays, cfg).toISOString()).toBe(
      local('2027-04-06T23:59:59.999').toISOString(),
    );
  });

  it('is 5 working days after a later dispute, skipping the weekend', () => {
    // Friday 2 April: 5, 6, 7, 8, 9 April
    expect(disputeAnswerDueAt(local('2027-04-02T16:00:00'), stage2ClosesAt, TZ, holidays, cfg).toISOString()).toBe(
      local('2027-04-09T23:59:59.999').toISOString(),
    );
  });

  it('skips holidays and counts from the local date', () => {
    // 17 March 2027 19:30 UTC is already Thursday 18 March in Almaty; 19, 25, 26, 29, 30 March (Nauryz and the days off between)
    expect(disputeAnswerDueAt(new Date('2027-03-17T19:30:00Z'), null, TZ, cal, cfg).toISOString()).toBe(
      local('2027-03-30T23:59:59.999').toISOString(),
    );
  });
});
