import type { RemarkReader } from '../remarks/remark-moderation';
import { PUBLIC_READER, publicTextFor, remarkReader } from '../remarks/remark-moderation';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { isUuid } from '../common/ids';
import type { Locale } from '../common/i18n/locale';
import { LocalizedInput, LocalizedText } from '../common/i18n/localized-text';
import { translationExists, translationOf } from '../common/errors/translation-errors';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from '../identity/auth/auth-user';
import { isUniqueViolation } from '../database/db-errors';
import { recommendationResponseEmail } from '../notifications/emails/recommendation-response.email';
import { renderTemplate } from '../notifications/emails/render';
import { reviewConclusionEmail } from '../notifications/emails/review-conclusion.email';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { OutboxService } from '../notifications/outbox.service';
import { Organization } from '../organizations/organization.entity';
import { assertCouncilMemberFor, assertOrganizerOf, assertVisible, loadPlan } from '../plans/plan-access';
import { Plan } from '../plans/plan.entity';
import { recommendationResponseDueAt } from '../procedure/deadlines';
import { councilFormalFindingsEmail } from '../notifications/emails/council-formal-findings.email';
import { computeConclusion, formalByCouncil } from './conclusion';
import { Recommendation } from './recommendation.entity';
import { ReviewConclusion } from './review-conclusion.entity';
import { PositionKind } from './review-position.entity';
import { reviewWindow } from './review-window';
import { FormalAnswerRow, FormalVoteRow, RecommendationRow, ReviewsRepository, reviewRows } from './reviews.repository';
import { PlanRecipientsRepository } from '../plans/plan-recipients.repository';

export interface ConclusionView {
  closedAt: string;
  closedBy: 'chair' | 'deadline';
  membersCount: number;
  positionsCount: number;
  counts: { endorse: number; endorse_with_recommendations: number; object: number };
  result: ReviewConclusion['result'];
  quorum: boolean;
  /** The remarks whose answer more than half of the council's members named formal. */
  formalAnswers: string[];
}

/** The author's verdict on an answer's latest version. */
export interface AuthorVerdictView {
  verdict: 'reasoned' | 'formal';
  reason: string | null;
  at: string;
  answerVersion: number;
}

/**
 * An answer its author called formal or a member named formal: the members' votes, the author's verdict
 * on the latest version; once the council found it formal, when a correction was published after that.
 */
export interface FormalAnswerView {
  remarkId: string;
  /** Which remark, for readers (its text and answer are in GET /plans/{id}/remarks). */
  remark: { stage: number; authorName: string; createdAt: string };
  votes: number;
  authorVerdict: AuthorVerdictView | null;
  answerVersion: number;
  foundFormal: boolean;
  correctedAt: string | null;
}

export interface ResponseView {
  version: number;
  accepted: boolean;
  text: LocalizedText;
  publishedAt: string;
  late: boolean;
  correctionReason: LocalizedText | null;
}

export interface RecommendationView {
  id: string;
  text: LocalizedText;
  createdAt: string;
  responseDueAt: string;
  overdue: boolean;
  response: ResponseView | null;
}

export interface ReviewView {
  closesAt: string | null;
  positions: {
    memberName: string;
    position: PositionKind;
    text: LocalizedText;
    createdAt: string;
    recommendations: RecommendationView[];
  }[];
  conclusion: ConclusionView | null;
  recommendations: { id: string; text: LocalizedText; response: ResponseView | null }[];
  formalAnswers: FormalAnswerView[];
}

function formalAnswerView(r: FormalAnswerRow, reader: RemarkReader): FormalAnswerView {
  return {
    remarkId: r.remark_id,
    remark: { stage: r.stage, authorName: r.author_name, createdAt: new Date(r.remark_created_at).toISOString() },
    votes: r.votes,
    authorVerdict: r.verdict
      ? {
          verdict: r.verdict,
          reason: r.reason === null ? null : publicTextFor(r.reason, r.author_id, reader),
          at: new Date(r.verdict_at!).toISOString(),
          answerVersion: r.answer_version,
        }
      : null,
    answerVersion: r.answer_version,
    foundFormal: r.found_at !== null,
    correctedAt: r.corrected_at ? new Date(r.corrected_at).toISOString() : null,
  };
}

