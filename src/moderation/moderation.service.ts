import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { FieldError, validationError } from '../common/errors/validation';
import { everyLocale } from '../common/i18n/every-locale';
import { isUuid } from '../common/ids';
import { decodeKeyset, encodeKeyset } from '../common/keyset-cursor';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from '../identity/auth/auth-user';
import { rateLimited } from '../identity/rate-limiter';
import { appealDecidedEmail } from '../notifications/emails/appeal-decided.email';
import { remarkHiddenEmail } from '../notifications/emails/remark-hidden.email';
import { remarkRestoredEmail } from '../notifications/emails/remark-restored.email';
import { renderTemplate } from '../notifications/emails/render';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { OutboxService } from '../notifications/outbox.service';
import { assertVisible } from '../plans/plan-access';
import { appealClosesAt, restoredAnswerDueAt } from '../procedure/deadlines';
import {
  HIDE_REASONS,
  HiddenState,
  hiddenStateOf,
  HideReason,
  isModerator,
  REPORT_REASONS,
  ReportReason,
} from '../remarks/remark-moderation';
import { answerDueShown } from '../remarks/answer-duty';
import { localAt } from '../remarks/verdict-rules';
import { ModerationAction, MODERATION_ACTIONS, ModerationDecision } from './moderation-decision.entity';
import { AppealRow, DecisionRow, ModeratedRemarkRow, ModerationRepository } from './moderation.repository';
import type { AppealCreated, DecisionMade, DecisionView, ModerationHistory, QueueItem, ReportCreated } from './moderation.types';

const HOUR_MS = 3600_000;
const TEXT_MAX = 2000;

function hiddenState(r: { hidden_at: Date | null; hidden_reason: HideReason | null }): HiddenState | null {
  return hiddenStateOf(r.hidden_at, r.hidden_reason);
}

interface QueueKey {
  since: string;
  remarkId: string;
  kind: string;
}

function isQueueKey(value: unknown): value is QueueKey {
  const k = value as Partial<QueueKey> | null;
  return (
    typeof k?.since === 'string' &&
    !Number.isNaN(Date.parse(k.since)) &&
    new Date(k.since).toISOString() === k.since &&
    isUuid(k.remarkId) &&
    (k.kind === 'reports' || k.kind === 'appeal')
  );
}

/**
 * Reports, the moderators' queue and decisions, and the author's appeal (issue 16). Nothing is deleted:
 * a decision is a new row, the remark's hidden state is the latest decision's, and every write goes in
 * one transaction with its e-mails to the author (outbox).
 */
