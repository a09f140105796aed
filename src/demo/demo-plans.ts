import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { Commitment, CommitmentStatus } from '../commitments/commitment.entity';
import type { ProcedureConfig } from '../config/config';
import type { NoticeDocument } from '../documentation/notice.entity';
import type { User } from '../identity/user.entity';
import type { Organization } from '../organizations/organization.entity';
import type { Decision } from '../outcomes/outcome.entity';
import type { Plan } from '../plans/plan.entity';
import {
  answerDueAt,
  appealClosesAt,
  hearingDateOptions,
  hearingDeadlineDate,
  localDate,
  recommendationResponseDueAt,
  isCommitmentVerdictOpen,
  reviewClosesAt,
  stage1Window,
  stage2AnswerDueAt,
  stage2Window,
  startOfLocalDay,
  verdictClosesAt,
} from '../procedure/deadlines';
import type { Verdict } from '../remarks/answer-verdict.entity';
import type { Answer, Disposition } from '../remarks/answer.entity';
import type { Remark } from '../remarks/remark.entity';
import type { HideReason, ReportReason } from '../remarks/remark-moderation';
import type { ModerationDecision } from '../moderation/moderation-decision.entity';
import { computeConclusion } from '../reviews/conclusion';
import type { Recommendation } from '../reviews/recommendation.entity';
import type { PositionKind } from '../reviews/review-position.entity';
import { DemoRepository } from './demo.repository';
import type { Locale } from '../common/i18n/locale';
import type { DemoPlanText, DemoText } from './demo-texts';
import { GREENING, GREENING_REVIEW, MEDICINES, MEDICINES_REVIEW, ROADS, SCHOOL_MEALS, ULTRASOUND, demoText } from './demo-texts';
import { disputeAnswerDueAt } from '../commitments/commitment-rules';
import { remarkBodyHash } from '../remarks/remarks.service';
import { remarkDuplicateKey } from '../remarks/remark-moderation';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

/** A citizen's remark: written in one language, recorded as the remark's language. */
interface Said {
  lang: Locale;
  text: string;
}

export interface DemoPlanActors {
  organizations: { akimat: Organization; health: Organization };
  organizers: { akimat: User; health: User };
  citizens: User[];
  /** Two moderators: the first hid a remark, the second may decide its appeal. */
  moderators: User[];
  akimatMembers: User[];
  healthMembers: User[];
}

/**
 * Demo plans, one in every stage relative to `now`: every stored deadline is computed by
 * procedure/deadlines.ts from a publication time in the past, so each window is where it should be.
 * Rows are inserted directly (the services stamp "now" and cannot create past events); no e-mails.
 * Does nothing when any plan exists.
 *
 * Every published text is in Kazakh and Russian, except on purpose: the answer on the price per
 * portion (Russian only, to a Russian remark), one council member's position (Kazakh only) and the
 * draft's description (Russian only: its hub lists the missing translation); the school meals plan
 * has no English, so an English page shows its Russian version. Remarks are in their authors' own
 * language: Kazakh, Russian and one in English.
 */
export async function seedDemoPlanRows(
  db: DataSource,
  now: Date,
  cal: WorkingCalendar,
  cfg: ProcedureConfig,
  a: DemoPlanActors,
): Promise<number> {
  const rows = new DemoRepository();
  if ((await rows.planCount(db)) > 0) return 0;
  return db.transaction(async (em) => {
    const seeder = new Seeder(em, rows, now, cal, cfg);
    await stage1Open(seeder, a);
    await awaitingHearing(seeder, a);
    await councilReview(seeder, a);
    await stage2Open(seeder, a);
    await closed(seeder, a);
    // 6. A draft (visible to its organizer only); its description is not translated yet.
    await seeder.draft({
      organizationId: a.organizations.health.id,
      createdBy: a.organizers.health.id,
      title: demoText({ kk: 'Санитарлық көлік (жоба)', ru: 'Санитарный транспорт (черновик)' }),
      description: demoText({ ru: 'Три автомобиля скорой помощи класса B.' }),
      subjectCode: '291023.000.000001',
      amount: 180_000_000,
      method: 'open_tender',
      plannedQuarter: '2027-Q4',
      deliveryPlace: demoText({ kk: 'Теміртау', ru: 'Темиртау' }),
      publishedAt: null,
    });
    return 6;
  });
}

