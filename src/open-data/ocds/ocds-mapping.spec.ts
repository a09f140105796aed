import { LocalizedText } from '../../common/i18n/localized-text';
import { PUBLIC_READER, publicTextFor } from '../../remarks/remark-moderation';
import type { OcdsContext, OcdsPlanFacts } from './ocds-mapping';
import {
  enquiryRelease,
  hearingRelease,
  noticeRelease,
  outcomeRelease,
  procurementMethodOf,
  publicationRelease,
  redactRelease,
} from './ocds-mapping';

const PLAN_ID = '0b7f4f4e-8a43-4c1e-9e52-1f6f6a1e2b3c';
const ctx: OcdsContext = { ocid: `ocds-test-${PLAN_ID}`, planId: PLAN_ID, planUrl: `https://talqylau.test/plans/${PLAN_ID}` };
const text = (kk: string, ru: string, en?: string) => LocalizedText.of({ kk, ru, en })!;
const at = (iso: string) => new Date(iso);

const plan: OcdsPlanFacts = {
  id: PLAN_ID,
  title: text('Мектеп тамағы', 'Школьное питание', 'School meals'),
  description: text('Сипаттама', 'Описание'),
  subjectCode: '561010.000.000000',
  amount: 120_000_000,
  method: 'open_tender',
  plannedQuarter: '2027-Q3',
  deliveryPlace: text('Алматы', 'Алматы'),
  publishedAt: at('2027-03-01T05:00:00.000Z'),
  stage1ClosesAt: at('2027-03-21T18:59:59.999Z'),
  organization: { name: text('Алматы қаласының әкімдігі', 'Акимат города Алматы'), bin: '123456789012' },
};

