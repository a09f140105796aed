import { LocalizedText } from '../../common/i18n/localized-text';
import { pageContext } from '../layout';
import { lines, messagesFor } from '../forms/form';
import { texts } from '../../common/i18n/catalogue';
import { nextDeadlines, quarterOptions } from './organizer.pages';
import type { OrganizerPlanRow } from './organizer-pages.repository';

const TZ = 'Asia/Almaty';
const row = (over: Partial<OrganizerPlanRow>): OrganizerPlanRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  title: LocalizedText.single('Plan', 'en')!,
  amount: '1',
  method: 'auction',
  cursor_at: '2027-03-01T05:00:00.000000Z',
  published_at: null,
  stage1_closes_at: null,
  hearing_deadline_date: null,
  hearing_overdue_at: null,
  protocol_published_at: null,
  review_closes_at: null,
  notice_published_at: null,
  stage2_opens_at: null,
  stage2_closes_at: null,
  outcome_published_at: null,
  hearing_status: null,
  hearing_starts_at: null,
  remarks_total: 0,
  remarks_answered: 0,
  remarks_unanswered: 0,
  remarks_hidden: 0,
  next_answer_due_at: null,
  next_response_due_at: null,
  ...over,
});

describe('organizer pages: pure parts', () => {
  const ctx = pageContext('en', false, '/organizer');
  const m = texts('en').pages.organizer;
  const now = new Date('2027-04-01T10:00:00+05:00');

  it('names the next deadline of each status, and marks what is overdue', () => {
    expect(nextDeadlines(ctx, m, row({}), TZ, now)).toEqual([{ text: 'Publish the draft', overdue: false }]);
    const published = { published_at: new Date('2027-03-01T05:00:00Z'), stage1_closes_at: new Date('2027-03-25T18:59:59.999Z') };
    const hearingDue = nextDeadlines(ctx, m, row({ ...published, hearing_deadline_date: '2027-04-04' }), TZ, now);
    expect({ ...hearingDue[0], text: String(hearingDue[0].text) }).toEqual({
      text: 'Hold the hearing by <time datetime="2027-04-04">4 April 2027</time>',
      overdue: false,
    });
    const late = nextDeadlines(
      ctx,
      m,
      row({
        ...published,
        hearing_deadline_date: '2027-03-31',
        next_answer_due_at: new Date('2027-03-30T18:59:59Z'),
        remarks_unanswered: 1,
      }),
      TZ,
      now,
    );
    expect(late.map((d) => d.overdue)).toEqual([true, true]);
    expect(String(late[1].text)).toMatch(/^Answer remarks by <time datetime="2027-03-30T23:59:59\+05:00">30 March 2027/);
  });

  it('offers this year’s and next year’s quarters in the organizer’s time zone', () => {
    expect(quarterOptions(new Date('2026-12-31T20:00:00Z'), TZ)).toEqual([
      '2027-Q1',
      '2027-Q2',
      '2027-Q3',
      '2027-Q4',
      '2028-Q1',
      '2028-Q2',
      '2028-Q3',
      '2028-Q4',
    ]);
  });

  it('maps failed DTO paths to the fields that show them', () => {
    expect(messagesFor(new Set(['speakers.3', 'summary', 'whatever']), { speakers: 'S', summary: 'U' })).toEqual({
      speakers: 'S',
      summary: 'U',
    });
    expect(messagesFor(new Set(['documents.0.url']), { doc2Url: 'bad url' }, () => 'doc2Url')).toEqual({ doc2Url: 'bad url' });
    expect(lines(' a \r\n\r\nb\n ')).toEqual(['a', 'b']);
  });

  it('has every text in kk, ru and en', () => {
    const keys = Object.keys(texts('en').pages.organizer).sort();
    expect(Object.keys(texts('ru').pages.organizer).sort()).toEqual(keys);
    expect(Object.keys(texts('kk').pages.organizer).sort()).toEqual(keys);
  });
});