/** 1. Stage 1 open: published 5 days ago, remarks in kk, ru and en, some answered. */
async function stage1Open(seeder: Seeder, a: DemoPlanActors): Promise<void> {
  const [aigerim, daniyar, olga] = a.citizens;
  const p = await seeder.published(a.organizations.akimat, a.organizers.akimat, 5, SCHOOL_MEALS);
  const r1 = await seeder.remark(
    p,
    1,
    aigerim,
    {
      lang: 'kk',
      text: 'Мәзірде жергілікті өнімдердің үлесін көрсетуді сұраймын: сүт пен нан аудандағы өндірушілерден болса жақсы.',
    },
    4 * DAY,
  );
  const a1 = await seeder.answer(
    r1,
    a.organizers.akimat,
    'partially_accepted',
    {
      kk: 'Техникалық ерекшелікке жергілікті сүт өнімдері туралы талап қосылады; нан бойынша талап бәсекелестікті шектейді, сондықтан қосылмайды.',
      ru: 'В техническую спецификацию добавляется требование о местной молочной продукции; требование по хлебу ограничило бы конкуренцию, поэтому не добавляется.',
    },
    2 * DAY,
  );
  // The author finds the answer reasoned (the window of 10 working days is still open).
  await seeder.verdict(r1, a1, 'reasoned', null, seeder.ago(DAY));
  const r2 = await seeder.remark(
    p,
    1,
    daniyar,
    { lang: 'ru', text: 'Цена за порцию завышена по сравнению с прошлым годом на 18%. Прошу обосновать расчёт.' },
    3 * DAY,
  );
  // Only in Russian, the remark's language: the Kazakh page shows it marked, with the note.
  const a2 = await seeder.answer(
    r2,
    a.organizers.akimat,
    'explained',
    {
      ru: 'Расчёт основан на ценах трёх поставщиков за март; рост связан с увеличением калорийности по новым нормам Минздрава. Расчёт приложен к плану.',
    },
    1 * DAY,
  );
  // ... and another author calls an answer formal, with the reason.
  await seeder.verdict(
    r2,
    a2,
    'formal',
    'К плану приложен только итог, а не расчёт: не видно цен трёх поставщиков и того, насколько выросла калорийность.',
    seeder.ago(20 * HOUR),
  );
  await seeder.remark(
    p,
    1,
    olga,
    { lang: 'en', text: 'Please require a diet menu for children with allergies and coeliac disease.' },
    1 * DAY,
  );
  await seeder.remark(p, 1, aigerim, { lang: 'kk', text: 'Ас беру уақыты мен жеткізу кестесі сабақ кестесіне сәйкес келе ме?' }, 6 * HOUR);
  await moderationCases(seeder, a, p);
}

/**
 * Moderation on the open plan: a remark with the author's phone number (the public reads it masked),
 * an off-topic remark reported and waiting in the queue, and an insult hidden by the first moderator
 * whose author appealed: the second moderator (or the administrator) decides it.
 */
async function moderationCases(seeder: Seeder, a: DemoPlanActors, p: Plan): Promise<void> {
  const [aigerim, daniyar, olga] = a.citizens;
  await seeder.remark(
    p,
    1,
    daniyar,
    { lang: 'ru', text: 'Прошлый поставщик дважды срывал поставки. Готов рассказать подробности: 8 701 555 12 34.' },
    2 * DAY,
  );
  const offTopic = await seeder.remark(p, 1, olga, { lang: 'ru', text: 'У нас во дворе уже неделю не горят фонари.' }, 2 * DAY);
  await seeder.report(offTopic, aigerim, 'off_topic', 'Это не о закупке питания.', seeder.ago(DAY));
  const insult = await seeder.remark(p, 1, daniyar, { lang: 'ru', text: 'В отделе закупок сидят одни бездельники.' }, 3 * DAY);
  await seeder.report(insult, aigerim, 'insult', null, seeder.ago(2 * DAY + 12 * HOUR));
  const hidden = await seeder.hide(
    insult,
    a.moderators[0],
    'insult',
    'Оскорбление сотрудников без доводов о закупке. Доводы по существу можно оставить новым замечанием.',
    seeder.ago(2 * DAY),
  );
  await seeder.appeal(insult, hidden, 'Я описал отношение к работе, а не оскорблял. Прошу вернуть замечание.', seeder.ago(DAY));
}

/** 2. Awaiting the hearing: stage 1 closed, hearing scheduled on the next allowed working day. */
async function awaitingHearing(seeder: Seeder, a: DemoPlanActors): Promise<void> {
  const [aigerim, daniyar] = a.citizens;
  const p = await seeder.publishedUntilClosed(a.organizations.health, a.organizers.health, 21, ULTRASOUND);
  const r = await seeder.remark(
    p,
    1,
    daniyar,
    {
      lang: 'ru',
      text: 'Требование о конкретной модели датчика ограничивает конкуренцию. Прошу указать функциональные характеристики.',
    },
    10 * DAY,
  );
  const answer = await seeder.answer(
    r,
    a.organizers.health,
    'accepted',
    {
      kk: 'Талап функционалдық сипаттамалармен ауыстырылды (жиілік диапазоны, сканерлеу тереңдігі).',
      ru: 'Требование заменено функциональными характеристиками (частотный диапазон, глубина сканирования).',
    },
    5 * DAY,
  );
  // The same author calls a second answer formal: two answers, one author.
  await seeder.verdict(
    r,
    answer,
    'formal',
    'Не названы ни частотный диапазон, ни глубина сканирования: проверить, что требование к модели действительно снято, нельзя.',
    seeder.ago(4 * DAY),
  );
  await seeder.remark(p, 1, aigerim, { lang: 'kk', text: 'Кадрларды оқыту неше күнге жоспарланған?' }, 9 * DAY);
  const date = seeder.hearingDate(p, 'future');
  await seeder.hearing(p, a.organizations.health, date);
}

