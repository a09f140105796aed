import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
import { greeting, linkLabel, Recipient, recipientLocale } from '../reviews/review-emails';
import { Decision, Outcome } from './outcome.entity';
import { OutcomeView, outcomeView } from './report';

const DECISION: Record<Decision, Record<Locale, string>> = {
  proceed: { en: 'proceed with the procurement', ru: 'продолжить закупку', kk: 'сатып алуды жалғастыру' },
  amend: { en: 'amend the plan or documentation', ru: 'изменить план или документацию', kk: 'жоспарды немесе құжаттаманы өзгерту' },
  cancel: { en: 'cancel the procurement', ru: 'отменить закупку', kk: 'сатып алудан бас тарту' },
};

function outcomeEmail(r: Recipient, plan: Plan, outcome: Outcome, baseUrl: string): NewEmail {
  const locale = recipientLocale(r);
  const corrected = outcome.version > 1;
  const subject = corrected
    ? { en: `Corrected outcome: ${plan.title}`, ru: `Исправленный итог обсуждения: ${plan.title}`, kk: `Түзетілген қорытынды: ${plan.title}` }[locale]
    : { en: `Outcome of the discussion: ${plan.title}`, ru: `Итог обсуждения: ${plan.title}`, kk: `Талқылау қорытындысы: ${plan.title}` }[locale];
  const line = corrected
    ? {
        en: `The organizer has corrected the outcome; the earlier version stays public. The decision now: ${DECISION[outcome.decision].en}.`,
        ru: `Организатор исправил итог обсуждения; прежняя версия остаётся доступной. Решение теперь: ${DECISION[outcome.decision].ru}.`,
        kk: `Ұйымдастырушы қорытындыны түзетті; бұрынғы нұсқасы қолжетімді болып қалады. Енді шешім: ${DECISION[outcome.decision].kk}.`,
      }[locale]
    : {
        en: `The discussion is closed. The organizer's decision: ${DECISION[outcome.decision].en}. The report shows how every remark and recommendation was taken into account.`,
        ru: `Обсуждение завершено. Решение организатора: ${DECISION[outcome.decision].ru}. В отчёте показано, как учтено каждое замечание и каждая рекомендация.`,
        kk: `Талқылау аяқталды. Ұйымдастырушының шешімі: ${DECISION[outcome.decision].kk}. Есепте әр ескерту мен ұсынымның қалай ескерілгені көрсетілген.`,
      }[locale];
  const heading = { en: 'Summary', ru: 'Краткое содержание', kk: 'Қысқаша мазмұны' }[locale];
  const reasonHeading = { en: 'Reason for the correction', ru: 'Причина исправления', kk: 'Түзету себебі' }[locale];
  return {
    ...renderEmail({
      locale,
      subject,
      greeting: greeting(locale, r.display_name),
      paragraphs: [line],
      quotes: [{ heading, text: outcome.summary }, ...(outcome.correctionReason ? [{ heading: reasonHeading, text: outcome.correctionReason }] : [])],
      link: { label: linkLabel(locale), url: `${baseUrl}/plans/${plan.id}` },
    }),
    // version 1 keeps the key it always had, so mail queued before this change is not sent twice
    dedupeKey: corrected ? `outcome:${plan.id}:v${outcome.version}:${r.id}` : `outcome:${plan.id}:${r.id}`,
    kind: corrected ? 'outcome_corrected' : 'outcome',
    recipient: r.email,
    locale,
  };
}

/** Remark authors, followers and the members of the overseeing council. */
const OUTCOME_RECIPIENTS_SQL = `SELECT u.id, u.email, u.locale, u.display_name FROM users u
  WHERE u.id IN (SELECT author_id FROM remarks WHERE plan_id = $1 UNION SELECT user_id FROM plan_subscriptions WHERE plan_id = $1)
     OR (u.role = 'council_member' AND u.council_id = $2)`;

@Injectable()
export class OutcomesService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async publish(user: AuthUser | undefined, planId: string, input: { decision: Decision; summary: string }): Promise<OutcomeView> {
    const view = await this.db.transaction(async (em) => {
      const { plan, organization } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      const now = this.clock.now();
      if (plan.outcomePublishedAt) throw new AppError('OUTCOME_EXISTS');
      if (!plan.stage2ClosesAt || now.getTime() <= plan.stage2ClosesAt.getTime()) throw new AppError('STAGE2_NOT_CLOSED');
      const [{ count }] = await queryRows<{ count: number }>(em, 'SELECT count(*)::int AS count FROM remarks WHERE plan_id = $1 AND answered_at IS NULL', [plan.id]);
      if (count > 0) throw new AppError('UNANSWERED_REMARKS', { count });
      const outcome = await em.getRepository(Outcome).save({
        planId: plan.id,
        version: 1,
        decision: input.decision,
        summary: input.summary,
        authorId: user.id,
        publishedAt: now,
        correctionReason: null,
      });
      await em.update(Plan, { id: plan.id }, { outcomePublishedAt: now });
      const recipients = await queryRows<Recipient>(em, OUTCOME_RECIPIENTS_SQL, [plan.id, organization.councilId]);
      await this.outbox.enqueue(em, recipients.map((r) => outcomeEmail(r, plan, outcome, this.config.publicUrl)));
      return (await outcomeView(em, plan.id))!;
    });
    this.dispatcher.kick();
    return view;
  }

  /** A public correction of the outcome: a new version with a reason, e-mailed to the same people. */
  async correct(user: AuthUser | undefined, planId: string, input: { decision: Decision; summary: string; reason: string }): Promise<OutcomeView> {
    const view = await this.db.transaction(async (em) => {
      const { plan, organization } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      if (!plan.outcomePublishedAt) throw new AppError('OUTCOME_NOT_PUBLISHED');
      const [{ last }] = await queryRows<{ last: number }>(em, 'SELECT max(version)::int AS last FROM outcomes WHERE plan_id = $1', [plan.id]);
      const outcome = await em.getRepository(Outcome).save({
        planId: plan.id,
        version: last + 1,
        decision: input.decision,
        summary: input.summary,
        authorId: user.id,
        publishedAt: this.clock.now(),
        correctionReason: input.reason.trim(),
      });
      const recipients = await queryRows<Recipient>(em, OUTCOME_RECIPIENTS_SQL, [plan.id, organization.councilId]);
      await this.outbox.enqueue(em, recipients.map((r) => outcomeEmail(r, plan, outcome, this.config.publicUrl)));
      return (await outcomeView(em, plan.id))!;
    });
    this.dispatcher.kick();
    return view;
  }
}
