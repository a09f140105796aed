import { texts } from '../../common/i18n/catalogue';
import { interpolate } from '../../common/i18n/locale';
import type { DecisionView, ModerationHistory, QueueItem } from '../../moderation/moderation.types';
import type { HiddenState, RemarkText } from '../../remarks/remark-moderation';
import { HIDE_REASONS, REPORT_REASONS } from '../../remarks/remark-moderation';
import { remarkBody } from '../answer-fields';
import { resendForm } from '../citizen/account.pages';
import { csrfField } from '../forms/csrf';
import { flash, formAlert, radioGroup, selectField, textArea } from '../forms/fields';
import type { FormState } from '../forms/form';
import { firstError } from '../forms/form';
import { formatDateTime, timeTag } from '../format';
import type { SafeHtml } from '../html';
import { html, htmlMessage } from '../html';
import type { PageContext } from '../layout';
import { layout } from '../layout';
import { localizedInline } from '../localized';
import type { RemarkContextRow } from './moderation-pages.repository';

export const TEXT_MAX = 2000;

export const DECISION_FIELDS = ['action', 'reason', 'note'] as const;
export type DecisionField = (typeof DECISION_FIELDS)[number];

export const REPORT_FIELDS = ['reason', 'text'] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

export const APPEAL_FIELDS = ['text'] as const;
export type AppealField = (typeof APPEAL_FIELDS)[number];

function m(ctx: PageContext) {
  return texts(ctx.locale).pages.moderation;
}

function reasonName(ctx: PageContext, reason: string): string {
  return texts(ctx.locale).moderation.reasons[reason] ?? reason;
}

function time(ctx: PageContext, at: Date | string, tz: string): SafeHtml {
  return timeTag(at, tz, ctx.locale);
}

/** "Hidden since …: reason." or "Public." for moderators. */
function stateLine(ctx: PageContext, hidden: HiddenState | null, tz: string): SafeHtml {
  const s = m(ctx);
  return hidden
    ? html`<p class="notice-error hidden-state">${htmlMessage(s.hiddenNow, { time: timeTag(hidden.at, tz, ctx.locale), reason: reasonName(ctx, hidden.reason) })}</p>`
    : html`<p class="meta hidden-state">${s.publicNow}</p>`;
}

function planLink(ctx: PageContext, planId: string, title: RemarkContextRow['plan_title'], remarkId: string): SafeHtml {
  return html`<p class="meta">${m(ctx).plan}: <a href="/plans/${planId}#remark-${remarkId}">${localizedInline(title, ctx.locale)}</a></p>`;
}

// --- the queue

export interface QueueData {
  items: QueueItem[];
  zones: Map<string, string>;
  nextCursor: string | null;
  laterPage: boolean;
}

function queueEntry(ctx: PageContext, item: QueueItem, tz: string, n: number): SafeHtml {
  const s = m(ctx);
  const r = item.remark;
  const headingId = `queue-item-${n}`;
  const appeal = item.appeal;
  return html`<li class="remark queue-item" id="queue-${item.remarkId}">
  <article aria-labelledby="${headingId}">
  <h2 id="${headingId}"><span class="badge">${item.kind === 'appeal' ? s.kindAppeal : s.kindReports}</span> ${htmlMessage(s.since, { time: timeTag(item.since, tz, ctx.locale) })}</h2>
  ${planLink(ctx, item.plan.id, item.plan.title, item.remarkId)}
  <p class="meta"><span class="badge stage">${r.stage === 2 ? ctx.t.stage2 : ctx.t.stage1}</span> ${s.author}: ${r.authorName} · ${htmlMessage(s.postedOn, { time: timeTag(r.createdAt, tz, ctx.locale) })}</p>
  ${stateLine(ctx, r.hidden, tz)}
  ${remarkBody(ctx, r.body, r.language)}
  ${
    item.reports.length > 0
      ? html`<h3>${interpolate(s.reportsHeading, { n: item.reports.length })}</h3>
  <ul class="reports">${item.reports.map(
    (rep) =>
      html`<li>${time(ctx, rep.createdAt, tz)}: <strong>${reasonName(ctx, rep.reason)}</strong>. ${rep.text ? html`<q>${rep.text}</q>` : html`<span class="meta">${s.noWords}</span>`}</li>`,
  )}</ul>`
      : ''
  }
  ${
    appeal
      ? html`<h3>${s.appealHeading}</h3>
  <p class="meta">${time(ctx, appeal.createdAt, tz)}</p>
  <blockquote class="appeal-text"><p>${appeal.text}</p></blockquote>
  <p>${htmlMessage(s.appealedDecision, {
    name: appeal.hideDecision.moderatorName,
    time: timeTag(appeal.hideDecision.at, tz, ctx.locale),
    reason: reasonName(ctx, appeal.hideDecision.reason),
  })}</p>
  ${appeal.hideDecision.note ? html`<p><strong>${s.moderatorNote}:</strong> ${appeal.hideDecision.note}</p>` : ''}`
      : ''
  }
  ${
    appeal && appeal.hideDecision.moderatorId === ctx.user?.id
      ? html`<p class="notice-info own-decision">${s.ownDecisionAppeal} <a href="/moderation/remarks/${item.remarkId}">${s.openRemark}</a></p>`
      : html`<p class="more"><a class="button" href="/moderation/remarks/${item.remarkId}" aria-label="${interpolate(s.decideLinkLabel, { author: r.authorName, time: formatDateTime(r.createdAt, tz, ctx.locale) })}">${s.decideLink}</a></p>`
  }
  </article>
</li>`;
}