function conclusionView(c: ReviewConclusion, formalAnswers: string[]): ConclusionView {
  return {
    closedAt: c.closedAt.toISOString(),
    closedBy: c.closedBy,
    membersCount: c.membersCount,
    positionsCount: c.positionsCount,
    counts: { endorse: c.endorseCount, endorse_with_recommendations: c.endorseWithRecommendationsCount, object: c.objectCount },
    result: c.result,
    quorum: c.quorum,
    formalAnswers,
  };
}

function recommendationView(r: RecommendationRow, now: Date): RecommendationView {
  return {
    id: r.id,
    text: r.text,
    createdAt: new Date(r.created_at).toISOString(),
    responseDueAt: new Date(r.response_due_at).toISOString(),
    overdue: r.responded_at === null && now.getTime() > new Date(r.response_due_at).getTime(),
    response:
      r.version === null
        ? null
        : {
            version: r.version,
            accepted: r.accepted!,
            text: r.response_text!,
            publishedAt: new Date(r.published_at!).toISOString(),
            late: r.late ?? false,
            correctionReason: r.correction_reason,
          },
  };
}

/**
 * The council review of a plan as the public sees it (also used by the plan page). Five queries. The
 * authors' verdict reasons are masked for every `reader` but the author, the organizer and moderators.
 */
export async function reviewView(em: EntityManager, planId: string, now: Date, reader: RemarkReader = PUBLIC_READER): Promise<ReviewView> {
  const rows = await reviewRows(em, planId);
  const found = rows.formalAnswers.filter((f) => f.found_at !== null).map((f) => f.remark_id);
  const recViews = rows.recommendations.map((r) => ({ positionId: r.position_id, view: recommendationView(r, now) }));
  return {
    closesAt: rows.closesAt ? rows.closesAt.toISOString() : null,
    positions: rows.positions.map((p) => ({
      memberName: p.member_name,
      position: p.position,
      text: p.text,
      createdAt: new Date(p.created_at).toISOString(),
      recommendations: recViews.filter((r) => r.positionId === p.id).map((r) => r.view),
    })),
    conclusion: rows.conclusion ? conclusionView(rows.conclusion, found) : null,
    recommendations: recViews.map((r) => ({ id: r.view.id, text: r.view.text, response: r.view.response })),
    formalAnswers: rows.formalAnswers.map((f) => formalAnswerView(f, reader)),
  };
}

/** The quorum counts from it; the council pages show it to the chair. */
export { councilMembersCount } from './reviews.repository';

type PositionInput = { position: PositionKind; text: LocalizedInput; recommendations?: LocalizedInput[]; formalAnswers?: string[] };

/** The remark ids a position names formal, each once (ids compare case-insensitively); 422 when one is not a UUID. */
function formalAnswerIds(ids: string[] | undefined): string[] {
  const list = (ids ?? []).map((id) => (typeof id === 'string' ? id.trim().toLowerCase() : ''));
  if (list.some((id) => !isUuid(id))) throw new AppError('FORMAL_ANSWERS_INVALID');
  return [...new Set(list)];
}

/** The recommendations a position carries must fit its kind. */
function checkRecommendations(position: PositionKind, recommendations: unknown[]): void {
  if (position === 'endorse_with_recommendations' && recommendations.length === 0) {
    throw new AppError('VALIDATION_FAILED', { details: 'recommendations: required for endorse_with_recommendations' });
  }
  if (position === 'endorse' && recommendations.length > 0) {
    throw new AppError('VALIDATION_FAILED', { details: 'recommendations: use endorse_with_recommendations' });
  }
}

