import { texts } from '../common/i18n/catalogue';
import { interpolate } from '../common/i18n/locale';
import { feedLinks } from '../open-data/feeds/feed-links';
import { endOfLocalDay } from '../procedure/deadlines';
import { remarkWindow } from '../remarks/remark-window';
import { daysLeft, formatDate, formatDateTime, formatTenge, timeTag, zoneLabel } from './format';
import type { HtmlValue, SafeHtml } from './html';
import { html, htmlMessage } from './html';
import type { PageContext } from './layout';
import { layout } from './layout';
import { localizedBlock, localizedPlain } from './localized';
import type { CommitmentsData } from './plan-commitments';
import { commitmentsSection } from './plan-commitments';
import type { OpenWindow, PlanFormState } from './plan-remarks';
import { remarksSection } from './plan-remarks';
import type { ProcedureDetails } from './plan-sections';
import { procedureSections } from './plan-sections';
import type { KeysetPage } from './keyset-page';
import type { EarlierAnswerRow, HiddenCountRow, PlanDetailRow, RemarkModerationRow, RemarkRow } from './public-pages.repository';

export type { PlanFormState } from './plan-remarks';

interface TimelineEntry {
  label: string;
  when: string;
  at: Date | null;
  /** The machine-readable `datetime` of the entry's <time>: an instant, or a calendar date. */
  datetime: string;
}

/** `reviewClosedAt`: when the council's conclusion was published (the chair may close before the deadline). */
function timeline(ctx: PageContext, p: PlanDetailRow, reviewClosedAt: string | Date | null): TimelineEntry[] {
  const { t, locale } = ctx;
  const tz = p.time_zone;
  const dt = (d: Date) => formatDateTime(d, tz, locale);
  const instant = (label: string, d: Date): TimelineEntry => ({ label, when: dt(d), at: d, datetime: d.toISOString() });
  const out: TimelineEntry[] = [instant(t.tlPublished, p.published_at)];
  if (p.stage1_closes_at) out.push(instant(t.tlStage1Close, p.stage1_closes_at));
  if (p.hearing_deadline_date)
    out.push({
      label: t.tlHearingDeadline,
      when: formatDate(p.hearing_deadline_date, locale),
      at: endOfLocalDay(p.hearing_deadline_date, tz),
      datetime: p.hearing_deadline_date,
    });
  if (p.hearing_status === 'scheduled' && p.hearing_starts_at) out.push(instant(t.tlHearing, p.hearing_starts_at));
  if (p.hearing_overdue_at) out.push(instant(t.tlOverdue, p.hearing_overdue_at));
  if (p.protocol_published_at) out.push(instant(t.tlProtocol, p.protocol_published_at));
  const reviewEnd = reviewClosedAt ? new Date(reviewClosedAt) : p.review_closes_at;
  if (reviewEnd) out.push(instant(t.tlReview, reviewEnd));
  if (p.notice_published_at) out.push(instant(t.tlNotice, p.notice_published_at));
  if (p.stage2_opens_at && (!p.notice_published_at || p.stage2_opens_at.getTime() !== p.notice_published_at.getTime())) {
    out.push(instant(t.tlStage2Open, p.stage2_opens_at));
  }
  if (p.stage2_closes_at) out.push(instant(t.tlStage2Close, p.stage2_closes_at));
  if (p.outcome_published_at) out.push(instant(t.tlOutcome, p.outcome_published_at));
  return out;
}

export interface PlanData {
  now: Date;
  plan: PlanDetailRow;
  remarks: KeysetPage<RemarkRow>;
  /** The page's own path, for the "more" link. */
  path: string;
  form?: PlanFormState;
  /** Protocol, council review, notice and outcome (absent parts are null). */
  procedure?: ProcedureDetails;
  /** Parts rendered by feature folders (src/web/citizen: following the plan, hearing sign-up). */
  slots?: PlanSlots;
  /** Accepted remarks kept in the documentation, with the author's verdict form (after the notice). */
  commitments?: CommitmentsData;
  /** The end of the verdict window of the reader's own answered remarks on this page, while open. */
  verdictWindows?: ReadonlyMap<string, Date>;
  /** Earlier versions of the corrected answers on this page (by remark id), newest first. */
  answerHistory?: ReadonlyMap<string, EarlierAnswerRow[]>;
  /** The end of the appeal window of the reader's own hidden remarks on this page, while open. */
  appealWindows?: ReadonlyMap<string, Date>;
  /** The plan's hidden remarks by reason (public). */
  hiddenCounts?: HiddenCountRow[];
  /** The moderation state (hiding's note, appeal) of the reader's own remarks on this page (and of hidden ones for moderators). */
  remarkModeration?: ReadonlyMap<string, RemarkModerationRow>;
  /** When the reader reported remarks of this page (by remark id). */
  reported?: ReadonlyMap<string, Date>;
}

/** Where feature folders add to the plan page; each part brings its own headings at level 2 or below. */
export interface PlanSlots {
  /** After the information about the procurement, before the deadlines. */
  afterDescription?: HtmlValue;
  /** At the end of the hearing section (only when a hearing exists). */
  hearing?: HtmlValue;
}