/** The moderators' queue: reported remarks and pending appeals, oldest first, with the remark and the plan in context. */
export function queuePage(ctx: PageContext, d: QueueData): SafeHtml {
  const s = m(ctx);
  const body = html`<h1>${s.queueTitle}</h1>
<p>${s.queueIntro}</p>
${
  d.items.length === 0
    ? html`<p class="notice-info" id="queue-empty">${s.queueEmpty}</p>`
    : html`<ol class="remarks queue">${d.items.map((item, i) => queueEntry(ctx, item, d.zones.get(item.plan.id) ?? 'Asia/Almaty', i + 1))}</ol>`
}
${d.nextCursor ? html`<p class="more"><a class="button" href="/moderation?cursor=${encodeURIComponent(d.nextCursor)}">${s.nextPage}</a></p>` : ''}
${d.laterPage ? html`<p><a href="/moderation">${s.firstPage}</a></p>` : ''}`;
  return layout(ctx, { title: s.queueTitle, body });
}

// --- the decision page

/** A decision as a finished action: "Hidden on … by …; reason: …", "Kept public …", "Restored (on appeal) …", "Kept hidden on appeal …". */
function decisionLine(ctx: PageContext, d: DecisionView, hiddenBefore: boolean, tz: string): SafeHtml {
  const s = m(ctx);
  const template =
    d.action === 'hide'
      ? d.appeal
        ? s.decisionUphold
        : s.decisionHide
      : d.appeal
        ? s.decisionRestoreOnAppeal
        : hiddenBefore
          ? s.decisionRestore
          : s.decisionKeep;
  const line = htmlMessage(template, { time: timeTag(d.at, tz, ctx.locale), who: d.moderatorName ?? s.someModerator });
  return html`<li><strong>${line}</strong>${d.reason ? html`; ${interpolate(s.decisionReason, { reason: reasonName(ctx, d.reason) })}` : ''}${d.note ? html`<br><span class="meta">${s.moderatorNote}:</span> ${d.note}` : ''}</li>`;
}

/** Each decision with whether the remark was hidden before it (oldest first). */
function decisionLines(ctx: PageContext, decisions: DecisionView[], tz: string): SafeHtml[] {
  let hidden = false;
  return decisions.map((d) => {
    const line = decisionLine(ctx, d, hidden, tz);
    hidden = d.action === 'hide';
    return line;
  });
}

/** The remark's decisions, reports and appeals. */
function historySection(ctx: PageContext, h: ModerationHistory, tz: string): SafeHtml {
  const s = m(ctx);
  return html`<section aria-labelledby="history">
<h2 id="history">${s.historyHeading}</h2>
<h3>${s.decisionsHeading}</h3>
${h.decisions.length === 0 ? html`<p>${s.noDecisions}</p>` : html`<ol class="history decisions">${decisionLines(ctx, h.decisions, tz)}</ol>`}
<h3>${s.reportsHistoryHeading}</h3>
${
  h.reports.length === 0
    ? html`<p>${s.noReports}</p>`
    : html`<ul class="history reports">${h.reports.map(
        (r) =>
          html`<li>${htmlMessage(s.reportLine, { time: timeTag(r.createdAt, tz, ctx.locale), reason: reasonName(ctx, r.reason) })} (${r.open ? s.reportOpen : s.reportClosed})${r.text ? html`: <q>${r.text}</q>` : ''}</li>`,
      )}</ul>`
}
<h3>${s.appealsHeading}</h3>
${
  h.appeals.length === 0
    ? html`<p>${s.noAppeals}</p>`
    : html`<ul class="history appeals">${h.appeals.map(
        (a) =>
          html`<li>${htmlMessage(s.appealLine, { time: timeTag(a.createdAt, tz, ctx.locale), state: a.decided ? s.appealDecided : s.appealPending })}<blockquote class="appeal-text"><p>${a.text}</p></blockquote></li>`,
      )}</ul>`
}
</section>`;
}