/** 3. Council review: hearing held, protocol published, positions recorded, review still open. */
async function councilReview(seeder: Seeder, a: DemoPlanActors): Promise<void> {
  const olga = a.citizens[2];
  const p = await seeder.publishedUntilClosed(a.organizations.akimat, a.organizers.akimat, 26, ROADS);
  const r = await seeder.remark(p, 1, olga, { lang: 'ru', text: 'Прошу предусмотреть пандусы на всех пешеходных переходах.' }, 15 * DAY);
  await seeder.answer(
    r,
    a.organizers.akimat,
    'accepted',
    { kk: 'Пандустар барлық 23 жаяу жүргінші өткелі бойынша сметаға енгізілді.', ru: 'Пандусы включены в смету по всем 23 переходам.' },
    12 * DAY,
  );
  const date = seeder.hearingDate(p, 'past');
  await seeder.hearing(p, a.organizations.akimat, date);
  const protocolAt = await seeder.protocol(p, a.organizers.akimat, date);
  const positions: [User, PositionKind, DemoText][] = [
    [
      a.akimatMembers[0],
      'endorse_with_recommendations',
      { kk: 'Ұсыным: жұмыс кестесін тұрғындармен алдын ала келісу.', ru: 'Рекомендация: заранее согласовать график работ с жителями.' },
    ],
    [
      a.akimatMembers[1],
      'endorse',
      { kk: 'Хаттамада қатысушылардың барлық сұрақтары көрсетілген.', ru: 'Протокол отражает все вопросы участников.' },
    ],
  ];
  await seeder.positions(p, protocolAt, positions, {
    0: [{ kk: 'Жұмыс кестесін тұрғындармен алдын ала келісу.', ru: 'Заранее согласовать график работ с жителями.' }],
  });
}

/**
 * 4. Stage 2 open: notice and documentation published yesterday, accounting for two commitments of
 * stage 1: one implemented (its author has not judged it yet), one not implemented and disputed by
 * its author (a stage-2 remark, already answered).
 */
async function stage2Open(seeder: Seeder, a: DemoPlanActors): Promise<void> {
  const [aigerim, daniyar, olga] = a.citizens;
  const p = await seeder.publishedUntilClosed(a.organizations.health, a.organizers.health, 45, MEDICINES);
  const [shelfLife, shelfLifeAnswer] = await seeder.answered(
    p,
    [olga, { lang: 'ru', text: 'Прошу требовать остаточный срок годности препаратов при поставке не менее 12 месяцев.' }, 3 * DAY],
    [
      a.organizers.health,
      'accepted',
      {
        kk: 'Жеткізу кезінде препараттардың қалдық жарамдылық мерзімі кемінде 12 ай болуы туралы талап техникалық ерекшелікке енгізіледі.',
        ru: 'Требование об остаточном сроке годности не менее 12 месяцев будет включено в техническую спецификацию.',
      },
      5 * DAY,
    ],
  );
  const [, deliveryAnswer] = await seeder.answered(
    p,
    [aigerim, { lang: 'kk', text: 'Дәрілерді диспансерге аптасына кемінде бір рет жеткізуді талап етуді сұраймын.' }, 4 * DAY],
    [
      a.organizers.health,
      'partially_accepted',
      {
        kk: 'Жеткізу екі аптада бір рет белгіленеді, аптасына бір рет емес; шұғыл тапсырыстар 24 сағат ішінде жеткізіледі.',
        ru: 'Поставка устанавливается раз в две недели, а не раз в неделю; срочные заказы доставляются в течение 24 часов.',
      },
      6 * DAY,
    ],
  );
  const date = seeder.hearingDate(p, 'past');
  await seeder.hearing(p, a.organizations.health, date);
  const protocolAt = await seeder.protocol(p, a.organizers.health, date);
  await seeder.closedReview(
    p,
    a.organizations.health,
    protocolAt,
    seeder.ago(DAY),
    a.healthMembers,
    a.organizers.health,
    [
      [a.healthMembers[0], 'endorse', MEDICINES_REVIEW.positions[0]],
      [a.healthMembers[1], 'endorse_with_recommendations', MEDICINES_REVIEW.positions[1]],
      // Only in Kazakh, as the member wrote it: the Russian page shows it marked, with the note.
      [a.healthMembers[2], 'endorse', MEDICINES_REVIEW.positions[2]],
    ],
    MEDICINES_REVIEW.recommendations,
  );
  const [notImplemented] = await seeder.notice(p, a.organizations.health, a.organizers.health, seeder.ago(DAY), [
    {
      answer: shelfLifeAnswer,
      status: 'not_implemented',
      explanation:
        'Требование не включено: по трём препаратам перечня единственный производитель гарантирует срок годности не более 9 месяцев.',
    },
    {
      answer: deliveryAnswer,
      status: 'implemented',
      document: 'Проект договора',
      location: 'пункт 5.3',
      explanation: 'Поставка раз в две недели и срочные заказы в течение 24 часов внесены в проект договора.',
    },
  ]);
  await disputeAnswered(seeder, a, shelfLife, notImplemented);
  await seeder.remark(
    p,
    2,
    daniyar,
    { lang: 'ru', text: 'Пункт 14 документации требует опыт 5 лет, что противоречит Правилам осуществления государственных закупок.' },
    3 * HOUR,
  );
}

