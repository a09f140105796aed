import { LocalizedText } from '../common/i18n/localized-text';
import { pageContext } from './layout';
import type { ProcedureDetails } from './plan-sections';
import { procedureSections } from './plan-sections';

const TZ = 'Asia/Almaty';
const NOW = new Date('2027-04-20T10:00:00Z');
const kk = (text: string) => LocalizedText.single(text, 'kk')!;
const ru = (text: string) => LocalizedText.single(text, 'ru')!;
const both = (kkText: string, ruText: string) => LocalizedText.of({ kk: kkText, ru: ruText })!;

/** Protocol, review, notice and outcome with texts in one language or both, as the views give them. */
function details(): ProcedureDetails {
  const protocol = {
    version: 1,
    attendeesCount: 12,
    speakers: [ru('Иванов И.')],
    positions: [],
    questions: [{ question: kk('Мерзімі қандай?'), answer: both('60 күн', '60 дней') }],
    summary: both('Смета талқыланды', 'Обсудили смету'),
    decisions: [kk('Сметаны қайта есептеу')],
    publishedAt: '2027-03-01T05:00:00.000Z',
    late: false,
    correctionReason: null,
  };
  const response = {
    version: 2,
    accepted: true,
    text: ru('Разделено на три лота'),
    publishedAt: '2027-03-05T05:00:00.000Z',
    late: false,
    correctionReason: kk('Кеңес қайта сұрады'),
  };
  const notice = {
    version: 1,
    noticeNumber: 'N-1',
    documents: [
      { title: both('Техникалық ерекшелік', 'Техническая спецификация'), url: 'https://goszakup.example/spec.pdf', sha256: 'a'.repeat(64) },
    ],
    publishedAt: '2027-03-10T05:00:00.000Z',
    correctionReason: null,
  };
  const outcome = {
    version: 1,
    decision: 'amend',
    summary: kk('Құжаттама өзгертіледі'),
    publishedAt: '2027-04-01T05:00:00.000Z',
    correctionReason: null,
  };
  return {
    protocol: { ...protocol, versions: [protocol] },
    review: {
      closesAt: '2027-03-15T18:59:59.999Z',
      conclusion: null,
      positions: [
        {
          memberName: 'Member',
          position: 'endorse_with_recommendations',
          text: kk('Жақсы жоспар'),
          createdAt: '2027-03-02T05:00:00.000Z',
          recommendations: [
            {
              id: 'rec-1',
              text: both('Лоттарға бөлу', 'Разделить на лоты'),
              responseDueAt: '2027-03-20T18:59:59.999Z',
              overdue: false,
              response,
            },
          ],
        },
      ],
      recommendations: [],
      formalAnswers: [],
    },
    notice: { ...notice, stage2: null, versions: [notice] },
    outcome: { ...outcome, versions: [outcome] },
  } as unknown as ProcedureDetails;
}

describe('procedureSections', () => {
  it('shows each published text in the reader’s language; another version gets its lang and the note', () => {
    const ruPage = String(procedureSections(pageContext('ru', false, '/plans/p'), details(), TZ, 'p', NOW));
    expect(ruPage).toContain('<p class="body">Обсудили смету</p>');
    expect(ruPage).toContain('<li>Иванов И.</li>');
    expect(ruPage).toContain(
      '<li lang="kk">Сметаны қайта есептеу <small class="lang-note" lang="ru">(перевода пока нет; показано: казахский)</small></li>',
    );
    expect(ruPage).toContain('<dt><span lang="kk">Мерзімі қандай?</span> <small class="lang-note" lang="ru">');
    expect(ruPage).toContain('<dd>60 дней</dd>');
    expect(ruPage).toContain('<p class="body" lang="kk">Жақсы жоспар <small class="lang-note" lang="ru">');
    expect(ruPage).toContain('<p class="body">Разделить на лоты</p>');
    expect(ruPage).toContain('Причина исправления: <span lang="kk">Кеңес қайта сұрады</span> <small class="lang-note" lang="ru">');
    expect(ruPage).toContain('rel="noopener noreferrer">Техническая спецификация</a>');
    expect(ruPage).toContain('<p class="body" lang="kk">Құжаттама өзгертіледі <small class="lang-note" lang="ru">');

    const kkPage = String(procedureSections(pageContext('kk', false, '/plans/p'), details(), TZ, 'p', NOW));
    expect(kkPage).toContain('<p class="body">Смета талқыланды</p>');
    expect(kkPage).toContain(
      '<li lang="ru">Иванов И. <small class="lang-note" lang="kk">(аудармасы әлі жоқ; көрсетілген тіл: орыс тілі)</small></li>',
    );
    expect(kkPage).toContain('<li>Сметаны қайта есептеу</li>');
    expect(kkPage).toContain('<dd>60 күн</dd>');
    expect(kkPage).toContain('<p class="body" lang="ru">Разделено на три лота <small class="lang-note" lang="kk">');
    expect(kkPage).toContain('Түзету себебі: Кеңес қайта сұрады');
    expect(kkPage).toContain('rel="noopener noreferrer">Техникалық ерекшелік</a>');
    expect(kkPage).toContain('<p class="body">Құжаттама өзгертіледі</p>');
  });

  it('escapes every published text', () => {
    const d = details();
    (d.outcome as { summary: LocalizedText }).summary = ru('<script>alert(1)</script> & "quotes"');
    const page = String(procedureSections(pageContext('ru', false, '/plans/p'), d, TZ, 'p', NOW));
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
  });
});
