import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { Locale } from '../common/i18n/locale';
import { APP_CONFIG, AppConfig } from '../config/config';
import { queryRows } from '../database/query-rows';
import { AuthUser } from '../identity/auth/auth-user';
import { renderEmail } from '../notifications/email-layout';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { NewEmail, OutboxService } from '../notifications/outbox.service';
import { assertOrganizerOf, loadPlan } from '../plans/plan-access';
import { Plan } from '../plans/plan.entity';
import { localDate, stage2Window } from '../procedure/deadlines';
import { greeting, linkLabel, Recipient, recipientLocale } from '../reviews/review-emails';
import { Notice, NoticeDocument } from './notice.entity';

export interface NoticeVersionView {
  version: number;
  noticeNumber: string;
  documents: NoticeDocument[];
  publishedAt: string;
  correctionReason: string | null;
}

export interface NoticeView extends NoticeVersionView {
  stage2: { opensAt: string; closesAt: string } | null;
  /** Every published version, oldest first: a correction never replaces the original. */
  versions: NoticeVersionView[];
}

function versionView(n: Notice): NoticeVersionView {
  return { version: n.version, noticeNumber: n.noticeNumber, documents: n.documents, publishedAt: n.publishedAt.toISOString(), correctionReason: n.correctionReason };
}

/** The plan's current notice (latest version) with its history and the stage 2 window; null before publication. */
export async function noticeView(em: EntityManager, planId: string): Promise<NoticeView | null> {
  const versions = await em.getRepository(Notice).find({ where: { planId }, order: { version: 'ASC' } });
  if (versions.length === 0) return null;
  const plan = await em.getRepository(Plan).findOne({ where: { id: planId }, select: { id: true, stage2OpensAt: true, stage2ClosesAt: true } });
  return {
    ...versionView(versions[versions.length - 1]),
    stage2: plan?.stage2OpensAt && plan.stage2ClosesAt ? { opensAt: plan.stage2OpensAt.toISOString(), closesAt: plan.stage2ClosesAt.toISOString() } : null,
    versions: versions.map(versionView),
  };
}

function cleanDocuments(documents: NoticeDocument[]): NoticeDocument[] {
  return documents.map((d) => ({ title: d.title, url: d.url, sha256: d.sha256.toLowerCase() }));
}

function noticeCorrectedEmail(r: Recipient, plan: Plan, version: number, reason: string, url: string): NewEmail {
  const locale: Locale = recipientLocale(r);
  const subject = { en: `Corrected notice: ${plan.title}`, ru: `Исправленное извещение: ${plan.title}`, kk: `Түзетілген хабарлама: ${plan.title}` }[locale];
  const text = {
    en: 'The organizer has published a correction of the procurement notice and documentation. The earlier version stays public.',
    ru: 'Организатор опубликовал исправление извещения и документации о закупке. Прежняя версия остаётся доступной.',
    kk: 'Ұйымдастырушы сатып алу туралы хабарлама мен құжаттаманың түзетуін жариялады. Бұрынғы нұсқасы қолжетімді болып қалады.',
  }[locale];
  const heading = { en: 'Reason for the correction', ru: 'Причина исправления', kk: 'Түзету себебі' }[locale];
  return {
    ...renderEmail({ locale, subject, greeting: greeting(locale, r.display_name), paragraphs: [text], quotes: [{ heading, text: reason }], link: { label: linkLabel(locale), url } }),
    dedupeKey: `notice-corrected:${plan.id}:${version}:${r.id}`,
    kind: 'notice_corrected',
    recipient: r.email,
    locale,
  };
}

/** Everyone who took part in the discussion or follows it. */
const PARTICIPANTS_SQL = `SELECT u.id, u.email, u.locale, u.display_name FROM users u
  WHERE u.id IN (SELECT author_id FROM remarks WHERE plan_id = $1 UNION SELECT user_id FROM plan_subscriptions WHERE plan_id = $1)`;

