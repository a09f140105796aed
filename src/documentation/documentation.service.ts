import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import type { CommitmentInput } from '../commitments/commitment-rules';
import { localizedTitlesUnique } from '../commitments/commitment-rules';
import { CommitmentsService } from '../commitments/commitments.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { withTranslationsOrConflict } from '../common/errors/translation-errors';
import type { Locale } from '../common/i18n/locale';
import type { LocalizedInput } from '../common/i18n/localized-text';
import { LocalizedText } from '../common/i18n/localized-text';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from '../identity/auth/auth-user';
import { noticeCorrectedEmail } from '../notifications/emails/notice-corrected.email';
import { renderTemplate } from '../notifications/emails/render';
import { stage2OpenEmail } from '../notifications/emails/stage2-open.email';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { OutboxService } from '../notifications/outbox.service';
import { assertOrganizerOf, assertVisible, loadPlan } from '../plans/plan-access';
import { localDate, stage2Window } from '../procedure/deadlines';
import { groupBy } from '../common/group-by';
import { DocumentationRepository, noticeVersions, noticeVersionsOfPlans, planStage2Window } from './documentation.repository';
import { Notice, NoticeDocument } from './notice.entity';

export interface NoticeVersionView {
  version: number;
  noticeNumber: string;
  documents: NoticeDocument[];
  publishedAt: string;
  correctionReason: LocalizedText | null;
}

/** A notice document as a client sends it: the title a string (in the request's language) or {kk?, ru?, en?}. */
export interface NoticeDocumentInput {
  title: LocalizedInput;
  url: string;
  sha256: string;
}

/** Translations added to the current notice: document titles by position, and the correction's reason. */
export interface NoticeTranslationsInput {
  documents?: ({ title?: LocalizedInput | null } | null)[];
  correctionReason?: LocalizedInput | null;
}

export interface NoticeView extends NoticeVersionView {
  stage2: { opensAt: string; closesAt: string } | null;
  /** Every published version, oldest first: a correction never replaces the original. */
  versions: NoticeVersionView[];
}

function versionView(n: Notice): NoticeVersionView {
  return {
    version: n.version,
    noticeNumber: n.noticeNumber,
    documents: n.documents,
    publishedAt: n.publishedAt.toISOString(),
    correctionReason: n.correctionReason,
  };
}

/** The plan's current notice (latest version) with its history and the stage 2 window; null before publication. */
export async function noticeView(em: EntityManager, planId: string): Promise<NoticeView | null> {
  const versions = await noticeVersions(em, planId);
  if (versions.length === 0) return null;
  const window = await planStage2Window(em, planId);
  const stage2 =
    window?.opensAt && window.closesAt ? { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() } : null;
  return toNoticeView(versions, stage2);
}

/**
 * The notices of several plans (the plan list), by plan id: one statement. Each plan's stage 2 window
 * comes with it (the plan's view has the same columns as planStage2Window reads).
 */
export async function noticeViews(
  em: EntityManager,
  plans: { id: string; stage2: NoticeView['stage2'] }[],
): Promise<Map<string, NoticeView>> {
  const byPlan = groupBy(
    await noticeVersionsOfPlans(
      em,
      plans.map((p) => p.id),
    ),
    (n) => n.planId,
  );
  return new Map(plans.filter((p) => byPlan.has(p.id)).map((p) => [p.id, toNoticeView(byPlan.get(p.id)!, p.stage2)]));
}

function toNoticeView(versions: Notice[], stage2: NoticeView['stage2']): NoticeView {
  return { ...versionView(versions[versions.length - 1]), stage2, versions: versions.map(versionView) };
}

/** Each document of a notice has its own title in each language (commitments name documents by any version of a title). */
function assertTitlesUnique(documents: NoticeDocument[]): void {
  if (!localizedTitlesUnique(documents.map((d) => d.title))) throw new AppError('DOCUMENT_TITLES_NOT_UNIQUE');
}

function cleanDocuments(documents: NoticeDocumentInput[], lang: Locale): NoticeDocument[] {
  return documents.map((d) => ({ title: LocalizedText.fromInput(d.title, lang)!, url: d.url, sha256: d.sha256.toLowerCase() }));
}

