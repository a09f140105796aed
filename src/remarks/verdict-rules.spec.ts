import { WorkingCalendar } from '../calendar/working-calendar';
import type { AppError } from '../common/errors/app-error';
import { loadConfig } from '../config/config';
import { verdictClosesAt } from '../procedure/deadlines';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { LocalizedText } from '../common/i18n/localized-text';
import { VerdictDto } from './remarks.dto';
import type { VerdictAttempt } from './verdict-rules';
import { assertVerdictAllowed, correctionChanges, isSameVerdict, localAt, verdictTime } from './verdict-rules';

const TZ = 'Asia/Almaty';
const published = new Date('2027-03-10T06:00:00Z');
const closesAt = new Date('2027-03-24T18:59:59.999Z');
const base: VerdictAttempt = {
  userId: 'author',
  authorId: 'author',
  latest: { version: 2, publishedAt: published },
  answerVersion: undefined,
  now: new Date('2027-03-12T06:00:00Z'),
  closesAt,
  timeZone: TZ,
};

function refusal(a: Partial<VerdictAttempt>): AppError | null {
  try {
    assertVerdictAllowed({ ...base, ...a });
    return null;
  } catch (e) {
    return e as AppError;
  }
}

describe('verdict rules', () => {
  it('lets the author judge the latest version inside the window, both ends included', () => {
    expect(refusal({})).toBeNull();
    expect(refusal({ answerVersion: 2 })).toBeNull();
    expect(refusal({ now: published })).toBeNull();
    expect(refusal({ now: closesAt })).toBeNull();
  });

  it('refuses in the contract order: NOT_AUTHOR, NOT_ANSWERED, ANSWER_VERSION_STALE, VERDICT_WINDOW_CLOSED', () => {
    expect(refusal({ userId: 'someone', latest: null, now: new Date('2030-01-01T00:00:00Z') })?.code).toBe('NOT_AUTHOR');
    expect(refusal({ latest: null, closesAt: null, answerVersion: 1 })?.code).toBe('NOT_ANSWERED');
    const stale = refusal({ answerVersion: 1, now: new Date('2030-01-01T00:00:00Z') })!;
    expect(stale.code).toBe('ANSWER_VERSION_STALE');
    expect(stale.params).toEqual({ latest: 2 });
    expect(stale.fields).toEqual({ latest: 2 });
    const closed = refusal({ now: new Date(closesAt.getTime() + 1) })!;
    expect(closed.code).toBe('VERDICT_WINDOW_CLOSED');
    expect(closed.status).toBe(409);
    expect(closed.params).toEqual({ closesAt: '2027-03-24 23:59 (Asia/Almaty)' });
    expect(closed.fields).toEqual({ closesAt: '2027-03-24T18:59:59.999Z' });
  });

  it('counts 10 working days from the day after publication, skipping a holiday, to the end of the last day', () => {
    // Nauryz 21-23 March 2027 (Sun-Tue), 24 March off in place of Sunday the 21st, and weekends
    const cal = new WorkingCalendar([]);
    const cfg = loadConfig({}).procedure;
    const at = verdictClosesAt(new Date('2027-03-17T10:00:00+05:00'), TZ, cal, cfg);
    // published Wed 17 March: 18, 19 | 25, 26 | 29, 30, 31, 1, 2 | 5 April = 10 working days
    expect(localAt(at, TZ)).toBe('2027-04-05 23:59 (Asia/Almaty)');
    // an administrator's working Saturday (27 March) brings it a day closer
    const moved = verdictClosesAt(
      new Date('2027-03-17T10:00:00+05:00'),
      TZ,
      new WorkingCalendar([{ date: '2027-03-27', working: true, reason: 'moved working day' }]),
      cfg,
    );
    expect(localAt(moved, TZ)).toBe('2027-04-02 23:59 (Asia/Almaty)');
  });

  it('treats a repeated verdict with the same reason as the current one (no new row)', () => {
    expect(isSameVerdict(null, 'reasoned', null)).toBe(false);
    expect(isSameVerdict({ verdict: 'reasoned', reason: null }, 'reasoned', null)).toBe(true);
    expect(isSameVerdict({ verdict: 'formal', reason: 'Does not answer' }, 'formal', 'Does not answer')).toBe(true);
    expect(isSameVerdict({ verdict: 'formal', reason: 'Does not answer' }, 'formal', 'Another reason here')).toBe(false);
    expect(isSameVerdict({ verdict: 'formal', reason: 'Does not answer' }, 'reasoned', 'Does not answer')).toBe(false);
  });

  it('records a new row after the previous one even when the clock stands still', () => {
    const now = new Date('2027-03-12T06:00:00Z');
    expect(verdictTime(now, null)).toEqual(now);
    expect(verdictTime(now, new Date('2027-03-11T06:00:00Z'))).toEqual(now);
    expect(verdictTime(now, now)).toEqual(new Date('2027-03-12T06:00:00.001Z'));
    expect(verdictTime(now, new Date('2027-03-12T06:00:00.005Z'))).toEqual(new Date('2027-03-12T06:00:00.006Z'));
  });

  it('calls a correction unchanged when neither the trimmed text nor the disposition differs', () => {
    const en = (text: string) => LocalizedText.single(text, 'en')!;
    const latest = { body: en('The lot is split in two.'), disposition: 'accepted' };
    expect(correctionChanges(latest, en('  The lot is split in two.\n'), 'accepted')).toBe(false);
    expect(correctionChanges(latest, en('The lot is split in three.'), 'accepted')).toBe(true);
    expect(correctionChanges(latest, en('The lot is split in two.'), 'partially_accepted')).toBe(true);
    // the same words in another language, or a translation added, is a change of the text
    expect(correctionChanges(latest, LocalizedText.single('The lot is split in two.', 'ru')!, 'accepted')).toBe(true);
    expect(correctionChanges(latest, LocalizedText.of({ en: 'The lot is split in two.', kk: 'Лот екіге бөлінеді.' })!, 'accepted')).toBe(
      true,
    );
  });
});

describe('VerdictDto', () => {
  async function failed(input: Record<string, unknown>): Promise<string[]> {
    const errors = await validate(plainToInstance(VerdictDto, input), { whitelist: true, forbidNonWhitelisted: true });
    return errors.map((e) => e.property);
  }

  it('requires a reason of 10-2000 characters (trimmed) for formal, and accepts reasoned without one', async () => {
    expect(await failed({ verdict: 'reasoned' })).toEqual([]);
    expect(await failed({ verdict: 'reasoned', reason: '' })).toEqual([]);
    expect(await failed({ verdict: 'reasoned', reason: 'short' })).toEqual(['reason']);
    expect(await failed({ verdict: 'formal' })).toEqual(['reason']);
    expect(await failed({ verdict: 'formal', reason: '   123456789   ' })).toEqual(['reason']);
    expect(await failed({ verdict: 'formal', reason: '1234567890' })).toEqual([]);
    expect(await failed({ verdict: 'formal', reason: 'x'.repeat(2001) })).toEqual(['reason']);
    expect(await failed({ verdict: 'maybe' })).toEqual(['verdict']);
    expect(await failed({ verdict: 'reasoned', answerVersion: 0 })).toEqual(['answerVersion']);
    expect(await failed({ verdict: 'reasoned', answerVersion: '3' })).toEqual([]);
    expect(await failed({ verdict: 'reasoned', answerVersion: 'x' })).toEqual(['answerVersion']);
  });
});