describe('OCDS mapping', () => {
  it('publication is a planning release of the plan as planning and tender, with translations as suffixed fields', () => {
    const release = publicationRelease(ctx, plan);
    expect(release).toMatchObject({
      ocid: ctx.ocid,
      id: `${ctx.ocid}-published`,
      date: '2027-03-01T05:00:00.000Z',
      tag: ['planning'],
      initiationType: 'tender',
      buyer: { id: 'KZ-BIN-123456789012', name: 'Алматы қаласының әкімдігі' },
      planning: { budget: { amount: { amount: 120_000_000, currency: 'KZT' } } },
      tender: {
        id: PLAN_ID,
        title: 'Мектеп тамағы',
        title_kk: 'Мектеп тамағы',
        title_ru: 'Школьное питание',
        title_en: 'School meals',
        description_ru: 'Описание',
        status: 'planning',
        value: { amount: 120_000_000, currency: 'KZT' },
        procurementMethod: 'open',
        procurementMethodDetails: 'ашық конкурс',
        items: [{ id: '1', classification: { scheme: 'KZ-ENSTRU', id: '561010.000.000000' } }],
        enquiryPeriod: { startDate: '2027-03-01T05:00:00.000Z', endDate: '2027-03-21T18:59:59.999Z' },
      },
    });
    expect(release.parties).toEqual([
      expect.objectContaining({
        id: 'KZ-BIN-123456789012',
        identifier: { scheme: 'KZ-BIN', id: '123456789012', legalName: 'Алматы қаласының әкімдігі' },
        roles: ['buyer', 'procuringEntity'],
        name_ru: 'Акимат города Алматы',
      }),
    ]);
    expect((release.tender as { description_en?: string }).description_en).toBeUndefined();
  });

  it('single source is a direct procurement; every other method is open, named in Kazakh', () => {
    expect(procurementMethodOf('single_source')).toEqual({ procurementMethod: 'direct', procurementMethodDetails: 'бір көзден алу' });
    expect(procurementMethodOf('auction')).toEqual({ procurementMethod: 'open', procurementMethodDetails: 'аукцион' });
    expect(procurementMethodOf('e_shop').procurementMethod).toBe('open');
  });

  it('hearing changes update one milestone (by id) of the planning; a cancellation is notMet', () => {
    const venue = text('Абай даңғылы 1', 'проспект Абая 1');
    const scheduled = hearingRelease(ctx, {
      action: 'scheduled',
      sequence: 0,
      startsAt: at('2027-03-25T05:00:00Z'),
      createdAt: at('2027-03-22T05:00:00Z'),
      venue,
      room: null,
    });
    const cancelled = hearingRelease(ctx, {
      action: 'cancelled',
      sequence: 1,
      startsAt: at('2027-03-25T05:00:00Z'),
      createdAt: at('2027-03-23T05:00:00Z'),
      venue,
      room: null,
    });
    expect(scheduled).toMatchObject({
      id: `${ctx.ocid}-hearing-0`,
      tag: ['planningUpdate'],
      planning: { milestones: [{ id: 'hearing', type: 'engagement', status: 'scheduled', dueDate: '2027-03-25T05:00:00.000Z' }] },
    });
    expect(cancelled).toMatchObject({
      id: `${ctx.ocid}-hearing-1`,
      date: '2027-03-23T05:00:00.000Z',
      planning: { milestones: [{ id: 'hearing', status: 'notMet' }] },
    });
    expect(cancelled.tender).toBeUndefined();
  });

  it('the notice is a tender release with its documents and their SHA-256; a correction is a tenderUpdate', () => {
    const sha = 'a'.repeat(64);
    const notice = {
      noticeNumber: 'KZ-2027-001',
      firstPublishedAt: at('2027-04-10T05:00:00Z'),
      documents: [{ title: text('Техникалық ерекшелік', 'Техническая спецификация'), url: 'https://goszakup.gov.kz/doc.pdf', sha256: sha }],
    };
    const first = noticeRelease(ctx, { ...notice, version: 1, publishedAt: at('2027-04-10T05:00:00Z') });
    const second = noticeRelease(ctx, { ...notice, version: 2, publishedAt: at('2027-04-11T05:00:00Z') });
    expect(first.tag).toEqual(['tender']);
    expect(second.tag).toEqual(['tenderUpdate']);
    expect(first.tender!.documents).toEqual([
      expect.objectContaining({ id: 'notice', documentType: 'tenderNotice', description: 'KZ-2027-001' }),
      expect.objectContaining({
        id: `doc-${'a'.repeat(16)}`,
        documentType: 'biddingDocuments',
        description: `SHA-256: ${sha}`,
        url: 'https://goszakup.gov.kz/doc.pdf',
        title_ru: 'Техническая спецификация',
      }),
    ]);
    expect(second.id).not.toBe(first.id);
  });

  it('the outcome sets tender.status: cancelled for a cancelled purchase, active otherwise', () => {
    const outcome = {
      version: 1,
      summary: text('Қорытынды', 'Итог'),
      publishedAt: at('2027-05-01T05:00:00Z'),
      firstPublishedAt: at('2027-05-01T05:00:00Z'),
    };
    expect(outcomeRelease(ctx, { ...outcome, decision: 'cancel' }).tender).toMatchObject({
      status: 'cancelled',
      documents: [{ documentType: 'cancellationDetails' }],
    });
    expect(outcomeRelease(ctx, { ...outcome, decision: 'proceed' }).tender).toMatchObject({ status: 'active' });
  });

  it('an enquiry carries only what its event set, never an author; planningUpdate before the notice, tenderUpdate after', () => {
    const remarkId = '5d1c3b0a-0000-4000-8000-000000000001';
    const remark = enquiryRelease(
      ctx,
      { kind: 'remark', id: remarkId, remarkId, at: at('2027-03-02T05:00:00Z'), description: 'Почему так дорого?' },
      false,
    );
    const answer = enquiryRelease(
      ctx,
      { kind: 'answer', id: 'a1', remarkId, at: at('2027-03-05T05:00:00Z'), answer: text('Жауап', 'Ответ'), answerLanguage: 'ru' },
      true,
    );
    const verdict = enquiryRelease(ctx, { kind: 'verdict', id: 'v1', remarkId, at: at('2027-03-06T05:00:00Z'), verdict: 'formal' }, true);
    expect(remark).toMatchObject({ id: `${ctx.ocid}-remark-${remarkId}`, tag: ['planningUpdate'] });
    expect(remark.tender!.enquiries).toEqual([{ id: remarkId, date: '2027-03-02T05:00:00.000Z', description: 'Почему так дорого?' }]);
    expect(answer.tag).toEqual(['tenderUpdate']);
    expect(answer.tender!.enquiries).toEqual([
      { id: remarkId, answer: 'Ответ', answer_kk: 'Жауап', answer_ru: 'Ответ', dateAnswered: '2027-03-05T05:00:00.000Z' },
    ]);
    expect(verdict.tender!.enquiries).toEqual([{ id: remarkId, answerVerdict: 'formal' }]);
    for (const release of [remark, answer, verdict]) expect(JSON.stringify(release)).not.toContain('author');
  });

  it('the redaction pass states the current public text: hidden is null, masked is masked; nothing else changes', () => {
    const stored = enquiryRelease(
      ctx,
      { kind: 'remark', id: 'r1', remarkId: 'r1', at: at('2027-03-02T05:00:00Z'), description: 'the text once public' },
      false,
    );
    const answer = enquiryRelease(
      ctx,
      { kind: 'answer', id: 'a1', remarkId: 'r1', at: at('2027-03-05T05:00:00Z'), answer: text('Жауап', 'Ответ'), answerLanguage: 'kk' },
      false,
    );
    const same = (_: string, answerText: string) => answerText;
    expect(redactRelease(stored, () => null, same).tender!.enquiries).toEqual([
      { id: 'r1', date: '2027-03-02T05:00:00.000Z', description: null },
    ]);
    expect(redactRelease(stored, () => 'masked •••', same).tender!.enquiries![0].description).toBe('masked •••');
    expect(redactRelease(answer, () => null, same)).toEqual(answer);
    const publication = publicationRelease(ctx, plan);
    expect(redactRelease(publication, () => null, same)).toBe(publication);
    expect(stored.tender!.enquiries![0].description).toBe('the text once public');
  });

  it('the redaction pass masks every answer field again by the current rules, so an answer stored under laxer ones is masked', () => {
    // stored as if the rules at sync time had missed the e-mail address and the phone number
    const answerText = text('Хабарласыңыз: ivanov@example.kz', 'Звоните: +7 701 234 56 78', 'Write to ivanov@example.kz');
    const stored = enquiryRelease(
      ctx,
      { kind: 'answer', id: 'a1', remarkId: 'r1', at: at('2027-03-05T05:00:00Z'), answer: answerText, answerLanguage: 'ru' },
      false,
    );
    const seen: string[] = [];
    const current = (remarkId: string, answer: string) => {
      seen.push(remarkId);
      return publicTextFor(answer, 'the remark author', PUBLIC_READER);
    };
    const [enquiry] = redactRelease(stored, () => 'unused', current).tender!.enquiries!;
    expect(enquiry).toEqual({
      id: 'r1',
      answer: 'Звоните: +• ••• ••• •• ••',
      answer_kk: 'Хабарласыңыз: •••@•••',
      answer_ru: 'Звоните: +• ••• ••• •• ••',
      answer_en: 'Write to •••@•••',
      dateAnswered: '2027-03-05T05:00:00.000Z',
    });
    expect(new Set(seen)).toEqual(new Set(['r1']));
    // an answer release states no description: the redaction adds none
    expect('description' in enquiry).toBe(false);
    expect(stored.tender!.enquiries![0].answer_kk).toBe('Хабарласыңыз: ivanov@example.kz');
  });

  it("a hide or a restore is keyed by the remark, the change and its time, never by a moderator's decision", () => {
    const remarkId = '5d1c3b0a-0000-4000-8000-000000000001';
    const hidden = enquiryRelease(
      ctx,
      { kind: 'moderation', remarkId, change: 'hidden', at: at('2027-03-07T05:00:00Z'), description: null },
      false,
    );
    const restored = enquiryRelease(
      ctx,
      { kind: 'moderation', remarkId, change: 'restored', at: at('2027-03-07T05:00:00Z'), description: 'Почему так дорого?' },
      false,
    );
    expect(hidden.id).toBe(`${ctx.ocid}-moderation-${remarkId}-hidden-20270307T050000000Z`);
    expect(restored.id).toBe(`${ctx.ocid}-moderation-${remarkId}-restored-20270307T050000000Z`);
    expect(hidden.tender!.enquiries).toEqual([{ id: remarkId, description: null }]);
    expect(restored.tender!.enquiries).toEqual([{ id: remarkId, description: 'Почему так дорого?' }]);
  });
});