@Injectable()
export class ReviewsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    private readonly reviews: ReviewsRepository,
    private readonly recipients: PlanRecipientsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private planUrl(planId: string): string {
    return `${this.config.publicUrl}/plans/${planId}`;
  }

  /** The public review of a plan the user may see. */
  async view(user: AuthUser | undefined, planId: string): Promise<ReviewView> {
    const { plan } = await loadPlan(this.db.manager, planId);
    assertVisible(user, plan);
    return reviewView(this.db.manager, plan.id, this.clock.now(), remarkReader(user, plan.organizationId));
  }

  async recordPosition(
    user: AuthUser | undefined,
    planId: string,
    input: PositionInput,
    lang: Locale = 'ru',
  ): Promise<{
    id: string;
    position: PositionKind;
    text: LocalizedText;
    createdAt: string;
    recommendations: { id: string; text: LocalizedText; responseDueAt: string }[];
    formalAnswers: string[];
  }> {
    const text = LocalizedText.fromInput(input.text, lang);
    if (!text) throw new AppError('VALIDATION_FAILED', { details: 'text' });
    const recommendations = (input.recommendations ?? [])
      .map((r) => LocalizedText.fromInput(r, lang))
      .filter((r): r is LocalizedText => r !== null);
    try {
      return await this.db.transaction(async (em) => {
        const { plan, organization } = await loadPlan(em, planId);
        assertCouncilMemberFor(user, organization);
        await this.reviews.lockPlanForShare(em, planId);
        const now = this.clock.now();
        const window = reviewWindow(plan, await this.reviews.hasConclusion(em, planId), now);
        if (window === 'not_started') throw new AppError('PROTOCOL_NOT_PUBLISHED');
        if (window === 'closed') throw new AppError('REVIEW_CLOSED');
        checkRecommendations(input.position, recommendations);
        if (await this.reviews.hasPosition(em, planId, user.id)) throw new AppError('POSITION_EXISTS');
        const formal = formalAnswerIds(input.formalAnswers);
        const versions = formal.length ? await this.reviews.latestAnswerVersions(em, planId, formal) : new Map<string, number>();
        if (versions.size !== formal.length) throw new AppError('FORMAL_ANSWERS_INVALID');
        const position = await this.reviews.insertPosition(em, {
          planId,
          memberId: user.id,
          position: input.position,
          text,
          createdAt: now,
        });
        const due = recommendationResponseDueAt(now, organization.timeZone, await this.calendars.calendar(), this.config.procedure);
        const saved = recommendations.length
          ? await this.reviews.insertRecommendations(
              em,
              recommendations.map((recommendation, i) => ({
                planId,
                positionId: position.id,
                text: recommendation,
                createdAt: new Date(now.getTime() + i),
                responseDueAt: due,
                respondedAt: null,
              })),
            )
          : [];
        await this.reviews.insertFormalVotes(
          em,
          formal.map((remarkId) => ({ positionId: position.id, remarkId, planId, answerVersion: versions.get(remarkId)! })),
        );
        return {
          id: position.id,
          position: position.position,
          text,
          createdAt: now.toISOString(),
          recommendations: saved.map((r) => ({ id: r.id, text: r.text, responseDueAt: r.responseDueAt.toISOString() })),
          formalAnswers: formal,
        };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'review_positions_plan_member_uq')) throw new AppError('POSITION_EXISTS');
      throw error;
    }
  }

  /**
   * The member adds missing languages to their own position and its recommendations (by index, oldest
   * first): not a new position, no e-mail; allowed after the review closed. 409 TRANSLATION_EXISTS.
   */
  async translatePosition(
    user: AuthUser | undefined,
    planId: string,
    input: { text?: LocalizedInput; recommendations?: (LocalizedInput | null)[] },
    lang: Locale,
  ): Promise<{ id: string; text: LocalizedText; recommendations: { id: string; text: LocalizedText }[] }> {
    return this.db.transaction(async (em) => {
      const { organization } = await loadPlan(em, planId);
      assertCouncilMemberFor(user, organization);
      const position = await this.reviews.positionOf(em, planId, user.id, true);
      if (!position) throw new AppError('NOT_FOUND');
      const recommendations = await this.reviews.recommendationsOf(em, position.id);
      const given = input.recommendations ?? [];
      if (given.length > recommendations.length)
        throw new AppError('VALIDATION_FAILED', { details: 'recommendations: more items than the position has' });
      const conflicts = new Set<string>();
      const text = translationOf(position.text, input.text, lang, 'text', 10000, conflicts) as LocalizedText;
      const translated = recommendations.map((r, i) => ({
        id: r.id,
        before: r.text,
        text: translationOf(r.text, given[i], lang, `recommendations[${i}]`, 10000, conflicts) as LocalizedText,
      }));
      if (conflicts.size) throw translationExists([...conflicts]);
      if (!text.equals(position.text)) await this.reviews.translatePosition(em, position.id, text);
      for (const r of translated) if (!r.text.equals(r.before)) await this.reviews.translateRecommendation(em, r.id, r.text);
      return { id: position.id, text, recommendations: translated.map((r) => ({ id: r.id, text: r.text })) };
    });
  }

  async closeByChair(user: AuthUser | undefined, planId: string): Promise<ConclusionView> {
    const view = await this.db.transaction(async (em) => {
      const { plan, organization } = await loadPlan(em, planId, true);
      assertCouncilMemberFor(user, organization);
      if (!user.isChair) throw new AppError('NOT_CHAIR');
      if (!plan.protocolPublishedAt) throw new AppError('PROTOCOL_NOT_PUBLISHED');
      const closed = await this.close(em, plan, organization, 'chair', user.id);
      if (!closed) throw new AppError('REVIEW_CLOSED');
      return conclusionView(closed, closed.formalAnswers);
    });
    this.dispatcher.kick();
    return view;
  }

  /**
   * Before the outcome (in its transaction, the plan row locked): the review must have closed; when its
   * period has ended but the sweep has not closed it yet, it is closed here as 'deadline'. Returns whether
   * it closed now (the caller commits that close even when it refuses the outcome afterwards); 409
   * REVIEW_OPEN while the review is open.
   */
  async closeBeforeOutcome(em: EntityManager, plan: Plan, organization: Organization): Promise<boolean> {
    if (await this.reviews.hasConclusion(em, plan.id)) return false;
    const now = this.clock.now();
    if (!plan.protocolPublishedAt || !plan.reviewClosesAt || now.getTime() <= plan.reviewClosesAt.getTime()) {
      throw new AppError('REVIEW_OPEN');
    }
    return (await this.close(em, plan, organization, 'deadline', null)) !== null;
  }

  /** 409 FORMAL_ANSWERS_UNCORRECTED (with `remarkIds`) while an answer the council found formal has no version published after the finding. */
  async assertFormalAnswersCorrected(em: EntityManager, planId: string): Promise<void> {
    const remarkIds = await this.reviews.uncorrectedFindings(em, planId);
    if (remarkIds.length > 0) throw new AppError('FORMAL_ANSWERS_UNCORRECTED', { count: remarkIds.length }, undefined, { remarkIds });
  }

  /**
   * Computes and stores the conclusion (once: the unique plan index) with the answers the council
   * found formal, and queues the e-mails, in the caller's transaction, which must hold the plan row
   * locked. Null when it was closed already.
   */
  async close(
    em: EntityManager,
    plan: Plan,
    organization: Organization,
    closedBy: 'chair' | 'deadline',
    userId: string | null,
  ): Promise<(ReviewConclusion & { formalAnswers: string[] }) | null> {
    const now = this.clock.now();
    const figures = computeConclusion(
      await this.reviews.positionKinds(em, plan.id),
      await this.reviews.councilMembersCount(em, organization.councilId),
    );
    const conclusion = await this.reviews.insertConclusion(em, {
      ...figures,
      planId: plan.id,
      councilId: organization.councilId,
      closedAt: now,
      closedBy,
      closedByUserId: userId,
    });
    if (!conclusion) return null;
    const found = formalByCouncil(
      (await this.reviews.formalVotes(em, plan.id)).map((v) => ({ ...v, remarkId: v.remark_id })),
      figures.membersCount,
    );
    await this.reviews.insertFindings(
      em,
      found.map((f) => ({
        conclusionId: conclusion.id,
        remarkId: f.remarkId,
        planId: plan.id,
        votes: f.votes,
        membersCount: figures.membersCount,
        answerVersion: f.answer_version,
        foundAt: conclusion.closedAt,
      })),
    );
    const recipients = await this.recipients.officials(em, organization.id, organization.councilId);
    const params = {
      planTitle: plan.title,
      planUrl: this.planUrl(plan.id),
      result: figures.result,
      quorum: figures.quorum,
      positionsCount: figures.positionsCount,
      membersCount: figures.membersCount,
      formalAnswersCount: found.length,
    };
    await this.outbox.enqueue(
      em,
      recipients.map((r) => ({
        ...renderTemplate(reviewConclusionEmail, r.locale, { ...params, name: r.display_name }),
        dedupeKey: `review-conclusion:${conclusion.id}:${r.id}`,
        kind: 'review_conclusion',
        recipient: r.email,
      })),
    );
    if (found.length > 0) await this.enqueueFindingsEmail(em, plan, organization, conclusion.id, found, figures.membersCount);
    return { ...conclusion, formalAnswers: found.map((f) => f.remarkId) };
  }

  /** Once per conclusion, to the organizer's staff: the answers the council found formal, each with a link to correct it. */
  private async enqueueFindingsEmail(
    em: EntityManager,
    plan: Plan,
    organization: Organization,
    conclusionId: string,
    found: FormalVoteRow[],
    membersCount: number,
  ): Promise<void> {
    const staff = await this.reviews.organizerStaff(em, organization.id);
    const answers = found.map((f) => ({
      stage: f.stage,
      remark: f.remark_body,
      hidden: f.hidden_at && f.hidden_reason ? { reason: f.hidden_reason, at: new Date(f.hidden_at).toISOString() } : null,
      answer: f.answer_body,
      votes: f.votes,
      membersCount,
      correctionUrl: `${this.config.publicUrl}/organizer/remarks/${f.remark_id}/correction`,
    }));
    await this.outbox.enqueue(
      em,
      staff.map((r) => ({
        ...renderTemplate(councilFormalFindingsEmail, r.locale, {
          name: r.display_name,
          planTitle: plan.title,
          planUrl: this.planUrl(plan.id),
          queueUrl: `${this.config.publicUrl}/organizer/remarks#council-findings`,
          answers,
        }),
        dedupeKey: `council-formal-findings:${conclusionId}:${r.id}`,
        kind: 'council_formal_findings',
        recipient: r.email,
      })),
    );
  }

  async respond(
    user: AuthUser | undefined,
    recommendationId: string,
    input: { accepted: boolean; text: LocalizedInput; reason?: LocalizedInput },
    correction: boolean,
    lang: Locale = 'ru',
  ): Promise<{
    id: string;
    version: number;
    accepted: boolean;
    text: LocalizedText;
    publishedAt: string;
    late: boolean;
    correctionReason: LocalizedText | null;
  }> {
    if (!isUuid(recommendationId)) throw new AppError('RECOMMENDATION_NOT_FOUND');
    const text = LocalizedText.fromInput(input.text, lang);
    if (!text) throw new AppError('VALIDATION_FAILED', { details: 'text' });
    const reason = correction ? LocalizedText.fromInput(input.reason, lang) : null;
    try {
      const result = await this.db.transaction(async (em) => {
        const rec = await this.reviews.lockRecommendation(em, recommendationId);
        if (!rec) throw new AppError('RECOMMENDATION_NOT_FOUND');
        const { plan } = await loadPlan(em, rec.planId);
        assertOrganizerOf(user, plan);
        const now = this.clock.now();
        const max = await this.reviews.lastResponseVersion(em, rec.id);
        if (!correction && max !== null) throw new AppError('ALREADY_RESPONDED');
        if (correction && max === null) throw new AppError('NOT_RESPONDED');
        const late = correction ? false : now.getTime() > rec.responseDueAt.getTime();
        const saved = await this.reviews.insertResponse(em, {
          recommendationId: rec.id,
          version: (max ?? 0) + 1,
          accepted: input.accepted,
          text,
          authorId: user.id,
          publishedAt: now,
          late,
          correctionReason: reason,
        });
        if (!correction) await this.reviews.markResponded(em, rec.id, now);
        await this.enqueueResponseEmail(em, rec, plan, saved.id, { accepted: input.accepted, text }, correction);
        return {
          id: saved.id,
          version: saved.version,
          accepted: saved.accepted,
          text,
          publishedAt: now.toISOString(),
          late,
          correctionReason: reason,
        };
      });
      this.dispatcher.kick();
      return result;
    } catch (error) {
      if (isUniqueViolation(error, 'recommendation_responses_version_uq'))
        throw new AppError(correction ? 'VALIDATION_FAILED' : 'ALREADY_RESPONDED', { details: 'version' });
      throw error;
    }
  }

  /**
   * The organizer adds missing languages to the latest response version (its text and correction
   * reason) in place: not a correction, no e-mail. 409 TRANSLATION_EXISTS; 409 NOT_RESPONDED.
   */
  async translateResponse(
    user: AuthUser | undefined,
    recommendationId: string,
    input: { text?: LocalizedInput; correctionReason?: LocalizedInput },
    lang: Locale,
  ): Promise<{ id: string; version: number; accepted: boolean; text: LocalizedText; correctionReason: LocalizedText | null }> {
    if (!isUuid(recommendationId)) throw new AppError('RECOMMENDATION_NOT_FOUND');
    return this.db.transaction(async (em) => {
      const rec = await this.reviews.lockRecommendation(em, recommendationId);
      if (!rec) throw new AppError('RECOMMENDATION_NOT_FOUND');
      const { plan } = await loadPlan(em, rec.planId);
      assertOrganizerOf(user, plan);
      const last = await this.reviews.latestResponse(em, rec.id);
      if (!last) throw new AppError('NOT_RESPONDED');
      const conflicts = new Set<string>();
      const text = translationOf(last.text, input.text, lang, 'text', 10000, conflicts) as LocalizedText;
      const correctionReason = translationOf(last.correctionReason, input.correctionReason, lang, 'correctionReason', 2000, conflicts);
      if (conflicts.size) throw translationExists([...conflicts]);
      if (!text.equals(last.text) || (correctionReason && !correctionReason.equals(last.correctionReason)))
        await this.reviews.translateResponse(em, last.id, text, correctionReason);
      return { id: last.id, version: last.version, accepted: last.accepted, text, correctionReason };
    });
  }

  /** The response (or its correction) to the member who made the recommendation. */
  private async enqueueResponseEmail(
    em: EntityManager,
    rec: Recommendation,
    plan: Plan,
    responseId: string,
    input: { accepted: boolean; text: LocalizedText },
    correction: boolean,
  ): Promise<void> {
    const members = await this.reviews.positionAuthor(em, rec.positionId);
    await this.outbox.enqueue(
      em,
      members.map((m) => ({
        ...renderTemplate(recommendationResponseEmail, m.locale, {
          name: m.display_name,
          planTitle: plan.title,
          planUrl: this.planUrl(plan.id),
          recommendation: rec.text,
          accepted: input.accepted,
          response: input.text,
          corrected: correction,
        }),
        dedupeKey: `recommendation-response:${responseId}:${m.id}`,
        kind: 'recommendation_response',
        recipient: m.email,
      })),
    );
  }
}