/** The author disputes a commitment not implemented: a stage-2 remark, already answered. */
async function disputeAnswered(seeder: Seeder, a: DemoPlanActors, remark: Remark, commitment: Commitment): Promise<void> {
  const dispute = await seeder.commitmentVerdict(
    remark,
    commitment,
    'disputed',
    {
      lang: 'ru',
      text: 'Исключение нужно только для трёх препаратов, а требование снято для всего перечня. Прошу включить его для остальных.',
    },
    seeder.ago(20 * HOUR),
  );
  await seeder.answer(
    dispute!,
    a.organizers.health,
    'explained',
    {
      kk: 'Жарамдылық мерзімі кемінде 12 ай деген талап жалғыз өндірушісі бар үш препараттан басқа барлық препаратқа белгіленеді; құжаттамаға өзгерісті екінші кезең аяқталғанға дейін жариялаймыз.',
      ru: 'Срок годности не менее 12 месяцев будет установлен для всех препаратов, кроме трёх, у которых один производитель; изменение документации опубликуем до конца второго этапа.',
    },
    6 * HOUR,
  );
}

/**
 * 5. Closed: stage 2 over, every remark answered, outcome published. An answer its author called
 * formal was found formal by the council (two of three members named it), and the organizer
 * corrected it after the conclusion, before the outcome; the author found the correction reasoned.
 * The accepted remark is a commitment, implemented and confirmed by its author during stage 2.
 */
async function closed(seeder: Seeder, a: DemoPlanActors): Promise<void> {
  const [aigerim, daniyar] = a.citizens;
  const p = await seeder.publishedUntilClosed(a.organizations.akimat, a.organizers.akimat, 90, GREENING);
  const r = await seeder.remark(
    p,
    1,
    aigerim,
    { lang: 'kk', text: 'Ағаштардың түрлерін жергілікті климатқа сай таңдауды сұраймыз.' },
    80 * DAY,
  );
  const accepted = await seeder.answer(
    r,
    a.organizers.akimat,
    'accepted',
    {
      kk: 'Тізімге тек жергілікті климатқа бейімделген түрлер енгізілді.',
      ru: 'В перечень включены только породы, приспособленные к местному климату.',
    },
    75 * DAY,
  );
  const [watering, formal] = await seeder.answered(
    p,
    [daniyar, { lang: 'ru', text: 'Прошу указать в документации, кто поливает деревья первые два года и сколько это стоит.' }, 12 * DAY],
    [
      a.organizers.akimat,
      'explained',
      {
        kk: 'Суару қолданыстағы заңнаманың талаптарына сәйкес ұйымдастырылады.',
        ru: 'Полив будет организован в соответствии с требованиями действующего законодательства.',
      },
      14 * DAY,
    ],
  );
  await seeder.verdict(
    watering,
    formal,
    'formal',
    'Ответ не говорит ни кто поливает, ни за чей счёт: это ссылка на закон вместо ответа.',
    seeder.time(p, 15 * DAY),
  );
  const date = seeder.hearingDate(p, 'past');
  await seeder.hearing(p, a.organizations.akimat, date);
  const protocolAt = await seeder.protocol(p, a.organizers.akimat, date);
  const review = await seeder.closedReview(
    p,
    a.organizations.akimat,
    protocolAt,
    seeder.ago(30 * DAY),
    a.akimatMembers,
    a.organizers.akimat,
    [
      [a.akimatMembers[0], 'endorse_with_recommendations', GREENING_REVIEW.positions[0]],
      [a.akimatMembers[1], 'endorse_with_recommendations', GREENING_REVIEW.positions[1]],
    ],
    GREENING_REVIEW.recommendations,
    { 0: [watering], 1: [watering] },
  );
  // The correction the council's finding demands: after the conclusion, a real change of the text.
  const corrected = await seeder.correction(
    watering,
    a.organizers.akimat,
    'explained',
    GREENING_REVIEW.correction,
    GREENING_REVIEW.correctionReason,
    new Date(review.closedAt.getTime() + review.step / 2),
  );
  await seeder.verdict(watering, corrected, 'reasoned', null, new Date(corrected.publishedAt.getTime() + 2 * HOUR));
  const noticeAt = seeder.ago(30 * DAY);
  const [commitment] = await seeder.notice(p, a.organizations.akimat, a.organizers.akimat, noticeAt, [
    {
      answer: accepted,
      status: 'implemented',
      document: 'Техническая спецификация',
      location: 'раздел 2, перечень пород',
      explanation: 'В перечень включены только районированные породы: карагач, клён ясенелистный, тополь Болле.',
    },
  ]);
  await seeder.commitmentVerdict(r, commitment, 'confirmed', null, new Date(noticeAt.getTime() + DAY));
  await seeder.outcome(p, a.organizers.akimat, 'amend', GREENING_REVIEW.outcome, seeder.ago(5 * DAY));
}

/**
 * How the notice accounts for the commitment of one stage-1 answer. Commitments' texts are plain
 * strings without a language, so the demo writes them in the organizer's language (Russian), and
 * `document` names a notice document by one of its title's versions.
 */
interface CommitmentInput {
  answer: Answer;
  status: CommitmentStatus;
  document?: string;
  location?: string;
  explanation: string;
}

/** A demo state the procedure's rules would refuse: a mistake in this file, never in the data. */
function assertRule(ok: boolean, what: string): void {
  if (!ok) throw new Error(`demo data: ${what}`);
}

class Seeder {
  /** The latest answer version of each remark. */
  private readonly latest = new Map<string, Answer>();
  /** The published plans, by id. */
  private readonly plans = new Map<string, Plan>();

  constructor(
    private readonly em: EntityManager,
    private readonly rows: DemoRepository,
    private readonly now: Date,
    private readonly cal: WorkingCalendar,
    private readonly cfg: ProcedureConfig,
  ) {}

