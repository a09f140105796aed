import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { validationError } from '../common/errors/validation';
import { everyLocale } from '../common/i18n/every-locale';
import type { Locale } from '../common/i18n/locale';
import { answerLanguagesMissing, LocalizedInput, LocalizedText, primaryLanguage } from '../common/i18n/localized-text';
import { translationExists, translationRequired } from '../common/errors/translation-errors';
import { isUuid } from '../common/ids';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from '../identity/auth/auth-user';
import { rateLimited } from '../identity/rate-limiter';
import { HearingsRepository } from '../hearings/hearings.repository';
import { answerEmail } from '../notifications/emails/answer.email';
import { renderTemplate } from '../notifications/emails/render';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { OutboxService } from '../notifications/outbox.service';
import { decodeCursor, encodeCursor } from '../plans/cursor';
import { assertOrganizerOf, assertVisible, loadPlan, visiblePlan } from '../plans/plan-access';
import { Plan } from '../plans/plan.entity';
import { answerDueAt, localDate, stage2AnswerDueAt, verdictClosesAt } from '../procedure/deadlines';
import { answerDueShown } from './answer-duty';
import { Verdict } from './answer-verdict.entity';
import { Answer, Disposition } from './answer.entity';
import { AnswerVerdictsRepository, VersionVerdictRow } from './answer-verdicts.repository';
import { Remark } from './remark.entity';
import {
  HiddenState,
  publicLocalizedFor,
  publicTextFor,
  remarkDuplicateKey,
  RemarkReader,
  remarkReader,
  remarkTextFor,
} from './remark-moderation';
import { isAnswerLate, remarkWindow } from './remark-window';
import { correctionChanges } from './verdict-rules';
import { AnswerTranslationsDto, ListRemarksQuery, isLanguageCode } from './remarks.dto';
import { AnswerRow, RemarksRepository, SubmitLookupRow } from './remarks.repository';

export interface RemarkCreated {
  id: string;
  stage: 1 | 2;
  createdAt: string;
}

/** The author's current verdict on one answer version (its latest row). */
export interface AnswerVerdictView {
  verdict: Verdict;
  reason: string | null;
  at: string;
  answerVersion: number;
}

/** One answer version with its own verdict. */
export interface AnswerVersionView {
  /** Localized by the response interceptor: the reader's version, every version under `i18n.body`. */
  body: LocalizedText;
  disposition: Disposition;
  publishedAt: string;
  late: boolean;
  version: number;
  correctionReason: LocalizedText | null;
  verdict: AnswerVerdictView | null;
}

export interface AnswerView extends AnswerVersionView {
  /** Until when the author may judge this (latest) version. */
  verdictClosesAt: string;
  /** Earlier versions, latest first, each with its own verdict. */
  history: AnswerVersionView[];
}

export interface RemarkView {
  id: string;
  stage: 1 | 2;
  authorName: string;
  /** The text as this reader may read it: masked for the public, null when hidden (remark-moderation.ts remarkTextFor). */
  body: string | null;
  /** When and why a moderator hid it (null while public). */
  hidden: HiddenState | null;
  /** The public reads this text with personal data masked. */
  personalDataMasked: boolean;
  /** The language the remark is written in (ISO 639 code; `und` when the author did not say). */
  language: string;
  createdAt: string;
  /** Null while hidden: a hidden remark needs no answer (answer-duty.ts). */
  answerDueAt: string | null;
  answer: AnswerView | null;
  /** A dispute of a commitment: the stage-1 remark it disputes. */
  disputes: string | null;
}

export interface AnswerCreated {
  id: string;
  remarkId: string;
  version: number;
  disposition: Disposition;
  publishedAt: string;
  late: boolean;
}

/** What PUT /remarks/{id}/answer/translations did to the latest answer version. */
export interface AnswerTranslated {
  remarkId: string;
  version: number;
  body: LocalizedText;
  correctionReason: LocalizedText | null;
  /** The versions added, as `field.lang` (empty when every version sent was there already). */
  added: string[];
}

const REMARK_MAX = 10000;
const HOUR_MS = 3600_000;

/**
 * The language of a new remark: the author's choice, else the Content-Language header's primary subtag
 * (any ISO 639 code), else the author's account language.
 */