@Injectable()
export class DocumentationService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    private readonly notices: DocumentationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commitments: CommitmentsService,
  ) {}

  /** The published notice of a plan the user may see. */
  async view(user: AuthUser | undefined, planId: string): Promise<NoticeView> {
    const { plan } = await loadPlan(this.db.manager, planId);
    assertVisible(user, plan);
    const view = await noticeView(this.db.manager, plan.id);
    if (!view) throw new AppError('NOT_FOUND');
    return view;
  }

  async publish(
    user: AuthUser | undefined,
    planId: string,
    input: { noticeNumber: string; documents: NoticeDocumentInput[]; commitments?: CommitmentInput[] },
    lang: Locale = 'ru',
  ): Promise<{ opensAt: string; closesAt: string; notice: NoticeView }> {
    const result = await this.db.transaction(async (em) => {
      const { plan, organization } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      if (!plan.protocolPublishedAt) throw new AppError('PROTOCOL_NOT_PUBLISHED');
      if (plan.noticePublishedAt) throw new AppError('NOTICE_EXISTS');
      if (plan.outcomePublishedAt) throw new AppError('DISCUSSION_CLOSED');
      const documents = cleanDocuments(input.documents, lang);
      assertTitlesUnique(documents);
      const now = this.clock.now();
      const window = stage2Window(now, organization.timeZone, await this.calendars.calendar(), this.config.procedure);
      await this.notices.insertNotice(em, {
        planId: plan.id,
        version: 1,
        noticeNumber: input.noticeNumber,
        documents,
        authorId: user.id,
        publishedAt: now,
        correctionReason: null,
      });
      await this.notices.markNoticePublished(em, plan.id, now, window);
      // every commitment accounted for, version 1 of each stored and e-mailed, in the notice's transaction
      await this.commitments.recordAtNotice(
        em,
        { plan, timeZone: organization.timeZone, user, now, stage2ClosesAt: window.closesAt },
        input.commitments ?? [],
        documents.map((d) => d.title),
      );
      const closeDate = localDate(window.closesAt, organization.timeZone);
      const recipients = await this.notices.participants(em, plan.id);
      await this.outbox.enqueue(
        em,
        recipients.map((r) => ({
          ...renderTemplate(stage2OpenEmail, r.locale, {
            name: r.display_name,
            planTitle: plan.title,
            planUrl: this.planUrl(plan.id),
            closeDate,
          }),
          dedupeKey: `stage2-open:${plan.id}:${r.id}`,
          kind: 'stage2_open',
          recipient: r.email,
          unsubscribe: { userId: r.id, planId: plan.id },
        })),
      );
      return { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString(), notice: (await noticeView(em, plan.id))! };
    });
    this.dispatcher.kick();
    return result;
  }

  /** A public correction of the notice: a new version with a reason; the stage 2 window does not move. */
  async correct(
    user: AuthUser | undefined,
    planId: string,
    input: { noticeNumber: string; documents: NoticeDocumentInput[]; reason: LocalizedInput },
    lang: Locale = 'ru',
  ): Promise<NoticeView> {
    const view = await this.db.transaction(async (em) => {
      const { plan } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      if (!plan.noticePublishedAt) throw new AppError('NOTICE_NOT_PUBLISHED');
      if (plan.outcomePublishedAt) throw new AppError('DISCUSSION_CLOSED');
      const documents = cleanDocuments(input.documents, lang);
      assertTitlesUnique(documents);
      const version = (await this.notices.lastNoticeVersion(em, plan.id)) + 1;
      const reason = LocalizedText.fromInput(input.reason, lang)!;
      await this.notices.insertNotice(em, {
        planId: plan.id,
        version,
        noticeNumber: input.noticeNumber,
        documents,
        authorId: user.id,
        publishedAt: this.clock.now(),
        correctionReason: reason,
      });
      const recipients = await this.notices.participants(em, plan.id);
      await this.outbox.enqueue(
        em,
        recipients.map((r) => ({
          ...renderTemplate(noticeCorrectedEmail, r.locale, {
            name: r.display_name,
            planTitle: plan.title,
            planUrl: this.planUrl(plan.id),
            reason,
          }),
          dedupeKey: `notice-corrected:${plan.id}:${version}:${r.id}`,
          kind: 'notice_corrected',
          recipient: r.email,
          unsubscribe: { userId: r.id, planId: plan.id },
        })),
      );
      return (await noticeView(em, plan.id))!;
    });
    this.dispatcher.kick();
    return view;
  }

  /**
   * PUT /plans/{id}/notice/translations: adds missing languages to the current notice's document titles
   * (by position) and correction reason. Not a correction: no new version, no e-mail; allowed after the
   * discussion closed. A language already there with another text is 409 TRANSLATION_EXISTS.
   */
  async translate(user: AuthUser | undefined, planId: string, input: NoticeTranslationsInput, lang: Locale = 'ru'): Promise<NoticeView> {
    return this.db.transaction(async (em) => {
      const { plan } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      const versions = await noticeVersions(em, plan.id);
      const current = versions[versions.length - 1];
      if (!current) throw new AppError('NOTICE_NOT_PUBLISHED');
      const given = input.documents ?? [];
      if (given.length > current.documents.length) {
        throw new AppError('VALIDATION_FAILED', { details: (t) => t.documentation.translations.tooManyDocuments });
      }
      const documents = current.documents.map((d, i) => ({ ...d, title: withTranslationsOrConflict(d.title, given[i]?.title, lang) }));
      assertTitlesUnique(documents);
      let correctionReason = current.correctionReason;
      if (input.correctionReason !== undefined && input.correctionReason !== null) {
        if (!correctionReason) throw new AppError('VALIDATION_FAILED', { details: (t) => t.documentation.translations.noReason });
        correctionReason = withTranslationsOrConflict(correctionReason, input.correctionReason, lang);
      }
      const changed =
        documents.some((d, i) => !d.title.equals(current.documents[i].title)) ||
        (correctionReason !== null && !correctionReason.equals(current.correctionReason));
      if (changed) await this.notices.updateNoticeTexts(em, current.id, { documents, correctionReason });
      return (await noticeView(em, plan.id))!;
    });
  }

  private planUrl(planId: string): string {
    return `${this.config.publicUrl}/plans/${planId}`;
  }
}