@Injectable()
export class ModerationService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    private readonly moderation: ModerationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A signed-in user with a verified e-mail reports a remark once; reportsPerHour per user within the last hour. */
  async report(user: AuthUser, remarkId: string, input: { reason: ReportReason; text?: string | null }): Promise<ReportCreated> {
    if (!user.emailVerified) throw new AppError('EMAIL_NOT_VERIFIED');
    const text = input.text?.trim() ? input.text.trim() : null;
    const fields: FieldError[] = [];
    if (!(REPORT_REASONS as readonly string[]).includes(input.reason)) {
      fields.push({ field: 'reason', constraint: 'isIn', message: (t) => t.errors.fields.invalid });
    }
    if (text !== null && text.length > TEXT_MAX) {
      fields.push({ field: 'text', constraint: 'maxLength', message: everyLocale((t) => t.moderation.api.textTooLong) });
    }
    if (fields.length) throw validationError(fields);
    const remark = await this.visibleRemark(this.db, user, remarkId);
    if (remark.hidden_at) throw new AppError('ALREADY_HIDDEN');
    // one reporter's reports one at a time (count and insert atomic across instances); the remark
    // share-locked while public, so that a decision to hide either closes this report or comes first
    const created = await this.db.transaction(async (em) => {
      await this.moderation.lockReporter(em, user.id);
      const now = this.clock.now();
      const recent = await this.moderation.reportsSince(em, user.id, new Date(now.getTime() - HOUR_MS));
      if (recent.count >= this.config.moderation.reportsPerHour) {
        throw rateLimited(new Date(recent.oldest!).getTime() + HOUR_MS, now.getTime());
      }
      if (!(await this.moderation.lockPublicRemark(em, remark.id))) throw new AppError('ALREADY_HIDDEN');
      const row = await this.moderation.insertReport(em, {
        remarkId: remark.id,
        planId: remark.plan_id,
        reporterId: user.id,
        reason: input.reason,
        text,
        createdAt: now,
      });
      if (!row) throw new AppError('ALREADY_REPORTED');
      return row;
    });
    return { id: created.id, remarkId: remark.id, reason: input.reason, createdAt: new Date(created.created_at).toISOString() };
  }

  /** Remarks with open reports (each once, by its oldest open report) and pending appeals, oldest first; keyset pages. */
  async queue(user: AuthUser, query: { cursor?: string; limit?: number }): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
    if (!isModerator(user)) throw new AppError('FORBIDDEN');
    const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
    let after: QueueKey | null = null;
    if (query.cursor) {
      after = decodeKeyset(query.cursor, isQueueKey);
      if (!after) throw validationError([{ field: 'cursor', constraint: 'matches', message: everyLocale((t) => t.plans.badCursor) }]);
    }
    const rows = await this.moderation.queue(this.db, after, limit + 1);
    const page = rows.slice(0, limit);
    const ids = [...new Set(page.map((r) => r.remark_id))];
    const [remarks, reports, appeals] = ids.length
      ? await Promise.all([
          this.moderation.queueRemarks(this.db, ids),
          this.moderation.reports(this.db, ids, true),
          this.moderation.appeals(this.db, ids, true),
        ])
      : [[], [], []];
    const remarkById = new Map(remarks.map((r) => [r.id, r]));
    const appealById = new Map(appeals.map((a) => [a.id, a]));
    const items: QueueItem[] = page.map((row) => {
      const r = remarkById.get(row.remark_id)!;
      const appeal = row.appeal_id ? appealById.get(row.appeal_id) : undefined;
      return {
        kind: row.kind,
        remarkId: r.id,
        since: new Date(row.since).toISOString(),
        plan: { id: r.plan_id, title: r.plan_title },
        remark: {
          body: r.body,
          stage: r.stage,
          language: r.language,
          authorName: r.author_name,
          createdAt: new Date(r.created_at).toISOString(),
          hidden: hiddenState(r),
        },
        reports:
          row.kind === 'reports'
            ? reports
                .filter((x) => x.remark_id === r.id)
                .map((x) => ({ reason: x.reason, text: x.text, createdAt: new Date(x.created_at).toISOString() }))
            : [],
        appeal: appeal
          ? {
              id: appeal.id,
              text: appeal.text,
              createdAt: new Date(appeal.created_at).toISOString(),
              hideDecision: {
                moderatorId: appeal.hide_moderator_id,
                moderatorName: appeal.hide_moderator_name,
                reason: appeal.hide_reason,
                note: appeal.hide_note,
                at: new Date(appeal.hide_at).toISOString(),
              },
            }
          : null,
      };
    });
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeKeyset({ since: new Date(last.since).toISOString(), remarkId: last.remark_id, kind: last.kind } satisfies QueueKey)
        : null;
    return { items, nextCursor };
  }

  /**
   * A moderator's (or an administrator's) decision, the remark's row locked. With a pending appeal it
   * decides the appeal (never by the moderator who hid the remark: SAME_MODERATOR); otherwise it hides a
   * public remark or restores a hidden one (ALREADY_HIDDEN to hide it again; SAME_MODERATOR for the
   * moderator whose decision to hide an appeal overturned, to hide the restored remark). Closes every open report;
   * the author is e-mailed when the remark is hidden, restored, or their appeal refused.
   */
  async decide(
    user: AuthUser,
    remarkId: string,
    input: { action: ModerationAction; reason?: HideReason | null; note?: string | null },
  ): Promise<DecisionMade> {
    if (!isModerator(user)) throw new AppError('FORBIDDEN');
    const note = input.note?.trim() ? input.note.trim() : null;
    const reason = input.reason ?? null;
    assertDecisionInput(input.action, reason, note);
    const calendar = await this.calendars.calendar();
    const result = await this.db.transaction(async (em) => {
      const remark = await this.existingRemark(em, remarkId, true);
      const appeal = await this.moderation.pendingAppeal(em, remark.id);
      if (appeal && appeal.hide_moderator_id === user.id) throw new AppError('SAME_MODERATOR');
      if (!appeal && remark.hidden_at && input.action === 'hide') throw new AppError('ALREADY_HIDDEN');
      if (!appeal && !remark.hidden_at && input.action === 'hide') {
        // restored on appeal: the moderator whose decision to hide the appeal overturned may not hide it again
        // (until another decision hides it); found through the appeal, not by decision times, which may be equal
        if ((await this.moderation.overturnedHider(em, remark.id)) === user.id) throw new AppError('SAME_MODERATOR');
      }
      const now = this.clock.now();
      const decision = await this.moderation.insertDecision(em, {
        remarkId: remark.id,
        planId: remark.plan_id,
        moderatorId: user.id,
        action: input.action,
        reason,
        note,
        appealId: appeal?.id ?? null,
        createdAt: now,
      });
      await this.moderation.closeReports(em, remark.id, decision.id);
      if (appeal) await this.moderation.closeAppeal(em, appeal.id, decision.id);
      let hidden: HiddenState | null = hiddenState(remark);
      let answerDueAt = new Date(remark.answer_due_at);
      if (input.action === 'hide') {
        // hides a public remark, or keeps a hidden one hidden on its appeal (for the reason given now)
        const at = remark.hidden_at ? new Date(remark.hidden_at) : now;
        await this.moderation.hide(em, remark.id, at, reason!);
        hidden = { reason: reason!, at: at.toISOString() };
        if (appeal) await this.emailUpheld(em, remark, decision);
        else await this.emailHidden(em, remark, decision, appealClosesAt(now, remark.time_zone, calendar, this.config.procedure));
      } else if (remark.hidden_at) {
        answerDueAt = restoredAnswerDueAt(
          { stage: remark.stage, answerDueAt: new Date(remark.answer_due_at), hiddenAt: new Date(remark.hidden_at) },
          now,
          remark.time_zone,
          calendar,
          this.config.procedure,
        );
        await this.moderation.restore(em, remark.id, answerDueAt, remark.answered_at === null);
        hidden = null;
        await this.emailRestored(em, remark, decision, appeal !== null, remark.answered_at === null ? answerDueAt : null);
      }
      return {
        decision: {
          id: decision.id,
          action: decision.action,
          reason: decision.reason,
          note: decision.note,
          at: now.toISOString(),
          appeal: appeal !== null,
          moderatorName: user.displayName,
        },
        remark: { id: remark.id, hidden, answerDueAt: hidden ? null : answerDueAt.toISOString() },
      };
    });
    this.dispatcher.kick();
    return result;
  }

  /**
   * The author's appeal of the decision that hid their remark: once per decision to hide, until
   * appealClosesAt. 403 NOT_AUTHOR, 409 NOT_HIDDEN, ALREADY_APPEALED, APPEAL_WINDOW_CLOSED {closesAt}.
   */
  async appeal(user: AuthUser, remarkId: string, text: string): Promise<AppealCreated> {
    const body = typeof text === 'string' ? text.trim() : '';
    if (body.length < 1 || body.length > TEXT_MAX) {
      throw validationError([{ field: 'text', constraint: 'length', message: everyLocale((t) => t.moderation.api.textLength) }]);
    }
    const calendar = await this.calendars.calendar();
    return this.db.transaction(async (em) => {
      const remark = await this.existingRemark(em, remarkId, true);
      if (remark.author_id !== user.id) throw new AppError('NOT_AUTHOR');
      if (!remark.hidden_at) throw new AppError('NOT_HIDDEN');
      const hiding = await this.moderation.hidingDecision(em, remark.id);
      if (!hiding || hiding.appealed) throw new AppError('ALREADY_APPEALED');
      const closesAt = appealClosesAt(new Date(remark.hidden_at), remark.time_zone, calendar, this.config.procedure);
      const now = this.clock.now();
      if (now.getTime() > closesAt.getTime()) {
        throw new AppError('APPEAL_WINDOW_CLOSED', { closesAt: localAt(closesAt, remark.time_zone) }, undefined, {
          closesAt: closesAt.toISOString(),
        });
      }
      const created = await this.moderation.insertAppeal(em, {
        remarkId: remark.id,
        planId: remark.plan_id,
        authorId: user.id,
        text: body,
        hideDecisionId: hiding.id,
        createdAt: now,
      });
      if (!created) throw new AppError('ALREADY_APPEALED');
      return { id: created.id, remarkId: remark.id, createdAt: new Date(created.created_at).toISOString() };
    });
  }

  /** A remark's moderation history, for moderators, administrators and the remark's author (who sees no moderator names and no reports). */
  async history(user: AuthUser, remarkId: string): Promise<ModerationHistory> {
    const remark = await this.existingRemark(this.db, remarkId, false);
    const moderator = isModerator(user);
    if (!moderator && remark.author_id !== user.id) throw new AppError('FORBIDDEN');
    const [decisions, reports, appeals, hiding] = await Promise.all([
      this.moderation.decisions(this.db, remark.id),
      moderator ? this.moderation.reports(this.db, [remark.id], false) : Promise.resolve([]),
      this.moderation.appeals(this.db, [remark.id]),
      remark.hidden_at ? this.moderation.hidingDecision(this.db, remark.id) : Promise.resolve(null),
    ]);
    const pending = appeals.find((a) => a.decision_id === null);
    // a public remark restored on appeal: the moderator whose decision to hide was overturned may not decide it again
    const overturned = !remark.hidden_at && overturnedHider(decisions, appeals) === user.id;
    let appeal: ModerationHistory['appeal'] = { allowed: false, closesAt: null, reason: 'not_hidden' };
    if (remark.hidden_at) {
      const calendar = await this.calendars.calendar();
      const closesAt = appealClosesAt(new Date(remark.hidden_at), remark.time_zone, calendar, this.config.procedure);
      const reason =
        !hiding || hiding.appealed ? 'already_appealed' : this.clock.now().getTime() > closesAt.getTime() ? 'window_closed' : null;
      appeal = { allowed: reason === null && remark.author_id === user.id, closesAt: closesAt.toISOString(), reason };
    }
    return {
      remark: {
        id: remark.id,
        planId: remark.plan_id,
        planTitle: remark.plan_title,
        body: remark.body,
        stage: remark.stage,
        authorName: remark.author_name,
        createdAt: new Date(remark.created_at).toISOString(),
        hidden: hiddenState(remark),
        answerDueAt: answerDueShown(remark)?.toISOString() ?? null,
        answered: remark.answered_at !== null,
      },
      decisions: decisions.map((d) => decisionView(d, moderator)),
      reports: reports.map((r) => ({
        reason: r.reason,
        text: r.text,
        createdAt: new Date(r.created_at).toISOString(),
        open: r.decision_id === null,
      })),
      appeals: appeals.map((a) => ({
        id: a.id,
        text: a.text,
        createdAt: new Date(a.created_at).toISOString(),
        decided: a.decision_id !== null,
      })),
      appeal,
      canDecide: moderator && !(pending && pending.hide_moderator_id === user.id) && !overturned,
    };
  }

  /** Whether a plan's outcome must wait: an appeal on it is pending. */
  async pendingAppealsOfPlan(em: EntityManager, planId: string): Promise<number> {
    return this.moderation.pendingAppealsOfPlan(em, planId);
  }

  /**
   * Whether a plan's outcome must wait for an appeal that may still come: the latest appealClosesAt among
   * the plan's hidden remarks whose decision to hide has not been appealed, if it is still open at `now`
   * (in the plan's organization's time zone `timeZone`), else null.
   */
  async appealWindowOfPlan(em: EntityManager, planId: string, timeZone: string, now: Date): Promise<Date | null> {
    const hiddenAt = await this.moderation.latestUnappealedHiding(em, planId);
    if (!hiddenAt) return null;
    // appealClosesAt never decreases as hiddenAt grows: the latest hiding closes last
    const closesAt = appealClosesAt(hiddenAt, timeZone, await this.calendars.calendar(), this.config.procedure);
    return now.getTime() <= closesAt.getTime() ? closesAt : null;
  }

  /** A remark of a plan the user may see (REMARK_NOT_FOUND otherwise). */
  private async visibleRemark(db: DataSource | EntityManager, user: AuthUser, remarkId: string): Promise<ModeratedRemarkRow> {
    const remark = await this.existingRemark(db, remarkId, false);
    try {
      assertVisible(user, { publishedAt: remark.plan_published_at, organizationId: remark.organization_id });
    } catch {
      throw new AppError('REMARK_NOT_FOUND');
    }
    return remark;
  }

  private async existingRemark(db: DataSource | EntityManager, remarkId: string, lock: boolean): Promise<ModeratedRemarkRow> {
    if (!isUuid(remarkId)) throw new AppError('REMARK_NOT_FOUND');
    const remark = await this.moderation.remark(db, remarkId, lock);
    if (!remark) throw new AppError('REMARK_NOT_FOUND');
    return remark;
  }

  private async emailHidden(em: EntityManager, remark: ModeratedRemarkRow, decision: ModerationDecision, closesAt: Date): Promise<void> {
    const mail = renderTemplate(remarkHiddenEmail, remark.author_locale, {
      displayName: remark.author_name,
      planTitle: remark.plan_title,
      remarkBody: remark.body,
      reason: decision.reason!,
      note: decision.note,
      appeal: { url: `${this.config.publicUrl}/remarks/${remark.id}/appeal`, closesAt, timeZone: remark.time_zone },
    });
    await this.outbox.enqueue(em, [
      { dedupeKey: `moderation:${decision.id}`, kind: 'remark_hidden', recipient: remark.author_email, ...mail },
    ]);
  }

  private async emailRestored(
    em: EntityManager,
    remark: ModeratedRemarkRow,
    decision: ModerationDecision,
    onAppeal: boolean,
    dueAt: Date | null,
  ): Promise<void> {
    const mail = renderTemplate(remarkRestoredEmail, remark.author_locale, {
      displayName: remark.author_name,
      planTitle: remark.plan_title,
      remarkBody: remark.body,
      onAppeal,
      note: decision.note,
      answerDue: dueAt ? { at: dueAt, timeZone: remark.time_zone } : null,
      url: `${this.config.publicUrl}/plans/${remark.plan_id}`,
    });
    await this.outbox.enqueue(em, [
      { dedupeKey: `moderation:${decision.id}`, kind: 'remark_restored', recipient: remark.author_email, ...mail },
    ]);
  }

  private async emailUpheld(em: EntityManager, remark: ModeratedRemarkRow, decision: ModerationDecision): Promise<void> {
    const mail = renderTemplate(appealDecidedEmail, remark.author_locale, {
      displayName: remark.author_name,
      planTitle: remark.plan_title,
      remarkBody: remark.body,
      reason: decision.reason!,
      note: decision.note,
      url: `${this.config.publicUrl}/plans/${remark.plan_id}`,
    });
    await this.outbox.enqueue(em, [
      { dedupeKey: `moderation:${decision.id}`, kind: 'appeal_decided', recipient: remark.author_email, ...mail },
    ]);
  }
}