/** The stage that accepts remarks now, by the API's rule (remarkWindow), and until when. */
function openWindow(p: PlanDetailRow, now: Date): OpenWindow | null {
  const plan = {
    publishedAt: p.published_at,
    stage1ClosesAt: p.stage1_closes_at,
    stage2OpensAt: p.stage2_opens_at,
    stage2ClosesAt: p.stage2_closes_at,
    outcomePublishedAt: p.outcome_published_at,
  };
  const window = remarkWindow(plan, now, p.time_zone);
  if (!window.open) return null;
  const closesAt = window.stage === 2 ? p.stage2_closes_at : p.stage1_closes_at;
  return closesAt ? { stage: window.stage, closesAt } : null;
}

function factsSection(ctx: PageContext, p: PlanDetailRow, open: OpenWindow | null, now: Date): SafeHtml {
  const { t, locale } = ctx;
  const tz = p.time_zone;
  const left = open ? daysLeft(now, open.closesAt, tz) : 0;
  return html`${
    open
      ? html`<p><span class="badge stage">${interpolate(t.stageOpenNow, { n: open.stage })}</span>
      ${htmlMessage(t.closesAt, { time: timeTag(open.closesAt, tz, locale) })}
      <span class="badge days">${left === 0 ? t.lastDay : interpolate(t.daysLeft, { n: left })}</span></p>`
      : ''
  }
<dl class="facts">
  <dt>${t.organizer}</dt>${localizedBlock(p.organization_name, locale, 'dd')}
  <dt>${t.amount}</dt><dd>${formatTenge(p.amount, locale)}</dd>
  <dt>${t.method}</dt><dd>${t.methods[p.method] ?? p.method}</dd>
  <dt>${t.subjectCode}</dt><dd>${p.subject_code}</dd>
  ${p.plan_point_number ? html`<dt>${texts(locale).planImport.columns.planPointNumber}</dt><dd>${p.plan_point_number}</dd>` : ''}
  ${p.planned_quarter ? html`<dt>${t.plannedQuarter}</dt><dd>${p.planned_quarter}</dd>` : ''}
  ${p.delivery_place ? html`<dt>${t.deliveryPlace}</dt>${localizedBlock(p.delivery_place, locale, 'dd')}` : ''}
</dl>
<h2>${t.description}</h2>
${localizedBlock(p.description, locale, 'p', 'description')}`;
}

function hearingSection(ctx: PageContext, p: PlanDetailRow, slot: HtmlValue): SafeHtml {
  const { t, locale } = ctx;
  if (!p.hearing_status) return html``;
  return html`<h2 id="hearing">${t.hearing}</h2>
    ${
      p.hearing_status === 'cancelled'
        ? html`<p>${interpolate(t.hearingCancelled, { reason: p.hearing_cancel_reason ?? '' })}</p>`
        : html`<dl class="facts">
          <dt>${t.tlHearing}</dt><dd>${p.hearing_starts_at ? timeTag(p.hearing_starts_at, p.time_zone, locale) : ''}</dd>
          <dt>${t.venue}</dt>${p.hearing_venue ? localizedBlock(p.hearing_venue, locale, 'dd') : html`<dd></dd>`}
          ${p.hearing_room ? html`<dt>${t.room}</dt>${localizedBlock(p.hearing_room, locale, 'dd')}` : ''}
          ${
            p.hearing_livestream_url && /^https?:\/\//i.test(p.hearing_livestream_url)
              ? html`<dt>${t.livestream}</dt><dd><a href="${p.hearing_livestream_url}" rel="noopener noreferrer">${p.hearing_livestream_url}</a></dd>`
              : ''
          }
        </dl>
        <p>${t.hearingOpen}</p>
        <p><a class="button" href="/api/v1/plans/${p.id}/hearing.ics" download>${t.addToCalendar}</a></p>`
    }
    ${slot ?? ''}`;
}

export function planPage(ctx: PageContext, data: PlanData): SafeHtml {
  const { t, locale } = ctx;
  const p = data.plan;
  const tz = p.time_zone;
  const open = openWindow(p, data.now);
  const body = html`
<p class="meta"><a href="/">${t.home}</a></p>
${localizedBlock(p.title, locale, 'h1')}
${factsSection(ctx, p, open, data.now)}

${data.slots?.afterDescription ?? ''}

<h2 id="timeline">${t.timeline}</h2>
<p class="meta">${interpolate(t.localTime, { tz: zoneLabel(tz, p.published_at) })}</p>
<ol class="timeline">
  ${timeline(ctx, p, data.procedure?.review?.conclusion?.closedAt ?? null).map((e) => html`<li class="${e.at && e.at.getTime() > data.now.getTime() ? 'future' : 'past'}"><strong>${e.label}</strong><time datetime="${e.datetime}">${e.when}</time></li>`)}
</ol>

${hearingSection(ctx, p, data.slots?.hearing)}

${data.procedure ? procedureSections(ctx, data.procedure, tz, p.id, data.now) : ''}

${data.commitments ? commitmentsSection(ctx, data.commitments) : ''}

${remarksSection(ctx, { plan: p, remarks: data.remarks, path: data.path, form: data.form ?? {}, open, verdictWindows: data.verdictWindows, answerHistory: data.answerHistory, appealWindows: data.appealWindows, hiddenCounts: data.hiddenCounts, remarkModeration: data.remarkModeration, reported: data.reported })}`;
  const feeds = feedLinks({ organizationId: p.organization_id, locale }, p.organization_name.text(locale));
  const description = interpolate(t.meta.plan, {
    title: localizedPlain(p.title, locale),
    organization: localizedPlain(p.organization_name, locale),
  });
  return layout(ctx, { title: localizedPlain(p.title, locale), description, body, alternates: feeds });
}