  /** The time `ms` before now. */
  ago(ms: number): Date {
    return new Date(this.now.getTime() - ms);
  }

  /** The time `ms` after the plan's publication. */
  time(plan: Plan, ms: number): Date {
    return new Date(plan.publishedAt!.getTime() + ms);
  }

  /** How long before now lies the time `ms` after the plan's publication (for remark() and answer()). */
  sincePublication(plan: Plan, ms: number): number {
    return this.now.getTime() - this.time(plan, ms).getTime();
  }

  async published(org: Organization, organizer: User, daysAgo: number, input: DemoPlanText): Promise<Plan> {
    const publishedAt = new Date(this.now.getTime() - daysAgo * DAY);
    const w = stage1Window(publishedAt, org.timeZone, this.cal, this.cfg);
    const plan = await this.rows.insertPlan(this.em, {
      ...input,
      title: demoText(input.title),
      description: demoText(input.description),
      deliveryPlace: demoText(input.deliveryPlace),
      organizationId: org.id,
      createdBy: organizer.id,
      publishedAt,
      stage1ClosesAt: w.closesAt,
      stage1CloseDate: w.closeDate,
      hearingDeadlineDate: hearingDeadlineDate(w.closeDate, this.cfg),
    });
    Object.assign(plan, { tz: org.timeZone });
    this.plans.set(plan.id, plan);
    return plan;
  }

  /** Published at least `minDaysAgo` ago, moved back until stage 1 has closed before now and the hearing window is usable. */
  async publishedUntilClosed(org: Organization, organizer: User, minDaysAgo: number, input: DemoPlanText): Promise<Plan> {
    let days = minDaysAgo;
    for (; days < minDaysAgo + 20; days++) {
      const w = stage1Window(new Date(this.now.getTime() - days * DAY), org.timeZone, this.cal, this.cfg);
      if (w.closesAt.getTime() < this.now.getTime() - HOUR) break;
    }
    return this.published(org, organizer, days, input);
  }

  /** An allowed hearing date: the first in the future ('future') or the first allowed at all ('past'). */
  hearingDate(plan: Plan, when: 'future' | 'past'): string {
    const today = localDate(this.now, tz(plan));
    const options = hearingDateOptions(plan.stage1CloseDate!, this.cal, this.cfg).dates.filter((d) => d.allowed);
    const pick =
      when === 'future'
        ? (options.find((d) => d.date > today) ?? options[options.length - 1])
        : (options.find((d) => d.date < today) ?? options[0]);
    return pick.date;
  }

  async hearing(plan: Plan, org: Organization, date: string): Promise<void> {
    const startsAt = new Date(startOfLocalDay(date, org.timeZone).getTime() + 10 * HOUR);
    const id = randomUUID();
    await this.rows.insertHearing(this.em, {
      id,
      planId: plan.id,
      status: 'scheduled',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      localDate: date,
      venue: org.address,
      room: demoText({ kk: 'Мәжіліс залы, 2-қабат', ru: 'Зал заседаний, 2 этаж', en: 'Meeting hall, 2nd floor' }),
      livestreamUrl: null,
      icalUid: `${id}@talqylau`,
      sequence: 0,
      cancelReason: null,
      // a past hearing needs no reminder
      reminderSweptFor: startsAt.getTime() < this.now.getTime() ? startsAt : null,
    });
  }

  /** Published on the working day after the hearing (11:00 local); sets the review period. */
  async protocol(plan: Plan, author: User, hearingDate: string): Promise<Date> {
    const day = this.cal.addWorkingDays(hearingDate, 1);
    let publishedAt = new Date(startOfLocalDay(day, tz(plan)).getTime() + 11 * HOUR);
    if (publishedAt.getTime() > this.now.getTime()) publishedAt = new Date(this.now.getTime() - HOUR);
    await this.rows.insertProtocol(this.em, {
      planId: plan.id,
      version: 1,
      attendeesCount: 27,
      speakers: [
        demoText({ kk: 'Ұйымдастырушының өкілі', ru: 'Представитель организатора', en: "The organizer's representative" }),
        demoText({ kk: 'Айгерім С.', ru: 'Айгерим С.' }),
        demoText({ kk: 'Данияр Т.', ru: 'Данияр Т.' }),
      ],
      positions: [
        demoText({
          kk: 'Қатысушылар ескертулер ескерілген жағдайда сатып алуды қолдады.',
          ru: 'Участники поддержали закупку при условии учёта замечаний.',
        }),
      ],
      questions: [
        {
          question: demoText({ kk: 'Қатысушылардың ескертулері ескеріле ме?', ru: 'Будут ли учтены замечания участников?' }),
          answer: demoText({ kk: 'Иә, барлық жауаптар порталда жарияланды.', ru: 'Да, все ответы опубликованы на портале.' }),
        },
      ],
      summary: demoText({
        kk: 'Тыңдаулар ұйымдастырушының орналасқан жерінде ашық өткізілді; бірінші кезеңнің барлық ескертулері қаралды.',
        ru: 'Слушания проведены открыто по месту нахождения организатора; рассмотрены все замечания первого этапа.',
        en: "The hearing was held openly at the organizer's location; every remark of stage one was considered.",
      }),
      decisions: [
        demoText({
          kk: 'Ұйымдастырушының жауаптарында қабылданған ескертулерді ескеру.',
          ru: 'Учесть замечания, принятые в ответах организатора.',
        }),
      ],
      authorId: author.id,
      publishedAt,
      late: false,
      correctionReason: null,
    });
    await this.rows.updatePlan(this.em, plan.id, {
      protocolPublishedAt: publishedAt,
      reviewClosesAt: reviewClosesAt(publishedAt, tz(plan), this.cal, this.cfg),
    });
    return publishedAt;
  }

