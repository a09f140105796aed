import { texts } from '../common/i18n/catalogue';
import type { Locale } from '../common/i18n/locale';
import { isLocale } from '../common/i18n/locale';
import type { LocalizedText } from '../common/i18n/localized-text';
import type { AppConfig } from '../config/config';
import { hearingOverdueEmail } from '../notifications/emails/hearing-overdue.email';
import { hearingProtocolEmail } from '../notifications/emails/hearing-protocol.email';
import { hearingEmail } from '../notifications/emails/hearing.email';
import { renderTemplate } from '../notifications/emails/render';
import type { OutboxAttachment } from '../notifications/outbox-message.entity';
import type { NewEmail } from '../notifications/outbox.service';
import type { Organization } from '../organizations/organization.entity';
import type { RecipientRow } from '../plans/plan-recipients.repository';
import type { Plan } from '../plans/plan.entity';
import type { Hearing } from './hearing.entity';
import type { IcsEvent } from './ics';
import { buildIcs } from './ics';

export interface Recipient {
  id: string;
  email: string;
  locale: Locale;
  displayName: string;
}

/** People to e-mail, each in their language (`fallback` when theirs is unknown). */
export function toRecipients(rows: RecipientRow[], fallback: Locale): Recipient[] {
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    locale: isLocale(row.locale) ? row.locale : fallback,
    displayName: row.display_name,
  }));
}

function planUrl(config: AppConfig, planId: string): string {
  return `${config.publicUrl.replace(/\/$/, '')}/plans/${planId}`;
}

/**
 * The hearing as one calendar event with every text in the reader's language (a missing version falls
 * back): a calendar has one language. Shared by the e-mailed invitations, the per-hearing download and
 * the calendar feed of every upcoming hearing.
 */
export function hearingEvent(
  config: AppConfig,
  plan: Plan,
  organization: Organization,
  hearing: Hearing,
  locale: Locale,
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH',
  stamp: Date,
  attendee?: Recipient,
): IcsEvent {
  const location = [hearing.venue.text(locale), hearing.room?.text(locale)].filter(Boolean).join(', ');
  const description = [
    plan.title.text(locale),
    hearing.livestreamUrl ? `${texts(locale).hearings.email.stream}: ${hearing.livestreamUrl}` : null,
    planUrl(config, plan.id),
  ]
    .filter(Boolean)
    .join('\n');
  const from = /<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom;
  return {
    method,
    uid: hearing.icalUid,
    sequence: hearing.sequence,
    stamp,
    startsAt: hearing.startsAt,
    endsAt: hearing.endsAt,
    summary: `${texts(locale).hearings.icsSummary}: ${plan.title.text(locale)}`,
    location,
    description,
    url: planUrl(config, plan.id),
    organizerEmail: from,
    organizerName: organization.name.text(locale),
    attendee: attendee ? { email: attendee.email, name: attendee.displayName } : undefined,
    cancelled: hearing.status === 'cancelled',
  };
}

export function hearingIcs(
  config: AppConfig,
  plan: Plan,
  organization: Organization,
  hearing: Hearing,
  locale: Locale,
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH',
  stamp: Date,
  attendee?: Recipient,
): string {
  return buildIcs(hearingEvent(config, plan, organization, hearing, locale, method, stamp, attendee));
}

function icsAttachment(content: string, method: 'REQUEST' | 'CANCEL'): OutboxAttachment {
  return { filename: 'hearing.ics', contentType: `text/calendar; method=${method}; charset=utf-8`, content };
}

type HearingMailKind = 'scheduled' | 'rescheduled' | 'cancelled' | 'reminder';

function hearingMessage(config: AppConfig, kind: HearingMailKind, plan: Plan, organization: Organization, hearing: Hearing, r: Recipient) {
  return renderTemplate(hearingEmail, r.locale, {
    kind,
    displayName: r.displayName,
    planTitle: plan.title,
    startsAt: hearing.startsAt,
    endsAt: hearing.endsAt,
    timeZone: organization.timeZone,
    venue: hearing.venue,
    room: hearing.room,
    livestreamUrl: hearing.livestreamUrl,
    cancelReason: hearing.cancelReason,
    url: planUrl(config, plan.id),
  });
}

/** A scheduling, rescheduling or cancellation, each with the event as an iTIP .ics for the recipient. */
export function hearingChangeEmails(
  config: AppConfig,
  kind: 'scheduled' | 'rescheduled' | 'cancelled',
  plan: Plan,
  organization: Organization,
  hearing: Hearing,
  recipients: Recipient[],
  now: Date,
): NewEmail[] {
  const method = kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
  return recipients.map((r) => ({
    ...hearingMessage(config, kind, plan, organization, hearing, r),
    dedupeKey: `hearing:${hearing.id}:${hearing.sequence}:${r.id}`,
    kind: `hearing_${kind}` as const,
    recipient: r.email,
    locale: r.locale,
    unsubscribe: { userId: r.id, planId: plan.id },
    attachments: [icsAttachment(hearingIcs(config, plan, organization, hearing, r.locale, method, now, r), method)],
  }));
}

/** The reminder the working day before, once per start time. */
export function reminderEmails(
  config: AppConfig,
  plan: Plan,
  organization: Organization,
  hearing: Hearing,
  recipients: Recipient[],
): NewEmail[] {
  return recipients.map((r) => ({
    ...hearingMessage(config, 'reminder', plan, organization, hearing, r),
    dedupeKey: `hearing-reminder:${hearing.id}:${hearing.startsAt.toISOString()}:${r.id}`,
    kind: 'hearing_reminder',
    recipient: r.email,
    locale: r.locale,
    unsubscribe: { userId: r.id, planId: plan.id },
  }));
}

export function protocolEmails(
  config: AppConfig,
  plan: Plan,
  version: number,
  summary: LocalizedText,
  recipients: Recipient[],
): NewEmail[] {
  return recipients.map((r) => ({
    ...renderTemplate(hearingProtocolEmail, r.locale, {
      displayName: r.displayName,
      planTitle: plan.title,
      version,
      summary,
      url: planUrl(config, plan.id),
    }),
    dedupeKey: `protocol:${plan.id}:${version}:${r.id}`,
    kind: version > 1 ? 'protocol_corrected' : 'protocol_published',
    recipient: r.email,
    locale: r.locale,
    unsubscribe: { userId: r.id, planId: plan.id },
  }));
}

export function overdueEmails(config: AppConfig, plan: Plan, recipients: Recipient[]): NewEmail[] {
  return recipients.map((r) => ({
    ...renderTemplate(hearingOverdueEmail, r.locale, {
      displayName: r.displayName,
      planTitle: plan.title,
      deadline: plan.hearingDeadlineDate ?? '',
      url: planUrl(config, plan.id),
    }),
    dedupeKey: `hearing-overdue:${plan.id}:${r.id}`,
    kind: 'hearing_overdue',
    recipient: r.email,
    locale: r.locale,
  }));
}
