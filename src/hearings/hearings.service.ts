import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { everyLocale } from '../common/i18n/every-locale';
import type { Locale } from '../common/i18n/locale';
import { LocalizedInput, LocalizedText } from '../common/i18n/localized-text';
import { translationExists, translationOf } from '../common/errors/translation-errors';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from '../identity/auth/auth-user';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { OutboxService } from '../notifications/outbox.service';
import { Organization } from '../organizations/organization.entity';
import { assertOrganizerOf, loadPlan } from '../plans/plan-access';
import { PlanRecipientsRepository } from '../plans/plan-recipients.repository';
import { SubscriptionKind } from '../plans/plan-subscription.entity';
import { PlanSubscriptionsRepository } from '../plans/plan-subscriptions.repository';
import { Plan } from '../plans/plan.entity';
import { PlansRepository, PlanWithOrganization } from '../plans/plans.repository';
import { checkHearingStart, HearingDateOptions, hearingDateOptions, protocolDueAt, reviewClosesAt } from '../procedure/deadlines';
import { hearingChangeEmails, hearingIcs, protocolEmails, Recipient, toRecipients } from './hearing-mail';
import { hearingView, HearingView, protocolView, ProtocolView } from './hearing-view';
import { Hearing } from './hearing.entity';
import {
  CancelHearingDto,
  HearingTranslationsDto,
  ListTranslation,
  ProtocolCorrectionDto,
  ProtocolDto,
  ProtocolTranslationsDto,
  ScheduleHearingDto,
} from './hearings.dto';
import { HearingsRepository } from './hearings.repository';

const HEARING_HOURS = 2;

/** A text the client sent (validated by the DTO), in `lang` when a string. */
function localized(input: LocalizedInput, lang: Locale): LocalizedText {
  return LocalizedText.fromInput(input, lang) as LocalizedText;
}

/** A list's translations by index; an index beyond the list is a validation error. */
function translateList(
  stored: LocalizedText[],
  input: ListTranslation[] | undefined,
  lang: Locale,
  field: string,
  max: number,
  conflicts: Set<string>,
): LocalizedText[] {
  if (!input) return stored;
  if (input.length > stored.length) throw new AppError('VALIDATION_FAILED', { details: `${field}: more items than the protocol has` });
  return stored.map((text, i) => translationOf(text, input[i], lang, `${field}[${i}]`, max, conflicts) as LocalizedText);
}

function published(p: PlanWithOrganization): PlanWithOrganization {
  if (!p.plan.publishedAt) throw new AppError('PLAN_NOT_FOUND');
  return p;
}

