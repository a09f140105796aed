import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { ProcedureConfig } from '../config/config';
import type { NoticeDocument } from '../documentation/notice.entity';
import type { User } from '../identity/user.entity';
import type { Organization } from '../organizations/organization.entity';
import type { Decision } from '../outcomes/outcome.entity';
import type { Plan, ProcurementMethod } from '../plans/plan.entity';
import {
  answerDueAt,
  hearingDateOptions,
  hearingDeadlineDate,
  localDate,
  recommendationResponseDueAt,
  reviewClosesAt,
  stage1Window,
  stage2AnswerDueAt,
  stage2Window,
  startOfLocalDay,
} from '../procedure/deadlines';
import type { Disposition } from '../remarks/answer.entity';
import type { Remark } from '../remarks/remark.entity';
import { computeConclusion } from '../reviews/conclusion';
import type { Recommendation } from '../reviews/recommendation.entity';
import type { PositionKind } from '../reviews/review-position.entity';
import { DemoRepository } from './demo.repository';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

export interface DemoPlanActors {
  organizations: { akimat: Organization; health: Organization };
  organizers: { akimat: User; health: User };
  citizens: User[];
  akimatMembers: User[];
  healthMembers: User[];
}

interface PlanInput {
  title: string;
  description: string;
  subjectCode: string;
  amount: number;
  method: ProcurementMethod;
  plannedQuarter: string;
  deliveryPlace: string;
}

/**
 * Demo plans, one in every stage relative to `now`: every stored deadline is computed by
 * procedure/deadlines.ts from a publication time in the past, so each window is where it should be.
 * Rows are inserted directly (the services stamp "now" and cannot create past events); no e-mails.
 * Does nothing when any plan exists.
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
    // 6. A draft (visible to its organizer only).
    await seeder.draft({
      organizationId: a.organizations.health.id,
      createdBy: a.organizers.health.id,
      title: 'Санитарный транспорт (черновик)',
      description: 'Три автомобиля скорой помощи класса B.',
      subjectCode: '291023.000.000001',
      amount: 180_000_000,
      method: 'open_tender',
      plannedQuarter: '2027-Q4',
      deliveryPlace: 'Темиртау',
      publishedAt: null,
    });
    return 6;
  });
}

/** 1. Stage 1 open: published 5 days ago, remarks in kk and ru, some answered. */
async function stage1Open(seeder: Seeder, a: DemoPlanActors): Promise<void> {
  const [aigerim, daniyar, olga] = a.citizens;
  const p = await seeder.published(a.organizations.akimat, a.organizers.akimat, 5, {
    title: 'Школьное питание для 12 школ Алмалинского района',
    description: 'Горячее питание для учащихся 1-4 классов 12 школ.\nПоставка каждый учебный день, меню согласовано с санитарной службой.',
    subjectCode: '561019.000.000000',
    amount: 125_000_000,
    method: 'open_tender',
    plannedQuarter: '2027-Q2',
    deliveryPlace: 'Алматы, Алмалинский район',
  });
  const r1 = await seeder.remark(
    p,
    1,
    aigerim,
    'Мәзірде жергілікті өнімдердің үлесін көрсетуді сұраймын: сүт пен нан аудандағы өндірушілерден болса жақсы.',
    4 * DAY,
  );
  await seeder.answer(
    r1,
    a.organizers.akimat,
    'partially_accepted',
    'Техникалық ерекшелікке жергілікті сүт өнімдері туралы талап қосылады; нан бойынша талап бәсекелестікті шектейді, сондықтан қосылмайды.',
    2 * DAY,
  );
  const r2 = await seeder.remark(
    p,
    1,
    daniyar,
    'Цена за порцию завышена по сравнению с прошлым годом на 18%. Прошу обосновать расчёт.',
    3 * DAY,
  );
  await seeder.answer(
    r2,
    a.organizers.akimat,
    'explained',
    'Расчёт основан на ценах трёх поставщиков за март; рост связан с увеличением калорийности по новым нормам Минздрава. Расчёт приложен к плану.',
    1 * DAY,
  );
  await seeder.remark(p, 1, olga, 'Просим включить требование о диетическом меню для детей с аллергией и целиакией.', 1 * DAY);
  await seeder.remark(p, 1, aigerim, 'Ас беру уақыты мен жеткізу кестесі сабақ кестесіне сәйкес келе ме?', 6 * HOUR);
}