  /** Members' positions `step` apart after the protocol; recommendations by position index. */
  async positions(
    plan: Plan,
    protocolAt: Date,
    positions: [User, PositionKind, DemoText][],
    recommendations: Record<number, DemoText[]>,
    step = DAY,
    formalAnswers: Record<number, Remark[]> = {},
  ): Promise<Recommendation[]> {
    const created: Recommendation[] = [];
    for (const [i, [member, position, text]] of positions.entries()) {
      const at = new Date(protocolAt.getTime() + (i + 1) * step);
      const saved = await this.rows.insertPosition(this.em, {
        planId: plan.id,
        memberId: member.id,
        position,
        text: demoText(text),
        createdAt: at,
      });
      for (const remark of formalAnswers[i] ?? []) {
        const answer = this.latest.get(remark.id);
        assertRule(answer !== undefined && answer.publishedAt < at, 'a member names an answered remark formal');
        await this.rows.insertFormalAnswerVote(this.em, {
          positionId: saved.id,
          remarkId: remark.id,
          planId: plan.id,
          answerVersion: answer!.version,
        });
      }
      for (const recommendation of recommendations[i] ?? []) {
        created.push(
          await this.rows.insertRecommendation(this.em, {
            planId: plan.id,
            positionId: saved.id,
            text: demoText(recommendation),
            createdAt: at,
            responseDueAt: recommendationResponseDueAt(at, tz(plan), this.cal, this.cfg),
            respondedAt: null,
          }),
        );
      }
    }
    return created;
  }

  /**
   * Positions, a conclusion closed by the chair after the last one, and the organizer's responses,
   * all before `until` (the notice): a day apart, or closer when the protocol is recent.
   */
  async closedReview(
    plan: Plan,
    org: Organization,
    protocolAt: Date,
    until: Date,
    members: User[],
    organizer: User,
    positions: [User, PositionKind, DemoText][],
    recommendations: Record<number, DemoText[]>,
    formalAnswers: Record<number, Remark[]> = {},
  ): Promise<{ closedAt: Date; step: number }> {
    const step = Math.min(DAY, Math.floor((until.getTime() - protocolAt.getTime()) / (positions.length + 3)));
    const recs = await this.positions(plan, protocolAt, positions, recommendations, step, formalAnswers);
    const closedAt = new Date(protocolAt.getTime() + (positions.length + 1) * step);
    const figures = computeConclusion(
      positions.map(([, kind]) => kind),
      members.length,
    );
    const conclusion = await this.rows.insertConclusion(this.em, {
      planId: plan.id,
      councilId: org.councilId,
      closedAt,
      closedBy: 'chair',
      closedByUserId: members[0].id,
      ...figures,
    });
    await this.findings(plan, conclusion.id, closedAt, members.length, formalAnswers);
    for (const rec of recs) {
      const publishedAt = new Date(closedAt.getTime() + step);
      await this.rows.insertResponse(this.em, {
        recommendationId: rec.id,
        version: 1,
        accepted: true,
        text: demoText({
          kk: 'Ұсыным ескерілді: шарт жобасына өзгерістер енгізілді.',
          ru: 'Рекомендация учтена: изменения внесены в проект договора.',
          en: 'The recommendation is accepted: the draft contract was amended.',
        }),
        authorId: organizer.id,
        publishedAt,
        late: publishedAt > rec.responseDueAt,
        correctionReason: null,
      });
      await this.rows.markRecommendationResponded(this.em, rec.id, publishedAt);
    }
    return { closedAt, step };
  }

  /** The answers named formal by more than half of the council's members when the review closed. */
  private async findings(
    plan: Plan,
    conclusionId: string,
    closedAt: Date,
    membersCount: number,
    formalAnswers: Record<number, Remark[]>,
  ): Promise<void> {
    const votes = new Map<string, number>();
    for (const remark of Object.values(formalAnswers).flat()) votes.set(remark.id, (votes.get(remark.id) ?? 0) + 1);
    for (const [remarkId, count] of votes) {
      if (count * 2 <= membersCount) continue;
      await this.rows.insertFinding(this.em, {
        conclusionId,
        remarkId,
        planId: plan.id,
        votes: count,
        membersCount,
        answerVersion: this.latest.get(remarkId)!.version,
        foundAt: closedAt,
      });
    }
  }

