import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import type { LocalText } from '../common/i18n/catalogue';
import { LocalizedText } from '../common/i18n/localized-text';
import { isUuid } from '../common/ids';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from '../identity/auth/auth-user';
import { commitmentEmail } from '../notifications/emails/commitment.email';
import { renderTemplate } from '../notifications/emails/render';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { OutboxService } from '../notifications/outbox.service';
import { assertOrganizerOf, assertVisible, loadPlan } from '../plans/plan-access';
import type { Plan } from '../plans/plan.entity';
import { commitmentVerdictClosesAt, isCommitmentVerdictOpen, localDate } from '../procedure/deadlines';
import { verdictTime } from '../remarks/verdict-rules';
import type { CommitmentVerdictKind } from './commitment-verdict.entity';
import type { CommitmentStatus } from './commitment.entity';
import {
  changedFrom,
  checkCommitments,
  CleanCommitment,
  CommitmentInput,
  CommitmentsCheck,
  disputeAnswerDueAt,
  InvalidReason,
  titleVersions,
} from './commitment-rules';
import { CandidateRow, CommitmentsRepository, VerdictRow, VersionRow } from './commitments.repository';
import { remarkBodyHash } from '../remarks/remarks.service';
import type { HiddenState, RemarkReader } from '../remarks/remark-moderation';
import { PUBLIC_READER, publicLocalizedFor, publicTextFor, remarkTextFor } from '../remarks/remark-moderation';

export interface CommitmentVerdictView {
  verdict: CommitmentVerdictKind;
  reason: string | null;
  at: string;
  /** The stage-2 remark a dispute of this version filed. */
  disputeRemarkId: string | null;
}

export interface CommitmentVersionView {
  version: number;
  disposition: 'accepted' | 'partially_accepted';
  status: CommitmentStatus;
  document: string | null;
  location: string | null;
  explanation: string;
  publishedAt: string;
  authorVerdict: CommitmentVerdictView | null;
}

/** A commitment as GET /plans/{id} shows it: its latest version (status 'pending' before any), the earlier ones in `history`. */
export interface CommitmentView {
  remarkId: string;
  /**
   * The remark as the reader may read it (remarkTextFor): null `body` when hidden from them, `hidden`
   * when and why, `masked` when the public reads it with personal data masked.
   */
  remark: { body: string | null; authorName: string; hidden: HiddenState | null; masked: boolean };
  /** The remark's latest answer while it accepts the remark (null once a correction no longer does). */
  /** The answer that made the commitment (a published text: API reads give the reader's version and i18n). */
  answer: { body: LocalizedText; disposition: 'accepted' | 'partially_accepted'; version: number } | null;
  disposition: 'accepted' | 'partially_accepted';
  status: CommitmentStatus | 'pending';
  document: string | null;
  location: string | null;
  explanation: string | null;
  version: number | null;
  publishedAt: string | null;
  authorVerdict: CommitmentVerdictView | null;
  /** A later accepted answer is not yet accounted for by a version. */
  pending: boolean;
  /** Until when the author may confirm or dispute the latest version (null before any, and after the outcome). */
  verdictClosesAt: string | null;
  verdictOpen: boolean;
  /** Earlier versions, oldest first. */
  history: CommitmentVersionView[];
}

export interface CommitmentVerdictResult {
  remarkId: string;
  version: number;
  verdict: CommitmentVerdictKind;
  reason: string | null;
  at: string;
  disputeRemarkId: string | null;
}

/** A candidate as the organizer's notice form lists it. */
export type CommitmentCandidate = CandidateRow;

function at(instant: Date, tz: string): string {
  return `${DateTime.fromJSDate(instant, { zone: tz }).toFormat('yyyy-MM-dd HH:mm')} (${tz})`;
}

function invalidDetail(invalid: InvalidReason): LocalText {
  if (invalid.kind === 'unknown_document') return (t) => t.commitments.invalid.unknownDocument({ document: invalid.document });
  if (invalid.kind === 'duplicate') return (t) => t.commitments.invalid.duplicate({ remarkId: invalid.remarkId });
  return (t) => t.commitments.invalid.notACommitment({ remarkId: invalid.remarkId });
}

/** COMMITMENT_INVALID, or COMMITMENTS_INCOMPLETE with `missing: [remarkId]`, unless the check passed. */
function refuseUnless(check: CommitmentsCheck): CleanCommitment[] {
  if (check.ok) return check.commitments;
  if (check.invalid) throw new AppError('COMMITMENT_INVALID', { detail: invalidDetail(check.invalid) });
  throw new AppError('COMMITMENTS_INCOMPLETE', { count: check.missing.length }, undefined, { missing: check.missing });
}