/** 2. Awaiting the hearing: stage 1 closed, hearing scheduled on the next allowed working day. */
async function awaitingHearing(seeder: Seeder, a: DemoPlanActors): Promise<void> {
  const [aigerim, daniyar] = a.citizens;
  const p = await seeder.publishedUntilClosed(a.organizations.health, a.organizers.health, 21, {
    title: 'Закуп аппаратов УЗИ для районных больниц',
    description: 'Пять аппаратов ультразвуковой диагностики экспертного класса с обучением персонала.',
    subjectCode: '266012.300.000001',
    amount: 310_000_000,
    method: 'open_tender',
    plannedQuarter: '2027-Q3',
    deliveryPlace: 'Карагандинская область',
  });
  const r = await seeder.remark(
    p,
    1,
    daniyar,
    'Требование о конкретной модели датчика ограничивает конкуренцию. Прошу указать функциональные характеристики.',
    10 * DAY,
  );
  await seeder.answer(
    r,
    a.organizers.health,
    'accepted',
    'Требование заменено функциональными характеристиками (частотный диапазон, глубина сканирования).',
    5 * DAY,
  );
  await seeder.remark(p, 1, aigerim, 'Кадрларды оқыту неше күнге жоспарланған?', 9 * DAY);
  const date = seeder.hearingDate(p, 'future');
  await seeder.hearing(p, a.organizations.health, date);
}

/** 3. Council review: hearing held, protocol published, positions recorded, review still open. */
async function councilReview(seeder: Seeder, a: DemoPlanActors): Promise<void> {
  const olga = a.citizens[2];
  const p = await seeder.publishedUntilClosed(a.organizations.akimat, a.organizers.akimat, 26, {
    title: 'Ремонт дорог в микрорайоне Айнабулак',
    description: 'Средний ремонт 4,2 км внутриквартальных дорог с заменой бордюров и освещения.',
    subjectCode: '421110.900.000000',
    amount: 840_000_000,
    method: 'open_tender',
    plannedQuarter: '2027-Q2',
    deliveryPlace: 'Алматы, Жетысуский район',
  });
  const r = await seeder.remark(p, 1, olga, 'Прошу предусмотреть пандусы на всех пешеходных переходах.', 15 * DAY);
  await seeder.answer(r, a.organizers.akimat, 'accepted', 'Пандусы включены в смету по всем 23 переходам.', 12 * DAY);
  const date = seeder.hearingDate(p, 'past');
  await seeder.hearing(p, a.organizations.akimat, date);
  const protocolAt = await seeder.protocol(p, a.organizers.akimat, date);
  const positions: [User, PositionKind, string][] = [
    [a.akimatMembers[0], 'endorse_with_recommendations', 'Ұсыным: жұмыс кестесін тұрғындармен алдын ала келісу.'],
    [a.akimatMembers[1], 'endorse', 'Протокол отражает все вопросы участников.'],
  ];
  await seeder.positions(p, protocolAt, positions, { 0: ['Жұмыс кестесін тұрғындармен алдын ала келісу.'] });
}

/** 4. Stage 2 open: notice and documentation published yesterday. */
async function stage2Open(seeder: Seeder, a: DemoPlanActors): Promise<void> {
  const daniyar = a.citizens[1];
  const p = await seeder.publishedUntilClosed(a.organizations.health, a.organizers.health, 45, {
    title: 'Лекарственные средства для онкологического диспансера',
    description: 'Противоопухолевые препараты по перечню ГОБМП на второе полугодие.',
    subjectCode: '212012.000.000010',
    amount: 1_250_000_000,
    method: 'open_tender',
    plannedQuarter: '2027-Q3',
    deliveryPlace: 'Караганда, ул. Пичугина 6',
  });
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
      [a.healthMembers[0], 'endorse', 'Протокол полный, замечания участников отражены.'],
      [a.healthMembers[1], 'endorse_with_recommendations', 'Одобряю при условии разбивки на лоты по группам препаратов.'],
      [a.healthMembers[2], 'endorse', 'Хаттама толық.'],
    ],
    { 1: ['Разделить закупку на лоты по фармакологическим группам.'] },
  );
  await seeder.notice(p, a.organizations.health, a.organizers.health, seeder.ago(DAY));
  await seeder.remark(
    p,
    2,
    daniyar,
    'Пункт 14 документации требует опыт 5 лет, что противоречит Правилам осуществления государственных закупок.',
    3 * HOUR,
  );
}