  /** The notice opening stage 2, accounting for the given commitments of stage 1 (their version 1). */
  async notice(plan: Plan, org: Organization, author: User, publishedAt: Date, commitments: CommitmentInput[] = []): Promise<Commitment[]> {
    const w = stage2Window(publishedAt, org.timeZone, this.cal, this.cfg);
    const titles: DemoText[] = [
      { kk: 'Техникалық ерекшелік', ru: 'Техническая спецификация', en: 'Technical specification' },
      { kk: 'Шарт жобасы', ru: 'Проект договора', en: 'Draft contract' },
    ];
    const documents: NoticeDocument[] = titles.map((title, i) => ({
      title: demoText(title),
      url: `https://example.kz/docs/${plan.id}/${i + 1}.pdf`,
      sha256: createHash('sha256').update(`${plan.id}:${title.ru}`).digest('hex'),
    }));
    await this.rows.insertNotice(this.em, {
      planId: plan.id,
      version: 1,
      noticeNumber: `${1000000 + (Math.floor(publishedAt.getTime() / DAY) % 1000000)}-1`,
      documents,
      authorId: author.id,
      publishedAt,
      correctionReason: null,
    });
    await this.rows.updatePlan(this.em, plan.id, {
      noticePublishedAt: publishedAt,
      stage2OpensAt: w.opensAt,
      stage2ClosesAt: w.closesAt,
      // a window already over was seen by the sweep
      stage2ClosedSweptAt: w.closesAt.getTime() < this.now.getTime() ? w.closesAt : null,
    });
    Object.assign(plan, { stage2OpensAt: w.opensAt, stage2ClosesAt: w.closesAt });
    const created: Commitment[] = [];
    for (const c of commitments) {
      const { answer } = c;
      assertRule(this.latest.get(answer.remarkId) === answer, 'a commitment accounts for the latest answer');
      assertRule(answer.disposition === 'accepted' || answer.disposition === 'partially_accepted', 'a commitment accepts the remark');
      assertRule(
        c.status === 'not_implemented' || documents.some((d) => d.title.languages().some((lang) => d.title.get(lang) === c.document)),
        "an implemented commitment names a notice's document",
      );
      const disposition = answer.disposition as 'accepted' | 'partially_accepted';
      created.push(
        await this.rows.insertCommitment(this.em, {
          planId: plan.id,
          remarkId: answer.remarkId,
          version: 1,
          answerId: answer.id,
          disposition,
          status: c.status,
          document: c.document ?? null,
          location: c.location ?? null,
          explanation: c.explanation,
          authorId: author.id,
          publishedAt,
        }),
      );
    }
    return created;
  }

  /** A stage-1 remark and its answer, each at a time after the plan's publication. */
  async answered(
    plan: Plan,
    [author, body, remarkAfter]: [User, Said, number],
    [organizer, disposition, answerBody, answerAfter]: [User, Disposition, DemoText, number],
  ): Promise<[Remark, Answer]> {
    const remark = await this.remark(plan, 1, author, body, this.sincePublication(plan, remarkAfter));
    return [remark, await this.answer(remark, organizer, disposition, answerBody, this.sincePublication(plan, answerAfter))];
  }

  async remark(plan: Plan, stage: 1 | 2, author: User, body: Said, ago: number): Promise<Remark> {
    const createdAt = new Date(this.now.getTime() - ago);
    const due =
      stage === 1
        ? answerDueAt(createdAt, tz(plan), this.cal, this.cfg)
        : stage2AnswerDueAt(localDate(plan.stage2ClosesAt!, tz(plan)), tz(plan), this.cal, this.cfg);
    return this.insertRemark(plan, stage, author.id, body, createdAt, due, null);
  }

  private insertRemark(
    plan: Plan,
    stage: 1 | 2,
    authorId: string,
    { lang, text: body }: Said,
    createdAt: Date,
    answerDueAt: Date,
    disputesRemarkId: string | null,
  ): Promise<Remark> {
    const window = stage === 1 ? [plan.publishedAt!, plan.stage1ClosesAt!] : [plan.stage2OpensAt!, plan.stage2ClosesAt!];
    assertRule(window[0] <= createdAt && createdAt <= window[1] && createdAt <= this.now, `a stage-${stage} remark within its window`);
    return this.rows.insertRemark(this.em, {
      planId: plan.id,
      stage,
      authorId,
      body,
      language: lang,
      createdAt,
      idempotencyKey: null,
      bodyHash: remarkBodyHash(plan.id, body),
      answerDueAt,
      answeredAt: null,
      disputesRemarkId,
      duplicateKey: disputesRemarkId === null ? remarkDuplicateKey(body) : null,
    });
  }

  async answer(remark: Remark, author: User, disposition: Disposition, body: DemoText, ago: number): Promise<Answer> {
    const publishedAt = new Date(this.now.getTime() - ago);
    assertRule(remark.createdAt < publishedAt && publishedAt <= this.now, 'an answer after its remark');
    const answer = await this.rows.insertAnswer(this.em, {
      remarkId: remark.id,
      version: 1,
      body: demoText(body),
      disposition,
      authorId: author.id,
      publishedAt,
      late: publishedAt > remark.answerDueAt,
      correctionReason: null,
    });
    await this.rows.markRemarkAnswered(this.em, remark.id, publishedAt);
    this.latest.set(remark.id, answer);
    return answer;
  }

  /** A public correction: the next version, changing the text; its timeliness is that of the first answer. */
  async correction(
    remark: Remark,
    author: User,
    disposition: Disposition,
    versions: DemoText,
    reason: DemoText,
    publishedAt: Date,
  ): Promise<Answer> {
    const latest = this.latest.get(remark.id)!;
    const body = demoText(versions);
    assertRule(latest.publishedAt < publishedAt && publishedAt <= this.now, 'a correction after the answer');
    assertRule(!latest.body.equals(body) || latest.disposition !== disposition, 'a correction changes the text or the disposition');
    const answer = await this.rows.insertAnswer(this.em, {
      remarkId: remark.id,
      version: latest.version + 1,
      body,
      disposition,
      authorId: author.id,
      publishedAt,
      late: latest.late,
      correctionReason: demoText(reason),
    });
    this.latest.set(remark.id, answer);
    return answer;
  }