export interface DecisionPageData {
  history: ModerationHistory;
  context: RemarkContextRow;
  state: FormState<DecisionField>;
  /** ?done=hidden|kept|restored|upheld (the last two: an appeal decided) */
  done: DecisionDone | null;
}

export const DECISION_DONE = ['hidden', 'kept', 'restored', 'upheld'] as const;
export type DecisionDone = (typeof DECISION_DONE)[number];

/** The confirmation of a decision; on an appeal, the appeal's outcome (and the answer's new deadline). */
function doneText(ctx: PageContext, d: DecisionPageData): string | SafeHtml | null {
  const s = m(ctx);
  const r = d.history.remark;
  switch (d.done) {
    case 'hidden':
      return s.decidedHidden;
    case 'kept':
      return s.decidedKept;
    case 'restored':
      // restored, the remark is visible and so has its deadline again
      return r.answered || r.answerDueAt === null
        ? s.decidedRestoredOnAppealAnswered
        : htmlMessage(s.decidedRestoredOnAppeal, { time: timeTag(r.answerDueAt, d.context.time_zone, ctx.locale) });
    case 'upheld':
      return s.decidedUpheld;
    default:
      return null;
  }
}

/** The remark in context, its whole history and the decision form (or why this moderator cannot decide). */
export function decisionPage(ctx: PageContext, d: DecisionPageData): SafeHtml {
  const s = m(ctx);
  const h = d.history;
  const r = h.remark;
  const tz = d.context.time_zone;
  const { values: v, errors: e } = d.state;
  const focus = firstError(e, DECISION_FIELDS);
  const pendingAppeal = h.appeals.some((a) => !a.decided);
  const hiddenNow = r.hidden !== null;
  const reasons = texts(ctx.locale).moderation.reasons;
  // A hidden remark without a pending appeal can only be restored (hiding it again is ALREADY_HIDDEN);
  // deciding an appeal, "uphold" starts with the reason of the decision under appeal.
  const restoreOnly = hiddenNow && !pendingAppeal;
  const appealed = pendingAppeal ? ([...h.decisions].reverse().find((x) => x.action === 'hide') ?? null) : null;
  const reasonValue = v.reason || (appealed?.reason ?? '');
  const form = h.canDecide
    ? html`${pendingAppeal ? html`<p class="notice-info">${s.appealUnderDecision}</p>` : ''}
${formAlert(d.state.formError ?? (focus ? ctx.t.formErrors : null))}
<form class="form" method="post" action="/moderation/remarks/${r.id}" novalidate>
  ${csrfField(ctx.csrf)}
  ${radioGroup({
    id: 'decision-action',
    name: 'action',
    legend: s.actionLegend,
    value: restoreOnly ? 'keep' : v.action,
    choices: restoreOnly
      ? [['keep', s.actionRestore]]
      : [
          ['hide', hiddenNow ? s.actionHideUphold : s.actionHide],
          ['keep', hiddenNow ? s.actionRestore : s.actionKeep],
        ],
    error: e.action,
    required: true,
    focus: focus === 'action',
  })}
  ${
    restoreOnly
      ? ''
      : selectField({
          id: 'decision-reason',
          name: 'reason',
          label: s.reasonLabel,
          hint: s.reasonHint,
          value: reasonValue,
          placeholder: s.reasonPlaceholder,
          choices: HIDE_REASONS.map((reason) => [reason, reasons[reason]] as const),
          error: e.reason,
          focus: focus === 'reason',
        })
  }
  ${textArea({ id: 'decision-note', name: 'note', label: s.noteLabel, hint: s.noteHint, value: v.note, error: e.note, maxlength: TEXT_MAX, rows: 4, focus: focus === 'note' })}
  <div><button type="submit">${s.decideButton}</button></div>
</form>`
    : html`${formAlert(d.state.formError)}<p class="notice-info" id="cannot-decide">${s.cannotDecide}</p>`;
  const body = html`<h1>${s.remarkTitle}</h1>
${flash(doneText(ctx, d))}
<p><a href="/moderation">${s.backToQueue}</a></p>
<section class="remark" aria-labelledby="the-remark">
  <h2 id="the-remark">${s.remarkHeading}</h2>
  ${planLink(ctx, r.planId, r.planTitle, r.id)}
  <p class="meta"><span class="badge stage">${r.stage === 2 ? ctx.t.stage2 : ctx.t.stage1}</span> ${s.author}: ${r.authorName} · ${htmlMessage(s.postedOn, { time: timeTag(r.createdAt, tz, ctx.locale) })} · ${r.answered ? s.answered : s.notAnswered}</p>
  ${stateLine(ctx, r.hidden, tz)}
  ${remarkBody(ctx, r.body, d.context.language)}
</section>
${historySection(ctx, h, tz)}
<section aria-labelledby="decide">
<h2 id="decide">${s.decideHeading}</h2>
${form}
</section>`;
  return layout(ctx, { title: s.remarkTitle, body });
}

