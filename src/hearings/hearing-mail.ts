import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { isLocale, Locale } from '../common/i18n/locale';
import { AppConfig } from '../config/config';
import { renderEmail, RenderedEmail } from '../notifications/email-layout';
import { OutboxAttachment } from '../notifications/outbox-message.entity';
import { Organization } from '../organizations/organization.entity';
import { Plan } from '../plans/plan.entity';
import { Hearing } from './hearing.entity';
import { buildIcs } from './ics';

export interface Recipient {
  id: string;
  email: string;
  locale: Locale;
  displayName: string;
}

function toRecipient(row: { id: string; email: string; locale: string; display_name: string }, fallback: Locale): Recipient {
  return { id: row.id, email: row.email, locale: isLocale(row.locale) ? row.locale : fallback, displayName: row.display_name };
}

/**
 * Stage-1 participants (distinct authors of stage-1 remarks) and followers of the plan;
 * with `signups`, also those signed up for the hearing. Each person once.
 */
export async function planAudience(em: EntityManager, planId: string, fallback: Locale, signups = true): Promise<Recipient[]> {
  const kinds = signups ? ['follow', 'hearing_signup'] : ['follow'];
  const rows: { id: string; email: string; locale: string; display_name: string }[] = await em.query(
    `SELECT u.id, u.email, u.locale, u.display_name FROM users u
      WHERE u.id IN (SELECT r.author_id FROM remarks r WHERE r.plan_id = $1 AND r.stage = 1
                     UNION SELECT s.user_id FROM plan_subscriptions s WHERE s.plan_id = $1 AND s.kind = ANY($2))
      ORDER BY u.id`,
    [planId, kinds],
  );
  return rows.map((r) => toRecipient(r, fallback));
}

/** The organizer's staff and the members of the overseeing council. */
export async function planOfficials(em: EntityManager, organization: Organization, fallback: Locale): Promise<Recipient[]> {
  const rows: { id: string; email: string; locale: string; display_name: string }[] = await em.query(
    `SELECT u.id, u.email, u.locale, u.display_name FROM users u
      WHERE (u.role = 'organizer' AND u.organization_id = $1) OR (u.role = 'council_member' AND u.council_id = $2)
      ORDER BY u.id`,
    [organization.id, organization.councilId],
  );
  return rows.map((r) => toRecipient(r, fallback));
}

export function formatLocal(instant: Date, tz: string): string {
  return DateTime.fromJSDate(instant, { zone: tz }).toFormat('yyyy-MM-dd HH:mm');
}

export function planUrl(config: AppConfig, planId: string): string {
  return `${config.publicUrl.replace(/\/$/, '')}/plans/${planId}`;
}

const HEARING_SUMMARY: Record<Locale, string> = {
  kk: 'Қоғамдық тыңдаулар',
  ru: 'Общественные слушания',
  en: 'Public hearing',
};

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
  const location = [hearing.venue, hearing.room].filter(Boolean).join(', ');
  const description = [plan.title, hearing.livestreamUrl ? `Livestream: ${hearing.livestreamUrl}` : null, planUrl(config, plan.id)].filter(Boolean).join('\n');
  const from = /<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom;
  return buildIcs({
    method,
    uid: hearing.icalUid,
    sequence: hearing.sequence,
    stamp,
    startsAt: hearing.startsAt,
    endsAt: hearing.endsAt,
    summary: `${HEARING_SUMMARY[locale]}: ${plan.title}`,
    location,
    description,
    url: planUrl(config, plan.id),
    organizerEmail: from,
    organizerName: organization.name,
    attendee: attendee ? { email: attendee.email, name: attendee.displayName } : undefined,
    cancelled: hearing.status === 'cancelled',
  });
}

export function icsAttachment(content: string, method: 'REQUEST' | 'CANCEL'): OutboxAttachment {
  return { filename: 'hearing.ics', contentType: `text/calendar; method=${method}; charset=utf-8`, content };
}

type HearingMailKind = 'scheduled' | 'rescheduled' | 'cancelled' | 'reminder';

const SUBJECTS: Record<HearingMailKind, Record<Locale, string>> = {
  scheduled: { kk: 'Қоғамдық тыңдаулар тағайындалды', ru: 'Назначены общественные слушания', en: 'Public hearing scheduled' },
  rescheduled: { kk: 'Қоғамдық тыңдаулар ауыстырылды', ru: 'Общественные слушания перенесены', en: 'Public hearing rescheduled' },
  cancelled: { kk: 'Қоғамдық тыңдаулар тоқтатылды', ru: 'Общественные слушания отменены', en: 'Public hearing cancelled' },
  reminder: { kk: 'Ертең қоғамдық тыңдаулар', ru: 'Напоминание об общественных слушаниях', en: 'Reminder: public hearing' },
};