/** 5. Closed: stage 2 over, every remark answered, outcome published. */
async function closed(seeder: Seeder, a: DemoPlanActors): Promise<void> {
  const aigerim = a.citizens[0];
  const p = await seeder.publishedUntilClosed(a.organizations.akimat, a.organizers.akimat, 90, {
    title: 'Озеленение сквера на улице Абая',
    description: 'Посадка 320 деревьев и устройство системы капельного полива.',
    subjectCode: '813010.000.000000',
    amount: 96_000_000,
    method: 'auction',
    plannedQuarter: '2027-Q1',
    deliveryPlace: 'Алматы, ул. Абая',
  });
  const r = await seeder.remark(p, 1, aigerim, 'Ағаштардың түрлерін жергілікті климатқа сай таңдауды сұраймыз.', 80 * DAY);
  await seeder.answer(r, a.organizers.akimat, 'accepted', 'Тізімге тек жергілікті климатқа бейімделген түрлер енгізілді.', 75 * DAY);
  const date = seeder.hearingDate(p, 'past');
  await seeder.hearing(p, a.organizations.akimat, date);
  const protocolAt = await seeder.protocol(p, a.organizers.akimat, date);
  await seeder.closedReview(
    p,
    a.organizations.akimat,
    protocolAt,
    seeder.ago(30 * DAY),
    a.akimatMembers,
    a.organizers.akimat,
    [
      [a.akimatMembers[0], 'endorse_with_recommendations', 'Ағаштардың күтімін кепілдік мерзіміне енгізу керек.'],
      [a.akimatMembers[1], 'endorse_with_recommendations', 'Предусмотреть уход за деревьями в течение двух лет.'],
    ],
    { 0: ['Кепілдік мерзімінде ағаштарды күтуді шартқа енгізу.'], 1: ['Включить двухлетний уход за посадками в договор.'] },
  );
  await seeder.notice(p, a.organizations.akimat, a.organizers.akimat, seeder.ago(30 * DAY));
  await seeder.outcome(
    p,
    a.organizers.akimat,
    'amend',
    'Документация изменена: учтены замечания о породах деревьев; закупка проводится.',
    seeder.ago(5 * DAY),
  );
}

class Seeder {
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

  async published(org: Organization, organizer: User, daysAgo: number, input: PlanInput): Promise<Plan> {
    const publishedAt = new Date(this.now.getTime() - daysAgo * DAY);
    const w = stage1Window(publishedAt, org.timeZone, this.cal, this.cfg);
    const plan = await this.rows.insertPlan(this.em, {
      ...input,
      organizationId: org.id,
      createdBy: organizer.id,
      publishedAt,
      stage1ClosesAt: w.closesAt,
      stage1CloseDate: w.closeDate,
      hearingDeadlineDate: hearingDeadlineDate(w.closeDate, this.cfg),
    });
    return Object.assign(plan, { tz: org.timeZone });
  }