@Injectable()
export class HearingsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    private readonly hearings: HearingsRepository,
    private readonly plans: PlansRepository,
    private readonly subscriptions: PlanSubscriptionsRepository,
    private readonly recipients: PlanRecipientsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async allowedDates(planId: string): Promise<HearingDateOptions> {
    const { plan } = published(await loadPlan(this.db.manager, planId));
    if (!plan.stage1CloseDate) throw new AppError('PLAN_NOT_FOUND');
    return hearingDateOptions(plan.stage1CloseDate, await this.calendars.calendar(), this.config.procedure);
  }

  async view(planId: string): Promise<HearingView> {
    published(await loadPlan(this.db.manager, planId));
    const view = await hearingView(this.db.manager, planId);
    if (!view) throw new AppError('HEARING_NOT_SCHEDULED');
    return view;
  }

  /** The hearing as iCalendar in the requester's language (texts fall back kk→ru→en and the like). */
  async ics(planId: string, locale: Locale = this.config.defaultLocale): Promise<string> {
    const { plan, organization } = published(await loadPlan(this.db.manager, planId));
    const hearing = await this.hearings.byPlan(this.db, planId);
    if (!hearing) throw new AppError('HEARING_NOT_SCHEDULED');
    // A public download is a published calendar object (RFC 5546 PUBLISH), cancelled or not.
    return hearingIcs(this.config, plan, organization, hearing, locale, 'PUBLISH', this.clock.now());
  }

  async schedule(planId: string, user: AuthUser | undefined, dto: ScheduleHearingDto, lang: Locale = 'ru'): Promise<HearingView> {
    const startsAt = new Date(dto.startsAt);
    if (Number.isNaN(startsAt.getTime())) throw new AppError('VALIDATION_FAILED', { details: 'startsAt' });
    await this.db.transaction(async (em) => {
      const { plan, organization } = published(await loadPlan(em, planId, true));
      assertOrganizerOf(user, plan);
      const now = this.clock.now();
      if (!plan.stage1ClosesAt || !plan.stage1CloseDate || now.getTime() <= plan.stage1ClosesAt.getTime())
        throw new AppError('STAGE1_NOT_CLOSED');
      if (plan.protocolPublishedAt) throw new AppError('PROTOCOL_EXISTS');
      const existing = await this.hearings.byPlan(em, planId);
      if (existing && existing.status === 'scheduled' && existing.startsAt.getTime() <= now.getTime())
        throw new AppError('HEARING_ALREADY_HELD');
      const check = checkHearingStart(
        startsAt,
        plan.stage1CloseDate,
        organization.timeZone,
        await this.calendars.calendar(),
        this.config.procedure,
      );
      if (!check.ok) throw new AppError('HEARING_DATE_NOT_ALLOWED', { reason: check.reason });
      if (startsAt.getTime() <= now.getTime())
        throw new AppError('HEARING_DATE_NOT_ALLOWED', { reason: everyLocale((t) => t.hearings.inThePast) });

      const fields = {
        status: 'scheduled' as const,
        startsAt,
        endsAt: new Date(startsAt.getTime() + HEARING_HOURS * 3600_000),
        localDate: check.localDate,
        venue: organization.address,
        room: dto.room === undefined ? null : LocalizedText.fromInput(dto.room, lang),
        livestreamUrl: dto.livestreamUrl ?? null,
        cancelReason: null,
        reminderSweptFor: null,
      };
      const hearing = existing
        ? await this.hearings.update(em, existing.id, { ...fields, sequence: existing.sequence + 1 })
        : await this.hearings.create(em, { ...fields, planId, icalUid: `hearing-${randomUUID()}@talqylau`, sequence: 0 });
      const action = existing ? 'rescheduled' : 'scheduled';
      await this.hearings.addChange(em, {
        hearingId: hearing.id,
        action,
        sequence: hearing.sequence,
        startsAt,
        room: hearing.room,
        livestreamUrl: hearing.livestreamUrl,
        reason: null,
        authorId: user.id,
        createdAt: now,
      });
      await this.notify(em, action, plan, organization, hearing, now);
    });
    this.dispatcher.kick();
    return (await hearingView(this.db.manager, planId))!;
  }

  async cancel(planId: string, user: AuthUser | undefined, dto: CancelHearingDto): Promise<HearingView> {
    await this.db.transaction(async (em) => {
      const { plan, organization } = published(await loadPlan(em, planId, true));
      assertOrganizerOf(user, plan);
      const now = this.clock.now();
      const hearing = await this.hearings.byPlan(em, planId);
      if (!hearing || hearing.status !== 'scheduled') throw new AppError('HEARING_NOT_SCHEDULED');
      if (plan.protocolPublishedAt || hearing.startsAt.getTime() <= now.getTime()) throw new AppError('HEARING_ALREADY_HELD');
      const reason = dto.reason.trim();
      const updated = await this.hearings.update(em, hearing.id, {
        status: 'cancelled',
        cancelReason: reason,
        sequence: hearing.sequence + 1,
      });
      await this.hearings.addChange(em, {
        hearingId: hearing.id,
        action: 'cancelled',
        sequence: updated.sequence,
        startsAt: updated.startsAt,
        room: updated.room,
        livestreamUrl: updated.livestreamUrl,
        reason,
        authorId: user.id,
        createdAt: now,
      });
      await this.notify(em, 'cancelled', plan, organization, updated, now);
    });
    this.dispatcher.kick();
    return (await hearingView(this.db.manager, planId))!;
  }

  /**
   * Adds missing languages to the room and the venue of the hearing (the venue is the organizer's address
   * as it was when the hearing was scheduled, so a translation of the address does not reach it): not a change of the hearing (no new sequence, no
   * e-mail, no .ics); the history's entry for the current sequence gets them too. 409 TRANSLATION_EXISTS
   * when a language is present with another text. Allowed after the hearing, as long as it exists.
   */
  async translateHearing(planId: string, user: AuthUser | undefined, dto: HearingTranslationsDto, lang: Locale): Promise<HearingView> {
    await this.db.transaction(async (em) => {
      const { plan } = published(await loadPlan(em, planId, true));
      assertOrganizerOf(user, plan);
      const hearing = await this.hearings.byPlan(em, planId);
      if (!hearing) throw new AppError('HEARING_NOT_SCHEDULED');
      const conflicts = new Set<string>();
      const room = translationOf(hearing.room, dto.room, lang, 'room', 200, conflicts);
      const venue = translationOf(hearing.venue, dto.venue, lang, 'venue', 500, conflicts)!;
      if (conflicts.size) throw translationExists([...conflicts]);
      if (!venue.equals(hearing.venue)) await this.hearings.update(em, hearing.id, { venue });
      if (room && !room.equals(hearing.room)) {
        await this.hearings.update(em, hearing.id, { room });
        await this.hearings.translateChangeRoom(em, hearing.id, hearing.sequence, room);
      }
    });
    return (await hearingView(this.db.manager, planId))!;
  }

  /**
   * Adds missing languages to the texts of the latest protocol version in place: not a correction (no
   * new version, no e-mail). Lists by index. 409 TRANSLATION_EXISTS naming the conflicting languages.
   */
  async translateProtocol(planId: string, user: AuthUser | undefined, dto: ProtocolTranslationsDto, lang: Locale): Promise<ProtocolView> {
    await this.db.transaction(async (em) => {
      const { plan } = published(await loadPlan(em, planId, true));
      assertOrganizerOf(user, plan);
      const last = await this.hearings.latestProtocol(em, planId);
      if (!last) throw new AppError('PROTOCOL_NOT_PUBLISHED');
      const conflicts = new Set<string>();
      const present = (list: (LocalizedText | null)[]) => list.filter((x): x is LocalizedText => x !== null);
      const questionsInput = dto.questions ?? [];
      if (questionsInput.length > last.questions.length)
        throw new AppError('VALIDATION_FAILED', { details: 'questions: more items than the protocol has' });
      const fields = {
        summary: translationOf(last.summary, dto.summary, lang, 'summary', 50000, conflicts) as LocalizedText,
        speakers: translateList(present(last.speakers), dto.speakers, lang, 'speakers', 500, conflicts),
        positions: translateList(present(last.positions), dto.positions, lang, 'positions', 10000, conflicts),
        decisions: translateList(present(last.decisions), dto.decisions, lang, 'decisions', 10000, conflicts),
        questions: last.questions.map((q, i) => ({
          question: translationOf(
            q.question,
            questionsInput[i]?.question,
            lang,
            `questions[${i}].question`,
            5000,
            conflicts,
          ) as LocalizedText,
          answer: translationOf(q.answer, questionsInput[i]?.answer, lang, `questions[${i}].answer`, 10000, conflicts),
        })),
        correctionReason: translationOf(last.correctionReason, dto.correctionReason, lang, 'correctionReason', 2000, conflicts),
      };
      if (conflicts.size) throw translationExists([...conflicts]);
      await this.hearings.updateProtocol(em, last.id, fields);
    });
    return (await protocolView(this.db.manager, planId))!;
  }

  /** Stage-1 participants, followers and those signed up for the hearing. */
  private async audience(em: EntityManager, planId: string): Promise<Recipient[]> {
    return toRecipients(await this.recipients.audience(em, planId, ['follow', 'hearing_signup']), this.config.defaultLocale);
  }

  private async notify(
    em: EntityManager,
    kind: 'scheduled' | 'rescheduled' | 'cancelled',
    plan: Plan,
    organization: Organization,
    hearing: Hearing,
    now: Date,
  ): Promise<void> {
    await this.outbox.enqueue(
      em,
      hearingChangeEmails(this.config, kind, plan, organization, hearing, await this.audience(em, plan.id), now),
    );
  }

  async subscribe(
    planId: string,
    user: AuthUser,
    kind: SubscriptionKind,
    on: boolean,
  ): Promise<{ following?: boolean; signedUp?: boolean }> {
    published(await loadPlan(this.db.manager, planId));
    // Following and signing up cause e-mails: only to proven addresses. Leaving is always allowed.
    if (on && !user.emailVerified) throw new AppError('EMAIL_NOT_VERIFIED');
    if (on) await this.subscriptions.add(this.db, planId, user.id, kind, this.clock.now());
    else await this.subscriptions.remove(this.db, planId, user.id, kind);
    return kind === 'follow' ? { following: on } : { signedUp: on };
  }

  async protocol(planId: string): Promise<ProtocolView> {
    published(await loadPlan(this.db.manager, planId));
    const view = await protocolView(this.db.manager, planId);
    if (!view) throw new AppError('PROTOCOL_NOT_PUBLISHED');
    return view;
  }

  async publishProtocol(
    planId: string,
    user: AuthUser | undefined,
    dto: ProtocolDto | ProtocolCorrectionDto,
    correction: boolean,
    lang: Locale = 'ru',
  ): Promise<ProtocolView> {
    await this.db.transaction(async (em) => {
      const { plan, organization } = published(await loadPlan(em, planId, true));
      assertOrganizerOf(user, plan);
      const now = this.clock.now();
      const hearing = await this.hearings.byPlan(em, planId);
      if (!hearing || hearing.status !== 'scheduled' || hearing.startsAt.getTime() > now.getTime()) throw new AppError('HEARING_NOT_HELD');
      const last = await this.hearings.latestProtocol(em, planId);
      if (!correction && last) throw new AppError('PROTOCOL_EXISTS');
      if (correction && !last) throw new AppError('PROTOCOL_NOT_PUBLISHED');
      const version = last ? last.version + 1 : 1;
      const calendar = await this.calendars.calendar();
      const tz = organization.timeZone;
      const late = now.getTime() > protocolDueAt(hearing.localDate, tz, calendar, this.config.procedure).getTime();
      const summary = localized(dto.summary, lang);
      await this.hearings.addProtocol(em, {
        planId,
        version,
        attendeesCount: dto.attendeesCount,
        speakers: dto.speakers.map((s) => localized(s, lang)),
        positions: (dto.positions ?? []).map((s) => localized(s, lang)),
        questions: (dto.questions ?? []).map((q) => ({
          question: localized(q.question, lang),
          answer: q.answer === undefined ? null : LocalizedText.fromInput(q.answer, lang),
        })),
        summary,
        decisions: dto.decisions.map((s) => localized(s, lang)),
        authorId: user.id,
        publishedAt: now,
        late: correction ? (last?.late ?? false) : late,
        correctionReason: correction ? localized((dto as ProtocolCorrectionDto).reason, lang) : null,
      });
      if (!correction) {
        await this.plans.recordProtocol(em, planId, {
          protocolPublishedAt: now,
          reviewClosesAt: reviewClosesAt(now, tz, calendar, this.config.procedure),
        });
      }
      await this.outbox.enqueue(em, protocolEmails(this.config, plan, version, summary, await this.audience(em, planId)));
    });
    this.dispatcher.kick();
    return (await protocolView(this.db.manager, planId))!;
  }
}
