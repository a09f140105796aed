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

export interface NoticeView {
  version: number;
  noticeNumber: string;
  documents: NoticeDocument[];
  publishedAt: string;
  correctionReason: string | null;
  stage2: { opensAt: string; closesAt: string } | null;
}

/** The plan's current notice (latest version) with the stage 2 window; null before publication. */
export async function noticeView(em: EntityManager, planId: string): Promise<NoticeView | null> {
  const notice = await em.getRepository(Notice).findOne({ where: { planId }, order: { version: 'DESC' } });
  if (!notice) return null;
  const plan = await em.getRepository(Plan).findOne({ where: { id: planId }, select: { id: true, stage2OpensAt: true, stage2ClosesAt: true } });
  return {
    version: notice.version,
    noticeNumber: notice.noticeNumber,
    documents: notice.documents,
    publishedAt: notice.publishedAt.toISOString(),
    correctionReason: notice.correctionReason,
    stage2: plan?.stage2OpensAt && plan.stage2ClosesAt ? { opensAt: plan.stage2OpensAt.toISOString(), closesAt: plan.stage2ClosesAt.toISOString() } : null,
  };
}

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
        documents: input.documents.map((d) => ({ title: d.title, url: d.url, sha256: d.sha256.toLowerCase() })),
        authorId: user.id,
        publishedAt: now,
        correctionReason: null,
      });
      await em.update(Plan, { id: plan.id }, { noticePublishedAt: now, stage2OpensAt: window.opensAt, stage2ClosesAt: window.closesAt });
      const recipients = await queryRows<Recipient>(
        em,
        `SELECT u.id, u.email, u.locale, u.display_name FROM users u
          WHERE u.id IN (SELECT author_id FROM remarks WHERE plan_id = $1 AND stage = 1
                         UNION SELECT user_id FROM plan_subscriptions WHERE plan_id = $1)`,
        [plan.id],
      );
      const closeDate = localDate(window.closesAt, organization.timeZone);
      await this.outbox.enqueue(em, recipients.map((r) => stage2Email(r, plan, closeDate, `${this.config.publicUrl}/plans/${plan.id}`)));
      return { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString(), notice: (await noticeView(em, plan.id))! };
    });
    this.dispatcher.kick();
    return result;
  }
}