  /** Published at least `minDaysAgo` ago, moved back until stage 1 has closed before now and the hearing window is usable. */
  async publishedUntilClosed(org: Organization, organizer: User, minDaysAgo: number, input: PlanInput): Promise<Plan> {
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
      room: 'Зал заседаний, 2 этаж',
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
      speakers: ['Представитель организатора', 'Айгерим С.', 'Данияр Т.'],
      positions: ['Участники поддержали закупку при условии учёта замечаний.'],
      questions: [{ question: 'Будут ли учтены замечания участников?', answer: 'Да, все ответы опубликованы на портале.' }],
      summary: 'Слушания проведены открыто по месту нахождения организатора; рассмотрены все замечания первого этапа.',
      decisions: ['Учесть замечания, принятые в ответах организатора.'],
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
    positions: [User, PositionKind, string][],
    recommendations: Record<number, string[]>,
    step = DAY,
  ): Promise<Recommendation[]> {
    const created: Recommendation[] = [];
    for (const [i, [member, position, text]] of positions.entries()) {
      const at = new Date(protocolAt.getTime() + (i + 1) * step);
      const saved = await this.rows.insertPosition(this.em, { planId: plan.id, memberId: member.id, position, text, createdAt: at });
      for (const recommendation of recommendations[i] ?? []) {
        created.push(
          await this.rows.insertRecommendation(this.em, {
            planId: plan.id,
            positionId: saved.id,
            text: recommendation,
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
    positions: [User, PositionKind, string][],
    recommendations: Record<number, string[]>,
  ): Promise<void> {
    const step = Math.min(DAY, Math.floor((until.getTime() - protocolAt.getTime()) / (positions.length + 3)));
    const recs = await this.positions(plan, protocolAt, positions, recommendations, step);
    const closedAt = new Date(protocolAt.getTime() + (positions.length + 1) * step);
    const figures = computeConclusion(
      positions.map(([, kind]) => kind),
      members.length,
    );
    await this.rows.insertConclusion(this.em, {
      planId: plan.id,
      councilId: org.councilId,
      closedAt,
      closedBy: 'chair',
      closedByUserId: members[0].id,
      ...figures,
    });
    for (const rec of recs) {
      const publishedAt = new Date(closedAt.getTime() + step);
      await this.rows.insertResponse(this.em, {
        recommendationId: rec.id,
        version: 1,
        accepted: true,
        text: 'Рекомендация учтена: изменения внесены в проект договора. / Ұсыным ескерілді: шарт жобасына өзгерістер енгізілді.',
        authorId: organizer.id,
        publishedAt,
        late: publishedAt > rec.responseDueAt,
        correctionReason: null,
      });
      await this.rows.markRecommendationResponded(this.em, rec.id, publishedAt);
    }
  }

  async notice(plan: Plan, org: Organization, author: User, publishedAt: Date): Promise<void> {
    const w = stage2Window(publishedAt, org.timeZone, this.cal, this.cfg);
    const documents: NoticeDocument[] = ['Техническая спецификация', 'Проект договора'].map((title, i) => ({
      title,
      url: `https://example.kz/docs/${plan.id}/${i + 1}.pdf`,
      sha256: createHash('sha256').update(`${plan.id}:${title}`).digest('hex'),
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
    Object.assign(plan, { stage2ClosesAt: w.closesAt });
  }

  async remark(plan: Plan, stage: 1 | 2, author: User, body: string, ago: number): Promise<Remark> {
    const createdAt = new Date(this.now.getTime() - ago);
    const due =
      stage === 1
        ? answerDueAt(createdAt, tz(plan), this.cal, this.cfg)
        : stage2AnswerDueAt(localDate(plan.stage2ClosesAt!, tz(plan)), tz(plan), this.cal, this.cfg);
    return this.rows.insertRemark(this.em, {
      planId: plan.id,
      stage,
      authorId: author.id,
      body,
      createdAt,
      idempotencyKey: null,
      bodyHash: createHash('sha256').update(`${plan.id}\n${body}`).digest('hex'),
      answerDueAt: due,
      answeredAt: null,
    });
  }

  async answer(remark: Remark, author: User, disposition: Disposition, body: string, ago: number): Promise<void> {
    const publishedAt = new Date(this.now.getTime() - ago);
    await this.rows.insertAnswer(this.em, {
      remarkId: remark.id,
      version: 1,
      body,
      disposition,
      authorId: author.id,
      publishedAt,
      late: publishedAt > remark.answerDueAt,
      correctionReason: null,
    });
    await this.rows.markRemarkAnswered(this.em, remark.id, publishedAt);
  }

  async outcome(plan: Plan, author: User, decision: Decision, summary: string, publishedAt: Date): Promise<void> {
    await this.rows.insertOutcome(this.em, {
      planId: plan.id,
      version: 1,
      decision,
      summary,
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