export function remarkLanguage(chosen: string | undefined, contentLanguage: string | undefined, accountLocale: Locale): string {
  if (chosen) return chosen;
  const header = primaryLanguage(contentLanguage);
  return header && isLanguageCode(header) ? header : accountLocale;
}

/**
 * An answer (or a correction's texts) may be published when it includes the remark's language, if that
 * is kk or ru, else kk or ru (Law on Languages, art. 11): otherwise 422 TRANSLATION_REQUIRED naming
 * `field.lang` (both state languages when either will do).
 */
export function assertAnswerLanguages(texts: Record<string, LocalizedText>, remarkLanguage: string): void {
  const missing = Object.entries(texts).flatMap(([field, text]) =>
    answerLanguagesMissing(text, remarkLanguage).map((lang) => `${field}.${lang}`),
  );
  if (missing.length) throw translationRequired(missing);
}

/** SHA-256 of a remark's plan and text: tells a retried submission from a different one under the same Idempotency-Key. */
export function remarkBodyHash(planId: string, body: string): string {
  return createHash('sha256').update(`${planId}\n${body}`).digest('hex');
}

@Injectable()
export class RemarksService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    private readonly remarks: RemarksRepository,
    private readonly hearings: HearingsRepository,
    private readonly verdicts: AnswerVerdictsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Accepts a remark while a window is open, judged by the clock against the plan as read just
   * before the insert; two round trips (one lookup, one insert) after the guard's read of the user.
   * With an Idempotency-Key, concurrent or repeated requests make one remark (unique index).
   */
  async create(
    user: AuthUser,
    planId: string,
    body: string,
    idempotencyKey: string | undefined,
    language: string = user.locale,
  ): Promise<RemarkCreated> {
    if (!user.emailVerified) throw new AppError('EMAIL_NOT_VERIFIED');
    const length = typeof body === 'string' ? body.trim().length : 0;
    if (length < 1 || body.length > REMARK_MAX) {
      throw validationError([{ field: 'body', constraint: 'length', message: everyLocale((t) => t.remarks.bodyLength) }]);
    }
    const key = idempotencyKey === undefined || idempotencyKey === '' ? null : idempotencyKey;
    if (key !== null && key.length > 200) {
      throw validationError([
        { field: 'Idempotency-Key', constraint: 'maxLength', message: everyLocale((t) => t.remarks.idempotencyKeyTooLong) },
      ]);
    }
    const bodyHash = remarkBodyHash(planId, body);
    const calendar = await this.calendars.calendar();

    // No transaction: the reads take no locks and the one write is a single statement, so under
    // READ COMMITTED a transaction around them would see and decide exactly the same (and cost two
    // round trips more). Concurrent requests with the same Idempotency-Key meet at the unique index.
    const now = this.clock.now();
    const found = await this.remarks.submitLookup(this.db, isUuid(planId) ? planId : null, user.id, key, new Date(now.getTime() - HOUR_MS));
    if (found.existing_id !== null) {
      return replay(
        { id: found.existing_id, stage: found.existing_stage!, createdAt: found.existing_created_at!, bodyHash: found.existing_body_hash! },
        bodyHash,
      );
    }
    if (found.id === null) throw new AppError('PLAN_NOT_FOUND');
    const plan = submittedTo(found);
    assertVisible(user, plan);
    // at most remarksPerHour remarks of one author on one plan within the last hour (clock time)
    if ((found.recent_count ?? 0) >= this.config.moderation.remarksPerHour) {
      throw rateLimited(new Date(found.recent_oldest!).getTime() + HOUR_MS, now.getTime());
    }
    const tz = found.time_zone!;
    const window = remarkWindow(plan, now, tz);
    if (!window.open) throw new AppError('WINDOW_CLOSED', { detail: window.detail });
    const due =
      window.stage === 1
        ? answerDueAt(now, tz, calendar, this.config.procedure)
        : stage2AnswerDueAt(localDate(plan.stage2ClosesAt!, tz), tz, calendar, this.config.procedure);
    // The remark and its author's follow of the plan in one statement (one round trip fewer).
    const inserted = await this.remarks.insert(this.db, {
      planId: plan.id,
      stage: window.stage,
      authorId: user.id,
      body,
      language,
      createdAt: now,
      idempotencyKey: key,
      bodyHash,
      answerDueAt: due,
      duplicateKey: remarkDuplicateKey(body),
    });
    if (!inserted) {
      // a concurrent request with the same key committed first; else the author's same text is there already
      const existing = key === null ? null : await this.remarks.byIdempotencyKey(this.db, user.id, key);
      if (existing) return replay(existing, bodyHash);
      throw new AppError('DUPLICATE_REMARK');
    }
    return { id: inserted.id, stage: inserted.stage as 1 | 2, createdAt: new Date(inserted.created_at).toISOString() };
  }

  /**
   * A page of a plan's remarks, oldest first, keyset on (created_at, id) so any page costs the same;
   * every answer version of the page's remarks comes in one query, and their verdicts (with the
   * plan's time zone for the verdict windows) in one more.
   */
  async list(
    user: AuthUser | undefined,
    planId: string,
    query: ListRemarksQuery,
  ): Promise<{ items: RemarkView[]; nextCursor: string | null }> {
    const plan = await visiblePlan(this.db, user, planId);
    const visibleId = plan.id;
    const reader = remarkReader(user, plan.organizationId);
    const limit = query.limit ?? 20;
    const rows = await this.remarks.page(this.db, visibleId, query.stage ?? null, decodeCursor(query.cursor), limit);
    const page = rows.slice(0, limit);
    const answers = page.length
      ? await this.remarks.answersOf(
          this.db,
          page.map((r) => r.id),
        )
      : [];
    const judged = answers.length
      ? await this.verdicts.ofPage(
          this.db,
          visibleId,
          page.map((r) => r.id),
        )
      : { timeZone: null, rows: [] };
    const authors = new Map(page.map((r) => [r.id, r.author_id]));
    const versions = answerVersions(answers, judged.rows, (remarkId) => ({ authorId: authors.get(remarkId)!, reader }));
    const calendar = answers.length ? await this.calendars.calendar() : null;
    const items: RemarkView[] = page.map((r) => {
      const [latest, ...older] = versions.get(r.id) ?? [];
      const closesAt =
        latest && calendar ? verdictClosesAt(new Date(latest.publishedAt), judged.timeZone!, calendar, this.config.procedure) : null;
      const text = remarkTextFor({ authorId: r.author_id, body: r.body, hiddenAt: r.hidden_at, hiddenReason: r.hidden_reason }, reader);
      return {
        id: r.id,
        stage: r.stage as 1 | 2,
        authorName: r.author_name,
        body: text.body,
        hidden: text.hidden,
        // of a text withheld (hidden) nothing is told, not even that it had personal data
        personalDataMasked: text.body !== null && text.masked,
        language: r.language,
        createdAt: new Date(r.created_at).toISOString(),
        answerDueAt: answerDueShown(r)?.toISOString() ?? null,
        answer: latest ? { ...latest, verdictClosesAt: closesAt!.toISOString(), history: older } : null,
        disputes: r.disputes_remark_id,
      };
    });
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ t: new Date(last.created_at).toISOString(), id: last.id }) : null;
    return { items, nextCursor };
  }

  /**
   * The official answer (version 1). The remark row is locked so two answers cannot race. A string body
   * is in `lang` (Content-Language, else the organizer's language).
   */
  async answer(
    user: AuthUser,
    remarkId: string,
    input: LocalizedInput,
    disposition: Disposition,
    lang: Locale = user.locale,
  ): Promise<AnswerCreated> {
    const body = requiredText(input, lang, 'body');
    const result = await this.db.transaction(async (em) => {
      const { remark, plan, tz } = await this.lockRemark(em, user, remarkId);
      if ((await this.remarks.answerCount(em, remark.id)) > 0) throw new AppError('ALREADY_ANSWERED');
      assertAnswerLanguages({ body }, remark.language);
      const now = this.clock.now();
      const late = isAnswerLate(remark, now, await this.hearings.scheduledStart(em, plan.id));
      const answer = await this.remarks.addAnswer(em, {
        remarkId: remark.id,
        version: 1,
        body,
        disposition,
        authorId: user.id,
        publishedAt: now,
        late,
        correctionReason: null,
      });
      await this.remarks.markAnswered(em, remark.id, now);
      await this.queueEmail(em, plan, tz, remark, answer);
      return answer;
    });
    this.dispatcher.kick();
    return toCreated(result);
  }

  /** A public correction: a new version; earlier versions stay in the history. */
  async correct(
    user: AuthUser,
    remarkId: string,
    bodyInput: LocalizedInput,
    disposition: Disposition,
    reasonInput: LocalizedInput,
    lang: Locale = user.locale,
  ): Promise<AnswerCreated> {
    const body = requiredText(bodyInput, lang, 'body');
    const reason = requiredText(reasonInput, lang, 'reason');
    const result = await this.db.transaction(async (em) => {
      const { remark, plan, tz } = await this.lockRemark(em, user, remarkId);
      const latest = await this.remarks.latestAnswer(em, remark.id);
      if (!latest) throw new AppError('NOT_ANSWERED');
      if (!correctionChanges(latest, body, disposition)) throw new AppError('CORRECTION_UNCHANGED');
      assertAnswerLanguages({ body, reason }, remark.language);
      const answer = await this.remarks.addAnswer(em, {
        remarkId: remark.id,
        version: latest.version + 1,
        body,
        disposition,
        authorId: user.id,
        publishedAt: this.clock.now(),
        // the answer's timeliness is that of its first publication
        late: latest.late,
        correctionReason: reason,
      });
      await this.queueEmail(em, plan, tz, remark, answer);
      return answer;
    });
    this.dispatcher.kick();
    return toCreated(result);
  }

  /**
   * Adds missing languages to the latest answer version (and its correction's reason): not a
   * correction, so no new version, no verdict reset, no e-mail. A language present with another text is
   * 409 TRANSLATION_EXISTS; the same text again writes nothing.
   */
  async translate(user: AuthUser, remarkId: string, dto: AnswerTranslationsDto, lang: Locale = user.locale): Promise<AnswerTranslated> {
    return this.db.transaction(async (em) => {
      const { remark } = await this.lockRemark(em, user, remarkId);
      const latest = await this.remarks.latestAnswer(em, remark.id);
      if (!latest) throw new AppError('NOT_ANSWERED');
      const body = LocalizedText.fromInput(dto.body, lang);
      const reason = LocalizedText.fromInput(dto.correctionReason, lang);
      if (!body && !reason) {
        throw validationError([{ field: 'body', constraint: 'localizedText', message: everyLocale((t) => t.remarks.translationEmpty) }]);
      }
      if (reason && !latest.correctionReason) {
        throw validationError([
          { field: 'correctionReason', constraint: 'notCorrected', message: everyLocale((t) => t.remarks.translationNotCorrected) },
        ]);
      }
      const bodyResult = body ? latest.body.withTranslations(body) : null;
      const reasonResult = reason && latest.correctionReason ? latest.correctionReason.withTranslations(reason) : null;
      const conflicts = [...(bodyResult?.conflicts ?? []), ...(reasonResult?.conflicts ?? [])];
      if (conflicts.length) throw translationExists([...new Set(conflicts)]);
      const added = [
        ...(bodyResult?.added ?? []).map((added) => `body.${added}`),
        ...(reasonResult?.added ?? []).map((added) => `correctionReason.${added}`),
      ];
      const next = { body: bodyResult?.text ?? latest.body, correctionReason: reasonResult?.text ?? latest.correctionReason };
      if (added.length) await this.remarks.updateAnswerTexts(em, latest.id, next);
      return { remarkId: remark.id, version: latest.version, ...next, added };
    });
  }

  private async lockRemark(em: EntityManager, user: AuthUser, remarkId: string): Promise<{ remark: Remark; plan: Plan; tz: string }> {
    if (!isUuid(remarkId)) throw new AppError('REMARK_NOT_FOUND');
    const remark = await this.remarks.lock(em, remarkId);
    if (!remark) throw new AppError('REMARK_NOT_FOUND');
    const { plan, organization } = await loadPlan(em, remark.planId);
    assertOrganizerOf(user, plan);
    return { remark, plan, tz: organization.timeZone };
  }

  /** The answer's e-mail to the remark's author: the answer, and the invitation to judge this version until its window closes. */
  private async queueEmail(em: EntityManager, plan: Plan, tz: string, remark: Remark, answer: Answer): Promise<void> {
    const author = await this.remarks.author(em, remark.authorId);
    const closesAt = verdictClosesAt(answer.publishedAt, tz, await this.calendars.calendar(), this.config.procedure);
    const mail = renderTemplate(answerEmail, author.locale, {
      displayName: author.displayName,
      planTitle: plan.title,
      remarkBody: remark.body,
      answerBody: answer.body,
      disposition: answer.disposition,
      correction: answer.version > 1 && answer.correctionReason ? { reason: answer.correctionReason, version: answer.version } : null,
      url: `${this.config.publicUrl}/plans/${plan.id}`,
      verdict: { url: `${this.config.publicUrl}/remarks/${remark.id}/verdict`, closesAt, timeZone: tz },
    });
    await this.outbox.enqueue(em, [
      { dedupeKey: `answer:${answer.id}`, kind: answer.version > 1 ? 'answer_correction' : 'answer', recipient: author.email, ...mail },
    ]);
  }
}