  /** The remark author's verdict on the latest answer version, within its 10 working days. */
  async verdict(remark: Remark, answer: Answer, verdict: Verdict, reason: string | null, at: Date): Promise<void> {
    const plan = this.plans.get(remark.planId)!;
    assertRule(this.latest.get(remark.id) === answer, 'a verdict on the latest answer version');
    assertRule(answer.publishedAt < at && at <= this.now, 'a verdict after the answer');
    assertRule(at <= verdictClosesAt(answer.publishedAt, tz(plan), this.cal, this.cfg), 'a verdict within its window');
    assertRule(verdict === 'reasoned' || (reason ?? '').length >= 10, 'a formal verdict has its reason');
    await this.rows.insertAnswerVerdict(this.em, {
      answerId: answer.id,
      remarkId: remark.id,
      planId: remark.planId,
      authorId: remark.authorId,
      verdict,
      reason,
      createdAt: at,
    });
  }

  /** A user's report of a remark. */
  async report(remark: Remark, reporter: User, reason: ReportReason, text: string | null, at: Date): Promise<void> {
    assertRule(remark.createdAt < at && at <= this.now, 'a report after its remark');
    await this.rows.insertReport(this.em, {
      remarkId: remark.id,
      planId: remark.planId,
      reporterId: reporter.id,
      reason,
      text,
      createdAt: at,
    });
  }

  /** A moderator hides a remark; the open reports are closed by the decision. */
  async hide(remark: Remark, moderator: User, reason: HideReason, note: string, at: Date): Promise<ModerationDecision> {
    assertRule(remark.createdAt < at && at <= this.now && moderator.role === 'moderator', 'a moderator hides a remark after it was made');
    const decision = await this.rows.insertDecision(this.em, {
      remarkId: remark.id,
      planId: remark.planId,
      moderatorId: moderator.id,
      action: 'hide',
      reason,
      note,
      appealId: null,
      createdAt: at,
    });
    await this.rows.updateRemark(this.em, remark.id, { hiddenAt: at, hiddenReason: reason });
    await this.rows.closeReports(this.em, remark.id, decision.id);
    return decision;
  }

  /** The author's appeal, within its working days. */
  async appeal(remark: Remark, decision: ModerationDecision, text: string, at: Date): Promise<void> {
    const plan = this.plans.get(remark.planId)!;
    assertRule(
      decision.createdAt < at && at <= appealClosesAt(decision.createdAt, tz(plan), this.cal, this.cfg),
      'an appeal within its window',
    );
    await this.rows.insertAppeal(this.em, {
      remarkId: remark.id,
      planId: remark.planId,
      authorId: remark.authorId,
      text,
      hideDecisionId: decision.id,
      createdAt: at,
      decisionId: null,
    });
  }

  /**
   * The author's confirmation or dispute of a commitment, while stage 2 is open or within 5 working
   * days of its latest version. A dispute files a stage-2 remark of the author (returned), due by the
   * later of the stage-2 answer deadline and 5 working days after it.
   */
  async commitmentVerdict(
    remark: Remark,
    commitment: Commitment,
    verdict: 'confirmed' | 'disputed',
    reason: Said | null,
    at: Date,
  ): Promise<Remark | null> {
    const plan = this.plans.get(remark.planId)!;
    const stage2 = { opensAt: plan.stage2OpensAt!, closesAt: plan.stage2ClosesAt! };
    assertRule(
      at <= this.now && isCommitmentVerdictOpen(at, stage2, commitment.publishedAt, tz(plan), this.cal, this.cfg),
      'a commitment verdict within its window',
    );
    let dispute: Remark | null = null;
    if (verdict === 'disputed') {
      const due = disputeAnswerDueAt(at, stage2.closesAt, tz(plan), this.cal, this.cfg);
      dispute = await this.insertRemark(plan, 2, remark.authorId, reason!, at, due, remark.id);
    }
    await this.rows.insertCommitmentVerdict(this.em, {
      commitmentId: commitment.id,
      remarkId: remark.id,
      planId: plan.id,
      authorId: remark.authorId,
      verdict,
      reason: reason?.text ?? null,
      disputeRemarkId: dispute?.id ?? null,
      createdAt: at,
    });
    return dispute;
  }

  async outcome(plan: Plan, author: User, decision: Decision, summary: DemoText, publishedAt: Date): Promise<void> {
    await this.rows.insertOutcome(this.em, {
      planId: plan.id,
      version: 1,
      decision,
      summary: demoText(summary),
      authorId: author.id,
      publishedAt,
      correctionReason: null,
    });
    await this.rows.updatePlan(this.em, plan.id, { outcomePublishedAt: publishedAt });
  }

  async draft(row: Partial<Plan>): Promise<void> {
    await this.rows.insertPlan(this.em, row);
  }
}

function tz(plan: Plan): string {
  return (plan as Plan & { tz?: string }).tz ?? 'Asia/Almaty';
}