// --- the report form

export interface ReportPageData {
  context: RemarkContextRow;
  /** The remark's text as this reader may read it (remarkTextFor). */
  text: RemarkText;
  /** Why the form is not offered: the reader's own remark, a hidden one, an unconfirmed address. */
  blocked: 'own' | 'hidden' | 'unverified' | null;
  /** When the reader already reported the remark (the form is not offered again). */
  reportedAt: Date | null;
  state: FormState<ReportField>;
}

/** The remark as the reader may read it, with its plan, author and date. */
function remarkInContext(ctx: PageContext, c: RemarkContextRow, text: RemarkText): SafeHtml {
  const s = m(ctx);
  const hidden = text.hidden;
  return html`<section class="remark" aria-labelledby="the-remark">
  <h2 id="the-remark">${s.remarkHeading}</h2>
  ${planLink(ctx, c.plan_id, c.plan_title, c.id)}
  <p class="meta"><span class="badge stage">${c.stage === 2 ? ctx.t.stage2 : ctx.t.stage1}</span> ${s.author}: ${c.author_name} · ${htmlMessage(s.postedOn, { time: timeTag(c.created_at, c.time_zone, ctx.locale) })}</p>
  ${
    hidden
      ? html`<p class="hidden-state">${htmlMessage(texts(ctx.locale).moderation.hidden, { at: timeTag(hidden.at, c.time_zone, ctx.locale), reason: reasonName(ctx, hidden.reason) })}</p>`
      : ''
  }
  ${text.body !== null ? remarkBody(ctx, text.body, c.language) : ''}
</section>`;
}

export function reportPage(ctx: PageContext, d: ReportPageData): SafeHtml {
  const s = m(ctx);
  const c = d.context;
  const { values: v, errors: e } = d.state;
  const focus = firstError(e, REPORT_FIELDS);
  const reasons = texts(ctx.locale).moderation.reasons;
  let action: SafeHtml;
  if (d.blocked === 'own') action = html`${formAlert(d.state.formError)}<p class="notice-info" id="report-blocked">${s.reportOwn}</p>`;
  else if (d.blocked === 'hidden')
    action = html`${formAlert(d.state.formError)}<p class="notice-info" id="report-blocked">${s.reportHidden}</p>`;
  else if (d.reportedAt)
    action = html`${formAlert(d.state.formError)}<p class="notice-info" id="report-blocked">${htmlMessage(s.reportAlready, { time: timeTag(d.reportedAt, c.time_zone, ctx.locale) })}</p>`;
  else if (d.blocked === 'unverified')
    action = html`${formAlert(d.state.formError)}<p class="notice-error" id="report-blocked">${s.reportVerifyFirst}</p>${resendForm(ctx)}`;
  else
    action = html`${formAlert(d.state.formError ?? (focus ? ctx.t.formErrors : null))}
<form class="form" method="post" action="/remarks/${c.id}/report" novalidate>
  ${csrfField(ctx.csrf)}
  ${radioGroup({
    id: 'report-reason',
    name: 'reason',
    legend: s.reportReasonLegend,
    value: v.reason,
    choices: REPORT_REASONS.map((reason) => [reason, reasons[reason]] as const),
    error: e.reason,
    required: true,
    focus: focus === 'reason',
  })}
  ${textArea({ id: 'report-text', name: 'text', label: s.reportWords, hint: s.reportWordsHint, value: v.text, error: e.text, maxlength: TEXT_MAX, rows: 4, focus: focus === 'text' })}
  <div><button type="submit">${s.reportButton}</button></div>
</form>`;
  const body = html`<h1>${s.reportTitle}</h1>
<p>${s.reportIntro}</p>
${remarkInContext(ctx, c, d.text)}
${action}
<p class="more"><a href="/plans/${c.plan_id}#remark-${c.id}">${s.backToPlan}</a></p>`;
  return layout(ctx, { title: s.reportTitle, body });
}