function answerOf(c: CandidateRow, reader: RemarkReader): CommitmentView['answer'] {
  return {
    body: publicLocalizedFor(LocalizedText.fromStored(c.answer_body)!, c.author_id, reader),
    disposition: c.disposition,
    version: c.answer_version,
  };
}

/** The remark of a commitment as the reader may read it. */
function remarkOf(r: CandidateRow | VersionRow, reader: RemarkReader): CommitmentView['remark'] {
  const text = remarkTextFor({ authorId: r.author_id, body: r.remark_body, hiddenAt: r.hidden_at, hiddenReason: r.hidden_reason }, reader);
  return { body: text.body, authorName: r.author_name, hidden: text.hidden, masked: text.masked };
}

function verdictView(v: VerdictRow | undefined, authorId: string, reader: RemarkReader): CommitmentVerdictView | null {
  if (!v) return null;
  return {
    verdict: v.verdict,
    reason: v.reason === null ? null : publicTextFor(v.reason, authorId, reader),
    at: new Date(v.created_at).toISOString(),
    disputeRemarkId: v.dispute_remark_id,
  };
}

function versionView(v: VersionRow, verdicts: Map<string, VerdictRow[]>, reader: RemarkReader): CommitmentVersionView {
  const rows = verdicts.get(v.id) ?? [];
  const latest = rows[rows.length - 1];
  const view = verdictView(latest, v.author_id, reader);
  // a repeated dispute of one version links the remark its first dispute filed
  if (view && view.verdict === 'disputed' && !view.disputeRemarkId)
    view.disputeRemarkId = rows.find((r) => r.dispute_remark_id)?.dispute_remark_id ?? null;
  return {
    version: v.version,
    disposition: v.disposition,
    status: v.status,
    document: v.document,
    location: v.location,
    explanation: publicTextFor(v.explanation, v.author_id, reader),
    publishedAt: new Date(v.published_at).toISOString(),
    authorVerdict: view,
  };
}