/** To hide: a reason from HIDE_REASONS and a note of 1 to 2000 characters; to keep: an optional reason and note. */
function assertDecisionInput(action: ModerationAction, reason: HideReason | null, note: string | null): void {
  const fields: FieldError[] = [];
  if (!(MODERATION_ACTIONS as readonly string[]).includes(action)) {
    fields.push({ field: 'action', constraint: 'isIn', message: (t) => t.errors.fields.invalid });
  }
  if (reason !== null && !(HIDE_REASONS as readonly string[]).includes(reason)) {
    fields.push({ field: 'reason', constraint: 'isIn', message: everyLocale((t) => t.moderation.api.reasonRequired) });
  } else if (action === 'hide' && reason === null) {
    fields.push({ field: 'reason', constraint: 'isIn', message: everyLocale((t) => t.moderation.api.reasonRequired) });
  }
  if (note !== null && note.length > TEXT_MAX) {
    fields.push({ field: 'note', constraint: 'maxLength', message: everyLocale((t) => t.moderation.api.textTooLong) });
  } else if (action === 'hide' && note === null) {
    fields.push({ field: 'note', constraint: 'length', message: everyLocale((t) => t.moderation.api.noteRequired) });
  }
  if (fields.length) throw validationError(fields);
}

/**
 * As ModerationRepository.overturnedHider, from the remark's decisions (oldest first) and appeals: the
 * moderator of the latest decision to hide outside an appeal, when its appeal was decided by a `keep`.
 */
function overturnedHider(decisions: DecisionRow[], appeals: AppealRow[]): string | null {
  const hiding = decisions.filter((d) => d.action === 'hide' && d.appeal_id === null).at(-1);
  const appeal = hiding && appeals.find((a) => a.hide_decision_id === hiding.id && a.decision_id !== null);
  const decided = appeal && decisions.find((d) => d.id === appeal.decision_id);
  return decided?.action === 'keep' ? hiding!.moderator_id : null;
}

/** A decision as the API and pages show it; the moderator's name only to moderators and administrators. */
function decisionView(d: DecisionRow, withName: boolean): DecisionView {
  return {
    id: d.id,
    action: d.action,
    reason: d.reason,
    note: d.note,
    at: new Date(d.created_at).toISOString(),
    appeal: d.appeal_id !== null,
    moderatorName: withName ? d.moderator_name : null,
  };
}
