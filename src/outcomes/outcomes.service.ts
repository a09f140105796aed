import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { withTranslationsOrConflict } from '../common/errors/translation-errors';
import type { Locale } from '../common/i18n/locale';
import type { LocalizedInput } from '../common/i18n/localized-text';
import { LocalizedText } from '../common/i18n/localized-text';
import { isUuid } from '../common/ids';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from '../identity/auth/auth-user';
import { outcomeEmail } from '../notifications/emails/outcome.email';
import { renderTemplate } from '../notifications/emails/render';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { OutboxService } from '../notifications/outbox.service';
import { ModerationService } from '../moderation/moderation.service';
import { assertOrganizerOf, assertVisible, loadPlan } from '../plans/plan-access';
import { Plan } from '../plans/plan.entity';
import { localAt } from '../remarks/verdict-rules';
import { ReviewsService } from '../reviews/reviews.service';
import { Decision, Outcome } from './outcome.entity';
import { OutcomesRepository, outcomeVersions } from './outcomes.repository';
import type { CsvSeparator } from './csv';
import { buildReport, OutcomeView, outcomeView, Report, reportCsv } from './report';
import { Statistics, statistics } from './statistics';
import { organizationExists } from './statistics.repository';

@Injectable()
export class OutcomesService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    private readonly outcomes: OutcomesRepository,
    private readonly reviews: ReviewsService,
    private readonly moderation: ModerationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The published outcome of a plan the user may see. */
  async view(user: AuthUser | undefined, planId: string): Promise<OutcomeView> {
    const { plan } = await loadPlan(this.db.manager, planId);
    assertVisible(user, plan);
    const view = await outcomeView(this.db.manager, plan.id);
    if (!view) throw new AppError('NOT_FOUND');
    return view;
  }

  /** The report of a plan the user may see. */
  async report(user: AuthUser | undefined, planId: string): Promise<Report> {
    const { plan } = await loadPlan(this.db.manager, planId);
    assertVisible(user, plan);
    return buildReport(this.db.manager, plan, this.clock.now());
  }

  /** The report as CSV lines in the reader's language, produced while they are sent, with the plan's id for the file name. */
  async reportCsv(
    user: AuthUser | undefined,
    planId: string,
    reader: Locale,
    separator: CsvSeparator,
  ): Promise<{ planId: string; lines: AsyncGenerator<string> }> {
    const { plan } = await loadPlan(this.db.manager, planId);
    assertVisible(user, plan);
    return { planId: plan.id, lines: reportCsv(this.db.manager, plan, this.clock.now(), reader, separator) };
  }

  /** The plan's remarks still waiting for an answer; hidden ones need none (the outcome page warns of these). */
  unansweredRemarks(planId: string): Promise<number> {
    return this.outcomes.unansweredRemarksCount(this.db.manager, planId);
  }

  /** The public figures of every organizer together, or of one. */
  async statistics(organizationId: string | null): Promise<Statistics> {
    if (organizationId !== null && (!isUuid(organizationId) || !(await organizationExists(this.db, organizationId)))) {
      throw new AppError('ORGANIZATION_NOT_FOUND');
    }
    return statistics(this.db.manager, organizationId, this.clock.now());
  }

  /**
   * Publishes the outcome once stage 2 has closed, the council's review has closed (a review past its
   * period is closed here as 'deadline', and that close is kept even when the outcome is then refused),
   * every remark is answered and every answer the council found formal has been corrected since.
   */
  async publish(
    user: AuthUser | undefined,
    planId: string,
    input: { decision: Decision; summary: LocalizedInput },
    lang: Locale = 'ru',
  ): Promise<OutcomeView> {
    const result = await this.db.transaction(async (em): Promise<{ view: OutcomeView } | { refusal: AppError }> => {
      const { plan, organization } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      const now = this.clock.now();
      if (plan.outcomePublishedAt) throw new AppError('OUTCOME_EXISTS');
      if (!plan.stage2ClosesAt || now.getTime() <= plan.stage2ClosesAt.getTime()) throw new AppError('STAGE2_NOT_CLOSED');
      const closedNow = await this.reviews.closeBeforeOutcome(em, plan, organization);
      try {
        // the outcome waits for a pending appeal of a hidden remark (issue 16)
        if ((await this.moderation.pendingAppealsOfPlan(em, plan.id)) > 0) throw new AppError('APPEAL_PENDING');
        // ...and for one that may still come: a hidden remark whose author may still appeal
        const appealClosesAt = await this.moderation.appealWindowOfPlan(em, plan.id, organization.timeZone, now);
        if (appealClosesAt) {
          throw new AppError('APPEAL_WINDOW_OPEN', { closesAt: localAt(appealClosesAt, organization.timeZone) }, undefined, {
            closesAt: appealClosesAt.toISOString(),
          });
        }
        const count = await this.outcomes.unansweredRemarksCount(em, plan.id);
        if (count > 0) throw new AppError('UNANSWERED_REMARKS', { count });
        await this.reviews.assertFormalAnswersCorrected(em, plan.id);
      } catch (error) {
        // the review closed by this request stays closed (with its findings and e-mails)
        if (closedNow && error instanceof AppError) return { refusal: error };
        throw error;
      }
      const outcome = await this.outcomes.insertOutcome(em, {
        planId: plan.id,
        version: 1,
        decision: input.decision,
        summary: LocalizedText.fromInput(input.summary, lang)!,
        authorId: user.id,
        publishedAt: now,
        correctionReason: null,
      });
      await this.outcomes.markOutcomePublished(em, plan.id, now);
      await this.enqueueOutcomeEmails(em, plan, organization.councilId, outcome);
      return { view: (await outcomeView(em, plan.id))! };
    });
    this.dispatcher.kick();
    if ('refusal' in result) throw result.refusal;
    return result.view;
  }

  /** A public correction of the outcome: a new version with a reason, e-mailed to the same people. */
  async correct(
    user: AuthUser | undefined,
    planId: string,
    input: { decision: Decision; summary: LocalizedInput; reason: LocalizedInput },
    lang: Locale = 'ru',
  ): Promise<OutcomeView> {
    const view = await this.db.transaction(async (em) => {
      const { plan, organization } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      if (!plan.outcomePublishedAt) throw new AppError('OUTCOME_NOT_PUBLISHED');
      const outcome = await this.outcomes.insertOutcome(em, {
        planId: plan.id,
        version: (await this.outcomes.lastOutcomeVersion(em, plan.id)) + 1,
        decision: input.decision,
        summary: LocalizedText.fromInput(input.summary, lang)!,
        authorId: user.id,
        publishedAt: this.clock.now(),
        correctionReason: LocalizedText.fromInput(input.reason, lang)!,
      });
      await this.enqueueOutcomeEmails(em, plan, organization.councilId, outcome);
      return (await outcomeView(em, plan.id))!;
    });
    this.dispatcher.kick();
    return view;
  }

  /**
   * PUT /plans/{id}/outcome/translations: adds missing languages to the current outcome's summary and
   * correction reason. Not a correction: no new version, no e-mail. 409 TRANSLATION_EXISTS for a language
   * already there with another text.
   */
  async translate(
    user: AuthUser | undefined,
    planId: string,
    input: { summary?: LocalizedInput | null; correctionReason?: LocalizedInput | null },
    lang: Locale = 'ru',
  ): Promise<OutcomeView> {
    return this.db.transaction(async (em) => {
      const { plan } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      const versions = await outcomeVersions(em, plan.id);
      const current = versions[versions.length - 1];
      if (!current) throw new AppError('OUTCOME_NOT_PUBLISHED');
      const summary = withTranslationsOrConflict(current.summary, input.summary, lang);
      let correctionReason = current.correctionReason;
      if (input.correctionReason !== undefined && input.correctionReason !== null) {
        if (!correctionReason) throw new AppError('VALIDATION_FAILED', { details: (t) => t.outcomes.translations.noReason });
        correctionReason = withTranslationsOrConflict(correctionReason, input.correctionReason, lang);
      }
      if (!summary.equals(current.summary) || (correctionReason !== null && !correctionReason.equals(current.correctionReason))) {
        await this.outcomes.updateOutcomeTexts(em, current.id, { summary, correctionReason });
      }
      return (await outcomeView(em, plan.id))!;
    });
  }

  /** To remark authors and followers (news they may unsubscribe from) and the council's members. */
  private async enqueueOutcomeEmails(em: EntityManager, plan: Plan, councilId: string, outcome: Outcome): Promise<void> {
    const corrected = outcome.version > 1;
    const recipients = await this.outcomes.recipients(em, plan.id, councilId);
    const params = {
      planTitle: plan.title,
      planUrl: `${this.config.publicUrl}/plans/${plan.id}`,
      decision: outcome.decision,
      summary: outcome.summary,
      corrected,
      correctionReason: outcome.correctionReason,
    };
    await this.outbox.enqueue(
      em,
      recipients.map((r) => ({
        ...renderTemplate(outcomeEmail, r.locale, { ...params, name: r.display_name }),
        // version 1 keeps the key it always had, so mail queued before versions existed is not sent twice
        dedupeKey: corrected ? `outcome:${plan.id}:v${outcome.version}:${r.id}` : `outcome:${plan.id}:${r.id}`,
        kind: corrected ? 'outcome_corrected' : 'outcome',
        recipient: r.email,
        // to the council's members the outcome is their office's business: no unsubscribing
        unsubscribe: r.official ? undefined : { userId: r.id, planId: plan.id },
      })),
    );
  }
}