/** The plan's windows as the submission lookup found them. */
function submittedTo(found: SubmitLookupRow) {
  return {
    id: found.id!,
    organizationId: found.organization_id!,
    publishedAt: found.published_at,
    stage1ClosesAt: found.stage1_closes_at,
    stage2OpensAt: found.stage2_opens_at,
    stage2ClosesAt: found.stage2_closes_at,
    outcomePublishedAt: found.outcome_published_at,
  };
}

/** A repeat of an Idempotency-Key: the original remark, if the body is the same. */
function replay(existing: Pick<Remark, 'id' | 'stage' | 'createdAt' | 'bodyHash'>, bodyHash: string): RemarkCreated {
  if (existing.bodyHash !== bodyHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return { id: existing.id, stage: existing.stage, createdAt: new Date(existing.createdAt).toISOString() };
}

/**
 * Each remark's answer versions, latest first, each with its own current verdict; the answer's texts and
 * the verdict's reason as the reader may read them (publicLocalizedFor, publicTextFor).
 */
function answerVersions(
  answers: AnswerRow[],
  verdicts: VersionVerdictRow[],
  readerOf: (remarkId: string) => { authorId: string; reader: RemarkReader },
): Map<string, AnswerVersionView[]> {
  const judged = new Map(verdicts.map((v) => [`${v.remark_id}/${v.version}`, v]));
  const versions = new Map<string, AnswerVersionView[]>();
  for (const a of answers) {
    const list = versions.get(a.remark_id) ?? [];
    const v = judged.get(`${a.remark_id}/${a.version}`);
    const { authorId, reader } = readerOf(a.remark_id);
    list.push({
      body: publicLocalizedFor(LocalizedText.fromStored(a.body)!, authorId, reader),
      disposition: a.disposition,
      publishedAt: new Date(a.published_at).toISOString(),
      late: a.late,
      version: a.version,
      correctionReason: publicLocalizedFor(LocalizedText.fromStored(a.correction_reason), authorId, reader),
      verdict: v
        ? {
            verdict: v.verdict,
            reason: v.reason === null ? null : publicTextFor(v.reason, authorId, reader),
            at: new Date(v.created_at).toISOString(),
            answerVersion: a.version,
          }
        : null,
    });
    versions.set(a.remark_id, list);
  }
  return versions;
}

/** A published text as sent (a string in `lang`, or {kk, ru, en}); validation let nothing blank through. */
function requiredText(input: LocalizedInput, lang: Locale, field: string): LocalizedText {
  const text = LocalizedText.fromInput(input, lang);
  if (!text) throw validationError([{ field, constraint: 'localizedText', message: everyLocale((t) => t.remarks.answerBlank) }]);
  return text;
}

function toCreated(a: Answer): AnswerCreated {
  return {
    id: a.id,
    remarkId: a.remarkId,
    version: a.version,
    disposition: a.disposition,
    publishedAt: a.publishedAt.toISOString(),
    late: a.late,
  };
}