/** Commitments: the notice's accounting, later versions, and the authors' confirmations and disputes. */
@Injectable()
export class CommitmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    private readonly commitments: CommitmentsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The plan's commitments as its answers make them now (the notice form's rows). */
  candidates(planId: string): Promise<CommitmentCandidate[]> {
    return this.commitments.candidates(this.db, planId);
  }

  /** The commitments of the plan that the user's own remarks made (whose verdict form the plan page shows them). */
  async ownRemarkIds(planId: string, userId: string | undefined): Promise<Set<string>> {
    return new Set(userId ? await this.commitments.ownRemarkIds(this.db, planId, userId) : []);
  }

  /** The later of stage 2's end and the version's own window. */
  private verdictClosesAt(publishedAt: Date, stage2ClosesAt: Date | null, tz: string, cal: WorkingCalendar): Date {
    const own = commitmentVerdictClosesAt(publishedAt, tz, cal, this.config.procedure);
    return stage2ClosesAt && stage2ClosesAt.getTime() > own.getTime() ? stage2ClosesAt : own;
  }

  /**
   * Every commitment of the plan once the notice is out (empty before), each with its versions and
   * verdicts; remark texts, answers, explanations and reasons as `reader` may read them (the public by default).
   */
  async view(planId: string, db: DataSource | EntityManager = this.db, reader: RemarkReader = PUBLIC_READER): Promise<CommitmentView[]> {
    const plan = await this.commitments.planTimes(db, planId);
    if (!plan?.notice_published_at) return [];
    const [candidates, versions, verdictRows, cal] = await Promise.all([
      this.commitments.candidates(db, planId),
      this.commitments.versions(db, planId),
      this.commitments.verdicts(db, planId),
      this.calendars.calendar(),
    ]);
    const now = this.clock.now();
    const verdicts = new Map<string, VerdictRow[]>();
    for (const v of verdictRows) verdicts.set(v.commitment_id, [...(verdicts.get(v.commitment_id) ?? []), v]);
    const byRemark = new Map<string, VersionRow[]>();
    for (const v of versions) byRemark.set(v.remark_id, [...(byRemark.get(v.remark_id) ?? []), v]);
    const current = new Map(candidates.map((c) => [c.remark_id, c]));
    const stage2 =
      plan.stage2_opens_at && plan.stage2_closes_at ? { opensAt: plan.stage2_opens_at, closesAt: plan.stage2_closes_at } : null;
    const out: CommitmentView[] = [];
    for (const [remarkId, list] of byRemark) {
      const latest = list[list.length - 1];
      const candidate = current.get(remarkId);
      const publishedAt = new Date(latest.published_at);
      const open =
        !plan.outcome_published_at && isCommitmentVerdictOpen(now, stage2, publishedAt, plan.time_zone, cal, this.config.procedure);
      out.push({
        remarkId,
        remark: remarkOf(latest, reader),
        answer: candidate ? answerOf(candidate, reader) : null,
        ...versionView(latest, verdicts, reader),
        version: latest.version,
        pending: !!candidate && candidate.answer_id !== latest.answer_id,
        verdictClosesAt: plan.outcome_published_at
          ? null
          : this.verdictClosesAt(publishedAt, plan.stage2_closes_at, plan.time_zone, cal).toISOString(),
        verdictOpen: open,
        history: list.slice(0, -1).map((v) => versionView(v, verdicts, reader)),
      });
    }
    for (const c of candidates) {
      if (byRemark.has(c.remark_id)) continue;
      out.push({
        remarkId: c.remark_id,
        remark: remarkOf(c, reader),
        answer: answerOf(c, reader),
        disposition: c.disposition,
        status: 'pending',
        document: null,
        location: null,
        explanation: null,
        version: null,
        publishedAt: null,
        authorVerdict: null,
        pending: true,
        verdictClosesAt: null,
        verdictOpen: false,
        history: [],
      });
    }
    return out;
  }

  /**
   * The notice's accounting, in the notice's transaction (after the plan's stage 2 window is
   * stored): every commitment, each finished, documents among `titles`; version 1 of each, e-mailed.
   */
  async recordAtNotice(
    em: EntityManager,
    ctx: { plan: Plan; timeZone: string; user: AuthUser; now: Date; stage2ClosesAt: Date },
    inputs: CommitmentInput[],
    titles: LocalizedText[],
  ): Promise<void> {
    const candidates = await this.commitments.candidates(em, ctx.plan.id);
    const clean = refuseUnless(
      checkCommitments(
        candidates.map((c) => c.remark_id),
        inputs,
        titleVersions(titles),
        true,
      ),
    );
    const cal = await this.calendars.calendar();
    const byId = new Map(candidates.map((c) => [c.remark_id, c]));
    for (const c of clean) {
      const latest = await this.commitments.latest(em, c.remarkId);
      await this.store(em, { ...ctx, cal }, byId.get(c.remarkId)!, c, (latest?.version ?? 0) + 1);
    }
  }

  /** POST /plans/{id}/commitments: a new version of each commitment given that says something new; until the outcome. */
  async publish(
    user: AuthUser | undefined,
    planId: string,
    inputs: CommitmentInput[],
  ): Promise<{ published: { remarkId: string; version: number }[] }> {
    const result = await this.db.transaction(async (em) => {
      const { plan, organization } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      if (!plan.noticePublishedAt) throw new AppError('NOTICE_NOT_PUBLISHED');
      if (plan.outcomePublishedAt) throw new AppError('DISCUSSION_CLOSED');
      const candidates = await this.commitments.candidates(em, plan.id);
      const titles = await this.commitments.noticeTitles(em, plan.id);
      const clean = refuseUnless(
        checkCommitments(
          candidates.map((c) => c.remark_id),
          inputs,
          titleVersions(titles),
          false,
        ),
      );
      const ctx = {
        plan,
        timeZone: organization.timeZone,
        user,
        now: this.clock.now(),
        stage2ClosesAt: plan.stage2ClosesAt,
        cal: await this.calendars.calendar(),
      };
      const published: { remarkId: string; version: number }[] = [];
      for (const c of clean) {
        const candidate = candidates.find((x) => x.remark_id === c.remarkId)!;
        const latest = await this.commitments.latest(em, c.remarkId);
        if (!changedFrom(latest, c, candidate.answer_id)) continue;
        const version = (latest?.version ?? 0) + 1;
        await this.store(em, ctx, candidate, c, version);
        published.push({ remarkId: c.remarkId, version });
      }
      return { published };
    });
    this.dispatcher.kick();
    return result;
  }

  /** One version, and its e-mail to the remark's author (once: keyed by the version's id). */
  private async store(
    em: EntityManager,
    ctx: { plan: Plan; timeZone: string; user: AuthUser; now: Date; stage2ClosesAt: Date | null; cal: WorkingCalendar },
    candidate: CandidateRow,
    c: CleanCommitment,
    version: number,
  ): Promise<void> {
    const row = await this.commitments.insert(em, {
      planId: ctx.plan.id,
      remarkId: c.remarkId,
      version,
      answerId: candidate.answer_id,
      disposition: candidate.disposition,
      status: c.status,
      document: c.document,
      location: c.location,
      explanation: c.explanation,
      authorId: ctx.user.id,
      publishedAt: ctx.now,
    });
    const author = await this.commitments.user(em, candidate.author_id);
    const closesAt = this.verdictClosesAt(ctx.now, ctx.stage2ClosesAt, ctx.timeZone, ctx.cal);
    const mail = renderTemplate(commitmentEmail, author.locale, {
      displayName: author.displayName,
      planTitle: ctx.plan.title,
      remarkBody: candidate.remark_body,
      version,
      status: c.status,
      document: c.document,
      location: c.location,
      explanation: c.explanation,
      closeDate: localDate(closesAt, ctx.timeZone),
      url: `${this.config.publicUrl}/plans/${ctx.plan.id}#commitment-${c.remarkId}`,
    });
    await this.outbox.enqueue(em, [{ dedupeKey: `commitment:${row.id}`, kind: 'commitment', recipient: author.email, ...mail }]);
  }

  /** PUT /remarks/{id}/commitment-verdict: the author confirms or disputes the latest version; a dispute files a stage-2 remark once per version. */
  async verdict(
    user: AuthUser,
    remarkId: string,
    input: { verdict: CommitmentVerdictKind; reason?: string },
    /** The plan the request names (the plan page's form): a remark of another plan is not found. */
    onPlan?: string,
  ): Promise<CommitmentVerdictResult> {
    if (!isUuid(remarkId)) throw new AppError('REMARK_NOT_FOUND');
    return this.db.transaction(async (em) => {
      // The plan row first (as the outcome, the notice and the review's close lock it), then the remark:
      // a dispute cannot slip a remark past an outcome being published, and the lock order is the same.
      const planId = await this.commitments.planIdOfRemark(em, remarkId);
      if (!planId || (onPlan !== undefined && onPlan !== planId)) throw new AppError('REMARK_NOT_FOUND');
      const { plan, organization } = await loadPlan(em, planId, true);
      const remark = await this.commitments.lockRemark(em, remarkId);
      if (!remark) throw new AppError('REMARK_NOT_FOUND');
      assertVisible(user, plan);
      if (remark.authorId !== user.id) throw new AppError('NOT_AUTHOR');
      const latest = await this.commitments.latest(em, remark.id);
      if (!latest) throw new AppError('NOT_A_COMMITMENT');
      // a stopped sandbox clock must still leave the newest verdict last
      const now = verdictTime(this.clock.now(), await this.commitments.lastVerdictAt(em, plan.id, remark.id));
      const tz = organization.timeZone;
      const cal = await this.calendars.calendar();
      if (plan.outcomePublishedAt) throw new AppError('WINDOW_CLOSED', { detail: (t) => t.commitments.windowOutcome });
      const stage2 = plan.stage2OpensAt && plan.stage2ClosesAt ? { opensAt: plan.stage2OpensAt, closesAt: plan.stage2ClosesAt } : null;
      if (!isCommitmentVerdictOpen(now, stage2, latest.publishedAt, tz, cal, this.config.procedure)) {
        const closed = at(this.verdictClosesAt(latest.publishedAt, plan.stage2ClosesAt, tz, cal), tz);
        throw new AppError('WINDOW_CLOSED', { detail: (t) => t.commitments.windowClosed({ at: closed }) });
      }
      const reason = input.reason ?? null;
      let filed: string | null = null;
      let existing: string | null = null;
      if (input.verdict === 'disputed') {
        existing = await this.commitments.disputeOf(em, latest.id);
        if (!existing) {
          const body = reason!;
          const dispute = await this.commitments.insertRemark(em, {
            planId: plan.id,
            stage: 2,
            authorId: user.id,
            body,
            createdAt: now,
            idempotencyKey: null,
            bodyHash: remarkBodyHash(plan.id, body),
            answerDueAt: disputeAnswerDueAt(now, plan.stage2ClosesAt, tz, cal, this.config.procedure),
            answeredAt: null,
            overdueSweptAt: null,
            disputesRemarkId: remark.id,
            hiddenAt: null,
            hiddenReason: null,
            duplicateKey: null,
            // the author writes the dispute's reason in their own language
            language: user.locale,
          });
          filed = dispute.id;
        }
      }
      await this.commitments.insertVerdict(em, {
        commitmentId: latest.id,
        remarkId: remark.id,
        planId: plan.id,
        authorId: user.id,
        verdict: input.verdict,
        reason,
        disputeRemarkId: filed,
        createdAt: now,
      });
      return {
        remarkId: remark.id,
        version: latest.version,
        verdict: input.verdict,
        reason,
        at: now.toISOString(),
        disputeRemarkId: filed ?? existing,
      };
    });
  }
}