const LABELS: Record<Locale, { when: string; where: string; room: string; stream: string; reason: string; open: string; hello: (n: string) => string; anyone: string }> = {
  kk: { when: 'Уақыты', where: 'Орны', room: 'Бөлме', stream: 'Тікелей трансляция', reason: 'Себебі', open: 'Жоспар позициясын ашу', hello: (n) => `Сәлеметсіз бе, ${n}!`, anyone: 'Тыңдауларға кез келген адам қатыса алады.' },
  ru: { when: 'Время', where: 'Место', room: 'Помещение', stream: 'Трансляция', reason: 'Причина', open: 'Открыть позицию плана', hello: (n) => `Здравствуйте, ${n}!`, anyone: 'Прийти на слушания может любой желающий.' },
  en: { when: 'When', where: 'Where', room: 'Room', stream: 'Livestream', reason: 'Reason', open: 'Open the plan item', hello: (n) => `Hello, ${n}!`, anyone: 'Anyone may attend the hearing.' },
};

export function hearingEmail(
  config: AppConfig,
  kind: HearingMailKind,
  plan: Plan,
  organization: Organization,
  hearing: Hearing,
  r: Recipient,
): RenderedEmail {
  const l = LABELS[r.locale];
  const tz = organization.timeZone;
  const paragraphs = [`${SUBJECTS[kind][r.locale]}: ${plan.title}`, `${l.when}: ${formatLocal(hearing.startsAt, tz)} – ${formatLocal(hearing.endsAt, tz).slice(11)} (${tz})`, `${l.where}: ${hearing.venue}`];
  if (hearing.room) paragraphs.push(`${l.room}: ${hearing.room}`);
  if (hearing.livestreamUrl) paragraphs.push(`${l.stream}: ${hearing.livestreamUrl}`);
  if (kind === 'cancelled' && hearing.cancelReason) paragraphs.push(`${l.reason}: ${hearing.cancelReason}`);
  if (kind !== 'cancelled') paragraphs.push(l.anyone);
  return renderEmail({
    locale: r.locale,
    subject: `${SUBJECTS[kind][r.locale]}: ${plan.title}`.slice(0, 250),
    greeting: l.hello(r.displayName),
    paragraphs,
    link: { label: l.open, url: planUrl(config, plan.id) },
  });
}

const PROTOCOL_SUBJECT: Record<Locale, (v: number) => string> = {
  kk: (v) => (v > 1 ? 'Тыңдаулар хаттамасы түзетілді' : 'Тыңдаулар хаттамасы жарияланды'),
  ru: (v) => (v > 1 ? 'Протокол слушаний исправлен' : 'Опубликован протокол слушаний'),
  en: (v) => (v > 1 ? 'Hearing protocol corrected' : 'Hearing protocol published'),
};

export function protocolEmail(config: AppConfig, plan: Plan, version: number, summary: string, r: Recipient): RenderedEmail {
  const l = LABELS[r.locale];
  const subject = `${PROTOCOL_SUBJECT[r.locale](version)}: ${plan.title}`.slice(0, 250);
  return renderEmail({ locale: r.locale, subject, greeting: l.hello(r.displayName), paragraphs: [subject], quotes: [{ heading: '—', text: summary }], link: { label: l.open, url: planUrl(config, plan.id) } });
}

const OVERDUE: Record<Locale, (deadline: string) => string> = {
  kk: (d) => `Қоғамдық тыңдаулар белгіленген мерзімде (${d}) өткізілмеді; жоспар позициясы мерзімі өткен деп белгіленді.`,
  ru: (d) => `Общественные слушания не проведены в срок (до ${d}); позиция плана отмечена как просроченная.`,
  en: (d) => `No public hearing was held by the deadline (${d}); the plan item is now publicly marked overdue.`,
};
const OVERDUE_SUBJECT: Record<Locale, string> = { kk: 'Тыңдаулар мерзімі өтті', ru: 'Срок проведения слушаний истёк', en: 'Hearing overdue' };

export function overdueEmail(config: AppConfig, plan: Plan, r: Recipient): RenderedEmail {
  const l = LABELS[r.locale];
  return renderEmail({
    locale: r.locale,
    subject: `${OVERDUE_SUBJECT[r.locale]}: ${plan.title}`.slice(0, 250),
    greeting: l.hello(r.displayName),
    paragraphs: [OVERDUE[r.locale](plan.hearingDeadlineDate ?? '')],
    link: { label: l.open, url: planUrl(config, plan.id) },
  });
}