function stage2Email(r: Recipient, plan: Plan, closeDate: string, url: string): NewEmail {
  const locale: Locale = recipientLocale(r);
  const subject = { en: `Stage 2 is open: ${plan.title}`, ru: `Открыт второй этап: ${plan.title}`, kk: `Екінші кезең ашылды: ${plan.title}` }[locale];
  const text = {
    en: `The organizer has published the procurement notice and documentation. Remarks on their compliance with the law are accepted until the end of ${closeDate}.`,
    ru: `Организатор опубликовал извещение и документацию о закупке. Замечания о их соответствии законодательству принимаются до конца дня ${closeDate}.`,
    kk: `Ұйымдастырушы сатып алу туралы хабарлама мен құжаттаманы жариялады. Олардың заңнамаға сәйкестігі туралы ескертулер ${closeDate} күнінің соңына дейін қабылданады.`,
  }[locale];
  return {
    ...renderEmail({ locale, subject, greeting: greeting(locale, r.display_name), paragraphs: [text], link: { label: linkLabel(locale), url } }),
    dedupeKey: `stage2-open:${plan.id}:${r.id}`,
    kind: 'stage2_open',
    recipient: r.email,
    locale,
  };
}

@Injectable()
export class DocumentationService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async publish(user: AuthUser | undefined, planId: string, input: { noticeNumber: string; documents: NoticeDocument[] }): Promise<{ opensAt: string; closesAt: string; notice: NoticeView }> {
    const result = await this.db.transaction(async (em) => {
      const { plan, organization } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      if (!plan.protocolPublishedAt) throw new AppError('PROTOCOL_NOT_PUBLISHED');
      if (plan.noticePublishedAt) throw new AppError('NOTICE_EXISTS');
      if (plan.outcomePublishedAt) throw new AppError('DISCUSSION_CLOSED');
      const now = this.clock.now();
      const cal = await this.calendars.calendar();
      const window = stage2Window(now, organization.timeZone, cal, this.config.procedure);
      await em.getRepository(Notice).save({
        planId: plan.id,
        version: 1,
        noticeNumber: input.noticeNumber,
        documents: cleanDocuments(input.documents),
        authorId: user.id,
        publishedAt: now,
        correctionReason: null,
      });
      await em.update(Plan, { id: plan.id }, { noticePublishedAt: now, stage2OpensAt: window.opensAt, stage2ClosesAt: window.closesAt });
      const recipients = await queryRows<Recipient>(em, PARTICIPANTS_SQL, [plan.id]);
      const closeDate = localDate(window.closesAt, organization.timeZone);
      await this.outbox.enqueue(em, recipients.map((r) => stage2Email(r, plan, closeDate, `${this.config.publicUrl}/plans/${plan.id}`)));
      return { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString(), notice: (await noticeView(em, plan.id))! };
    });
    this.dispatcher.kick();
    return result;
  }

  /** A public correction of the notice: a new version with a reason; the stage 2 window does not move. */
  async correct(user: AuthUser | undefined, planId: string, input: { noticeNumber: string; documents: NoticeDocument[]; reason: string }): Promise<NoticeView> {
    const view = await this.db.transaction(async (em) => {
      const { plan } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      if (!plan.noticePublishedAt) throw new AppError('NOTICE_NOT_PUBLISHED');
      if (plan.outcomePublishedAt) throw new AppError('DISCUSSION_CLOSED');
      const [{ last }] = await queryRows<{ last: number }>(em, 'SELECT max(version)::int AS last FROM notices WHERE plan_id = $1', [plan.id]);
      const version = last + 1;
      const reason = input.reason.trim();
      await em.getRepository(Notice).save({
        planId: plan.id,
        version,
        noticeNumber: input.noticeNumber,
        documents: cleanDocuments(input.documents),
        authorId: user.id,
        publishedAt: this.clock.now(),
        correctionReason: reason,
      });
      const recipients = await queryRows<Recipient>(em, PARTICIPANTS_SQL, [plan.id]);
      await this.outbox.enqueue(em, recipients.map((r) => noticeCorrectedEmail(r, plan, version, reason, `${this.config.publicUrl}/plans/${plan.id}`)));
      return (await noticeView(em, plan.id))!;
    });
    this.dispatcher.kick();
    return view;
  }
}
