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
  const subject = { en: `Outcome of the discussion: ${plan.title}`, ru: `Итог обсуждения: ${plan.title}`, kk: `Талқылау қорытындысы: ${plan.title}` }[locale];
  const line = {
    en: `The discussion is closed. The organizer's decision: ${DECISION[outcome.decision].en}. The report shows how every remark and recommendation was taken into account.`,
    ru: `Обсуждение завершено. Решение организатора: ${DECISION[outcome.decision].ru}. В отчёте показано, как учтено каждое замечание и каждая рекомендация.`,
    kk: `Талқылау аяқталды. Ұйымдастырушының шешімі: ${DECISION[outcome.decision].kk}. Есепте әр ескерту мен ұсынымның қалай ескерілгені көрсетілген.`,
  }[locale];
  const heading = { en: 'Summary', ru: 'Краткое содержание', kk: 'Қысқаша мазмұны' }[locale];
  return {
    ...renderEmail({
      locale,
      subject,
      greeting: greeting(locale, r.display_name),
      paragraphs: [line],
      quotes: [{ heading, text: outcome.summary }],
      link: { label: linkLabel(locale), url: `${baseUrl}/plans/${plan.id}` },
    }),
    dedupeKey: `outcome:${plan.id}:${r.id}`,
    kind: 'outcome',
    recipient: r.email,
    locale,
  };
}

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
      const recipients = await queryRows<Recipient>(
        em,
        `SELECT u.id, u.email, u.locale, u.display_name FROM users u
          WHERE u.id IN (SELECT author_id FROM remarks WHERE plan_id = $1
                         UNION SELECT user_id FROM plan_subscriptions WHERE plan_id = $1)
             OR (u.role = 'council_member' AND u.council_id = $2)`,
        [plan.id, organization.councilId],
      );
      await this.outbox.enqueue(em, recipients.map((r) => outcomeEmail(r, plan, outcome, this.config.publicUrl)));
      return (await outcomeView(em, plan.id))!;
    });
    this.dispatcher.kick();
    return view;
  }
}