// --- the appeal form

export interface AppealPageData {
  context: RemarkContextRow;
  history: ModerationHistory;
  state: FormState<AppealField>;
  sent: boolean;
}

export function appealPage(ctx: PageContext, d: AppealPageData): SafeHtml {
  const s = m(ctx);
  const c = d.context;
  const h = d.history;
  const tz = c.time_zone;
  const hidden = h.remark.hidden;
  const hideDecision = [...h.decisions].reverse().find((x) => x.action === 'hide') ?? null;
  const { values: v, errors: e } = d.state;
  const focus = firstError(e, APPEAL_FIELDS);
  const closesAt = h.appeal.closesAt ? timeTag(h.appeal.closesAt, tz, ctx.locale) : '';
  const pending = h.appeals.some((a) => !a.decided);
  let action: SafeHtml;
  if (h.appeal.allowed)
    action = html`<p class="notice-info" id="appeal-until">${htmlMessage(s.appealUntil, { time: closesAt })}</p>
${formAlert(d.state.formError ?? (focus ? ctx.t.formErrors : null))}
<form class="form" method="post" action="/remarks/${c.id}/appeal" novalidate>
  ${csrfField(ctx.csrf)}
  ${textArea({ id: 'appeal-text', name: 'text', label: s.appealText, hint: s.appealTextHint, value: v.text, error: e.text, maxlength: TEXT_MAX, rows: 6, required: true, focus: focus === 'text' })}
  <div><button type="submit">${s.appealButton}</button></div>
</form>`;
  else {
    const why =
      h.appeal.reason === 'not_hidden'
        ? s.appealNotHidden
        : h.appeal.reason === 'window_closed'
          ? htmlMessage(s.appealClosed, { time: closesAt })
          : pending
            ? s.appealPendingNote
            : s.appealAlready;
    action = html`${formAlert(d.state.formError)}<p class="notice-info" id="appeal-blocked">${why}</p>`;
  }
  const body = html`<h1>${s.appealTitle}</h1>
${flash(d.sent ? s.appealSent : null)}
<p>${s.appealIntro}</p>
<section class="remark" aria-labelledby="the-remark">
  <h2 id="the-remark">${s.remarkHeading}</h2>
  ${planLink(ctx, c.plan_id, c.plan_title, c.id)}
  <p class="meta"><span class="badge stage">${c.stage === 2 ? ctx.t.stage2 : ctx.t.stage1}</span> ${htmlMessage(s.postedOn, { time: timeTag(c.created_at, tz, ctx.locale) })}</p>
  ${
    hidden
      ? html`<dl class="facts hidden-facts">
    <dt>${s.hiddenOnLabel}</dt><dd>${time(ctx, hidden.at, tz)}</dd>
    <dt>${s.hiddenReasonLabel}</dt><dd>${reasonName(ctx, hidden.reason)}</dd>
    ${hideDecision?.note ? html`<dt>${s.moderatorNote}</dt><dd>${hideDecision.note}</dd>` : ''}
  </dl>`
      : ''
  }
  ${remarkBody(ctx, h.remark.body, c.language)}
</section>
${
  h.appeals.length > 0
    ? html`<h2>${s.yourAppeals}</h2><ul class="history appeals">${h.appeals.map(
        (a) =>
          html`<li>${htmlMessage(s.appealLine, { time: timeTag(a.createdAt, tz, ctx.locale), state: a.decided ? s.appealDecided : s.appealPending })}<blockquote class="appeal-text"><p>${a.text}</p></blockquote></li>`,
      )}</ul>`
    : ''
}
<section aria-labelledby="appeal-heading">
<h2 id="appeal-heading">${s.appealFormHeading}</h2>
${action}
</section>
<p class="more"><a href="/plans/${c.plan_id}#remark-${c.id}">${s.backToPlan}</a></p>`;
  return layout(ctx, { title: s.appealTitle, body });
}
