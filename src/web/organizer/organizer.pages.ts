import { organizerReader, remarkTextHtml } from '../remark-text';
import { PROCUREMENT_METHODS } from '../../plans/plan.entity';
import type { PlanStatus } from '../../plans/plan-status';
import { isHearingOverdue, PLAN_STATUSES, planStatus } from '../../plans/plan-status';
import type { PlanView } from '../../plans/plan-view';
import type { ReviewView } from '../../reviews/reviews.service';
import { DISPOSITIONS } from '../../remarks/answer.entity';
import { dateTag, formatTenge, timeTag } from '../format';
import type { HtmlValue, SafeHtml } from '../html';
import { html, htmlMessage } from '../html';
import { localizedBlock, localizedInline, localizedPlain } from '../localized';
import { localizedField, localizedFocus, localizedValues, missingTranslationsNote } from '../forms/localized-fields';
import { texts, type Catalogue } from '../../common/i18n/catalogue';
import { interpolate } from '../../common/i18n/locale';
import type { PageContext } from '../layout';
import { layout } from '../layout';
import { csrfField } from '../forms/csrf';
import { field, formAlert, flash, selectField } from '../forms/fields';
import type { FormState, Values } from '../forms/form';
import { firstError, hasErrors } from '../forms/form';
import { answerBase, answerLanguageHint, answerTextField, languageName } from '../answer-fields';
import type { KeysetPage } from '../keyset-page';
import type { CalledFormalRow, FindingRow, OrganizationRow, OrganizerPlanRow, QueueRemarkRow } from './organizer-pages.repository';
import { councilCheckSections } from './council-check.pages';

/** Page bodies of /organizer, /organizer/plans/new, /organizer/plans/:id and /organizer/remarks. */

/** A catalogue sentence with one `{name}` placeholder filled with markup (a localized text with its lang). */
function withText(sentence: string, name: string, value: SafeHtml): SafeHtml {
  const [before, after = ''] = sentence.split(`{${name}}`);
  return html`${before}${value}${after}`;
}

/** Links to the organizer's three lists, the current one marked. */
function organizerLinks(ctx: PageContext, m: Catalogue['pages']['organizer'], current: string): SafeHtml {
  const links: Array<[string, string]> = [
    ['/organizer', m.plansTitle],
    ['/organizer/plans/new', m.newPlan],
    ['/organizer/remarks', m.remarksQueue],
    ['/organizer/import', texts(ctx.locale).planImport.page.title],
  ];
  return html`<nav class="sub-nav" aria-label="${m.plansTitle}"><ul>${links.map(
    ([href, label]) => html`<li><a href="${href}"${href === current ? html` aria-current="page"` : ''}>${label}</a></li>`,
  )}</ul></nav>`;
}

/** "Next page" of a keyset list, and the way back to its first page. */
function pager(m: Catalogue['pages']['organizer'], first: string, next: string | null, current: string | null): SafeHtml {
  const sep = first.includes('?') ? '&' : '?';
  return html`<p class="more">${next ? html`<a class="button" href="${first}${sep}cursor=${encodeURIComponent(next)}">${m.nextPage}</a>` : ''}
  ${current ? html` <a href="${first}">${m.firstPage}</a>` : ''}</p>`;
}

interface Deadline {
  text: string | SafeHtml;
  overdue: boolean;
}

function timestamps(r: OrganizerPlanRow) {
  return {
    publishedAt: r.published_at,
    stage1ClosesAt: r.stage1_closes_at,
    hearingDeadlineDate: r.hearing_deadline_date,
    hearingOverdueAt: r.hearing_overdue_at,
    protocolPublishedAt: r.protocol_published_at,
    stage2OpensAt: r.stage2_opens_at,
    stage2ClosesAt: r.stage2_closes_at,
    outcomePublishedAt: r.outcome_published_at,
  };
}

/** What the organizer has to do next on a plan item, and by when. */
export function nextDeadlines(
  ctx: PageContext,
  m: Catalogue['pages']['organizer'],
  r: OrganizerPlanRow,
  tz: string,
  now: Date,
): Deadline[] {
  const dt = (d: Date) => timeTag(d, tz, ctx.locale);
  const late = (d: Date | null) => !!d && d.getTime() < now.getTime();
  const status = planStatus(timestamps(r), now);
  const out: Deadline[] = [];
  switch (status) {
    case 'draft':
      out.push({ text: m.dlPublish, overdue: false });
      break;
    case 'stage1_open':
      out.push({ text: htmlMessage(m.dlStage1, { time: dt(r.stage1_closes_at!) }), overdue: false });
      break;
    case 'awaiting_hearing': {
      const scheduled = r.hearing_status === 'scheduled' && r.hearing_starts_at;
      if (scheduled && r.hearing_starts_at!.getTime() > now.getTime())
        out.push({ text: htmlMessage(m.dlHearingAt, { time: dt(r.hearing_starts_at!) }), overdue: false });
      else if (scheduled) out.push({ text: m.dlProtocol, overdue: false });
      else if (isHearingOverdue(timestamps(r), now, tz))
        out.push({ text: htmlMessage(m.dlHearingOverdue, { date: dateTag(r.hearing_deadline_date ?? '', ctx.locale) }), overdue: true });
      else if (r.hearing_deadline_date)
        out.push({ text: htmlMessage(m.dlHearingBy, { date: dateTag(r.hearing_deadline_date, ctx.locale) }), overdue: false });
      break;
    }
    case 'council_review':
      if (r.review_closes_at && r.review_closes_at.getTime() > now.getTime())
        out.push({ text: htmlMessage(m.dlReview, { time: dt(r.review_closes_at) }), overdue: false });
      else out.push({ text: m.dlNotice, overdue: false });
      break;
    case 'stage2_open':
      out.push({ text: htmlMessage(m.dlStage2, { time: dt(r.stage2_closes_at!) }), overdue: false });
      break;
    case 'awaiting_outcome':
      if (r.remarks_unanswered === 0) out.push({ text: m.dlOutcome, overdue: false });
      break;
    case 'closed':
      out.push({ text: m.dlClosed, overdue: false });
      break;
  }
  if (r.next_answer_due_at)
    out.push({ text: htmlMessage(m.dlAnswer, { time: dt(r.next_answer_due_at) }), overdue: late(r.next_answer_due_at) });
  if (r.next_response_due_at)
    out.push({ text: htmlMessage(m.dlRecommendation, { time: dt(r.next_response_due_at) }), overdue: late(r.next_response_due_at) });
  return out;
}

function deadlineList(m: Catalogue['pages']['organizer'], list: Deadline[]): SafeHtml {
  return html`<ul class="deadlines">${list.map((d) => html`<li>${d.text}${d.overdue ? html` <span class="badge late">${m.overdue}</span>` : ''}</li>`)}</ul>`;
}

export interface PlansListData {
  now: Date;
  organization: OrganizationRow;
  status: PlanStatus | null;
  cursor: string | null;
  plans: KeysetPage<OrganizerPlanRow>;
}

export function plansListPage(ctx: PageContext, d: PlansListData): SafeHtml {
  const m = texts(ctx.locale).pages.organizer;
  const { t, locale } = ctx;
  const tz = d.organization.time_zone;
  const filterHref = (s: PlanStatus | null) => (s ? `/organizer?status=${s}` : '/organizer');
  const filters: Array<[PlanStatus | null, string]> = [
    [null, m.allStatuses],
    ...PLAN_STATUSES.map((s): [PlanStatus, string] => [s, m.status[s]]),
  ];
  const body = html`
<h1>${m.plansTitle}</h1>
<p class="meta">${withText(m.myPlans, 'org', localizedInline(d.organization.name, locale))}</p>
${organizerLinks(ctx, m, '/organizer')}
<nav class="filters" aria-label="${m.statusFilter}"><ul>${filters.map(
    ([s, label]) => html`<li><a href="${filterHref(s)}"${s === d.status ? html` aria-current="page"` : ''}>${label}</a></li>`,
  )}</ul></nav>
${
  d.plans.items.length === 0
    ? html`<p>${m.noPlans}</p>`
    : html`<ul class="cards">${d.plans.items.map((p) => {
        const status = planStatus(timestamps(p), d.now);
        return html`<li class="card">
        <h2 class="card-title"><a href="/organizer/plans/${p.id}">${localizedInline(p.title, locale)}</a></h2>
        <p><span class="badge stage">${m.status[status]}</span> <span class="meta">${formatTenge(p.amount, locale)} · ${t.methods[p.method] ?? p.method}</span></p>
        ${deadlineList(m, nextDeadlines(ctx, m, p, tz, d.now))}
        ${
          p.published_at
            ? html`<p class="meta">${interpolate(m.remarksCount, { answered: p.remarks_answered, total: p.remarks_total })}${
                p.remarks_unanswered > 0
                  ? html` · <a href="/organizer/remarks">${interpolate(m.unansweredBadge, { n: p.remarks_unanswered })}</a>`
                  : ''
              }${p.remarks_hidden > 0 ? html` · ${interpolate(m.hiddenBadge, { n: p.remarks_hidden })}` : ''}</p>`
            : ''
        }
      </li>`;
      })}</ul>`
}
${pager(m, filterHref(d.status), d.plans.nextCursor, d.cursor)}`;
  return layout(ctx, { title: m.plansTitle, body });
}

/** Quarters of this year and the next, like 2027-Q2. */
export function quarterOptions(now: Date, tz: string): string[] {
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: tz, year: 'numeric' }).format(now));
  return [year, year + 1].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`));
}

/** The plan form's plain fields; its texts are localized (`title_kk`, `title_ru`, ... : PLAN_TEXTS). */
export const PLAN_FIELDS = ['subjectCode', 'amount', 'method', 'plannedQuarter'] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];
/** The plan's published texts, each a group of kk/ru/en fields. */
export const PLAN_TEXTS = ['title', 'description', 'deliveryPlace'] as const;
export type PlanText = (typeof PLAN_TEXTS)[number];
/** Every field name of the plan form, in the order the focus goes to the first error. */
const textFields = (base: PlanText) => [base, `${base}_kk`, `${base}_ru`, `${base}_en`];
export const PLAN_FORM_FIELDS: readonly string[] = [
  ...textFields('title'),
  ...textFields('description'),
  ...PLAN_FIELDS,
  ...textFields('deliveryPlace'),
];

/** The fields of a plan (new draft, or a draft's changes): Kazakh and Russian side by side, English folded. */
function planFields(ctx: PageContext, quarters: string[], form: FormState): SafeHtml {
  const m = texts(ctx.locale).pages.organizer;
  const v = form.values;
  const e = form.errors;
  const focus = localizedFocus(firstError(e, PLAN_FORM_FIELDS), PLAN_TEXTS);
  const o = (id: PlanField, label: string, hint?: string) => ({ id, label, hint: hint ?? null, error: e[id] ?? null, focus: focus === id });
  const quarterList = v.plannedQuarter && !quarters.includes(v.plannedQuarter) ? [v.plannedQuarter, ...quarters] : quarters;
  const texts_ = (base: PlanText, legend: string, extra: { multiline?: boolean; maxlength: number; hint?: string; rows?: number }) =>
    localizedField(ctx, { base, legend, values: v, errors: e, focus, ...extra });
  return html`${texts_('title', m.title, { maxlength: 500 })}
  ${texts_('description', m.descriptionLabel, { multiline: true, rows: 8, maxlength: 20000, hint: m.descriptionHint })}
  ${field(o('subjectCode', m.subjectCode), (a) => html`<input type="text" id="subjectCode" name="subjectCode" value="${v.subjectCode ?? ''}" maxlength="64" required${a}>`)}
  ${field(o('amount', m.amount, m.amountHint), (a) => html`<input type="text" id="amount" name="amount" value="${v.amount ?? ''}" inputmode="numeric" maxlength="20" required${a}>`)}
  ${field(
    o('method', m.method),
    (a) => html`<select id="method" name="method" required${a}>
      <option value="">—</option>
      ${PROCUREMENT_METHODS.map((x) => html`<option value="${x}"${v.method === x ? html` selected` : ''}>${ctx.t.methods[x]}</option>`)}
    </select>`,
  )}
  ${field(
    o('plannedQuarter', m.quarter),
    (a) => html`<select id="plannedQuarter" name="plannedQuarter"${a}>
      <option value="">${m.quarterNone}</option>
      ${quarterList.map((q) => html`<option value="${q}"${v.plannedQuarter === q ? html` selected` : ''}>${q}</option>`)}
    </select>`,
  )}
  ${texts_('deliveryPlace', m.deliveryPlace, { maxlength: 500 })}`;
}

export function newPlanPage(ctx: PageContext, quarters: string[], form: FormState): SafeHtml {
  const m = texts(ctx.locale).pages.organizer;
  const body = html`
<h1>${m.createTitle}</h1>
${organizerLinks(ctx, m, '/organizer/plans/new')}
<p>${m.createIntro}</p>
${hasErrors(form.errors) ? formAlert(ctx.t.formErrors) : ''}
<form class="form" method="post" action="/organizer/plans" novalidate>
  ${csrfField(ctx.csrf)}
  ${planFields(ctx, quarters, form)}
  <div><button type="submit">${m.saveDraft}</button></div>
</form>`;
  return layout(ctx, { title: m.createTitle, body });
}

/** A draft's form: every field may change until publication. */
export function editDraftPage(ctx: PageContext, view: PlanView, quarters: string[], form: FormState): SafeHtml {
  const m = texts(ctx.locale).pages.organizer;
  const p = texts(ctx.locale).pages.planTexts;
  const body = html`
${planHeading(ctx, m, view, p.editTitle, `/organizer/plans/${view.id}`)}
<p class="meta">${localizedInline(view.title, ctx.locale)}</p>
<p>${p.editIntro}</p>
${hasErrors(form.errors) || form.formError ? formAlert(form.formError ?? ctx.t.formErrors) : ''}
<form class="form" method="post" action="/organizer/plans/${view.id}/edit" novalidate>
  ${csrfField(ctx.csrf)}
  ${planFields(ctx, quarters, form)}
  <div><button type="submit">${p.saveChanges}</button></div>
</form>`;
  return layout(ctx, { title: p.editTitle, body });
}

/** The form values of a stored plan, to prefill the draft form. */
export function planFormValues(view: PlanView): Values {
  return {
    ...localizedValues('title', view.title),
    ...localizedValues('description', view.description),
    ...localizedValues('deliveryPlace', view.deliveryPlace),
    subjectCode: view.subjectCode,
    amount: String(view.amount),
    method: view.method,
    plannedQuarter: view.plannedQuarter ?? '',
  };
}

/** Adding the translations a plan's texts lack (after publication too): only empty languages are filled. */
export function planTranslationsPage(ctx: PageContext, view: PlanView, form: FormState): SafeHtml {
  const m = texts(ctx.locale).pages.organizer;
  const p = texts(ctx.locale).pages.planTexts;
  const e = form.errors;
  const focus = localizedFocus(firstError(e, PLAN_FORM_FIELDS), PLAN_TEXTS);
  const stored = { title: view.title, description: view.description, deliveryPlace: view.deliveryPlace };
  const complete = PLAN_TEXTS.every((base) => (stored[base] ? stored[base].missing().length === 0 : base === 'deliveryPlace'));
  const group = (base: PlanText, legend: string, extra: { multiline?: boolean; rows?: number; maxlength: number }) =>
    localizedField(ctx, { base, legend, values: form.values, errors: e, focus, showMissing: true, ...extra });
  const body = html`
${planHeading(ctx, m, view, p.translationsTitle, `/organizer/plans/${view.id}`)}
<p class="meta">${localizedInline(view.title, ctx.locale)}</p>
<p>${p.translationsIntro}</p>
${
  complete
    ? html`<p>${p.nothingMissing}</p>`
    : missingTranslationsNote(ctx, [
        { label: m.title, text: view.title },
        { label: m.descriptionLabel, text: view.description },
      ])
}
${hasErrors(e) || form.formError ? formAlert(form.formError ?? ctx.t.formErrors) : ''}
<form class="form" method="post" action="/organizer/plans/${view.id}/translations" novalidate>
  ${csrfField(ctx.csrf)}
  ${group('title', m.title, { maxlength: 500 })}
  ${group('description', m.descriptionLabel, { multiline: true, rows: 8, maxlength: 20000 })}
  ${group('deliveryPlace', m.deliveryPlace, { maxlength: 500 })}
  <div><button type="submit">${p.translationsButton}</button></div>
</form>`;
  return layout(ctx, { title: p.translationsTitle, body });
}

export interface PlanHubData {
  now: Date;
  view: PlanView;
  organization: OrganizationRow;
  /** For a draft: what publishing now would open. */
  preview: { opensAt: Date; closesAt: Date; hearingDeadline: string } | null;
  flash: string | null;
  formError: string | null;
  /** The plan's remarks hidden by moderators, and how many of them are unanswered (they need no answer). */
  hidden: { hidden: number; unanswered: number };
}

/** The plan's heading block shared by its pages: link back, the one <h1>, the status. */
export function planHeading(ctx: PageContext, m: Catalogue['pages']['organizer'], view: PlanView, h1: HtmlValue, back: string): SafeHtml {
  return html`<p class="meta"><a href="${back}">${back === '/organizer' ? m.plansTitle : m.backToPlan}</a></p>
<h1>${h1}</h1>
<p><span class="badge stage">${m.status[view.status]}</span>${view.publishedAt ? html` <a href="/plans/${view.id}">${m.publicPage}</a>` : ''}</p>`;
}

export function planHubPage(ctx: PageContext, d: PlanHubData): SafeHtml {
  const m = texts(ctx.locale).pages.organizer;
  const { t, locale } = ctx;
  const v = d.view;
  const tz = d.organization.time_zone;
  const dt = (x: Date | string) => timeTag(x, tz, locale);
  const base = `/organizer/plans/${v.id}`;
  // hidden remarks need no answer: not counted as waiting for one
  const unanswered = v.counts.remarks - v.counts.answered - d.hidden.unanswered;
  const recs = (v.review as ReviewView | null)?.recommendations ?? [];
  const p = texts(locale).pages.planTexts;
  const planTexts = [
    { label: m.title, text: v.title },
    { label: m.descriptionLabel, text: v.description },
  ];
  const missing = planTexts.some(({ text }) => text.missing().length > 0);
  const missingNote = missingTranslationsNote(ctx, planTexts);
  const step = (title: string, href: string, state: string) =>
    html`<li><a href="${href}">${title}</a> <span class="meta">${state}</span></li>`;
  const body = html`
${planHeading(ctx, m, v, localizedInline(v.title, locale), '/organizer')}
${flash(d.flash)}
${formAlert(d.formError)}
${
  d.preview
    ? html`<p><a href="${base}/edit">${p.changeDraft}</a></p>
      <section aria-labelledby="publish-heading"><h2 id="publish-heading">${m.publishTitle}</h2>
      ${missing ? html`${missingNote}<p><a href="${base}/edit">${p.publishNeedsTranslations}</a></p>` : ''}
      <form class="form" method="post" action="${base}/publish">
        ${csrfField(ctx.csrf)}
        <p id="publish-window">${htmlMessage(m.publishWindow, { opens: dt(d.preview.opensAt), closes: dt(d.preview.closesAt), deadline: dateTag(d.preview.hearingDeadline, locale) })}</p>
        <p class="meta" id="publish-hint">${m.publishHint}</p>
        <div><button type="submit" aria-describedby="publish-window publish-hint">${m.publishButton}</button></div>
      </form></section>`
    : ''
}
<h2>${m.facts}</h2>
<dl class="facts">
  <dt>${t.amount}</dt><dd>${formatTenge(v.amount, locale)}</dd>
  <dt>${t.method}</dt><dd>${t.methods[v.method] ?? v.method}</dd>
  <dt>${t.subjectCode}</dt><dd>${v.subjectCode}</dd>
  ${v.planPointNumber ? html`<dt>${texts(locale).planImport.columns.planPointNumber}</dt><dd>${v.planPointNumber}</dd>` : ''}
  ${v.plannedQuarter ? html`<dt>${t.plannedQuarter}</dt><dd>${v.plannedQuarter}</dd>` : ''}
  ${v.deliveryPlace ? html`<dt>${t.deliveryPlace}</dt>${localizedBlock(v.deliveryPlace, locale, 'dd')}` : ''}
  ${v.stage1 ? html`<dt>${t.stage1}</dt><dd>${dt(v.stage1.opensAt)} — ${dt(v.stage1.closesAt)}</dd>` : ''}
  ${v.stage2 ? html`<dt>${t.stage2}</dt><dd>${dt(v.stage2.opensAt)} — ${dt(v.stage2.closesAt)}</dd>` : ''}
</dl>
${localizedBlock(v.description, locale, 'p', 'description')}
${v.publishedAt ? html`${missing ? missingNote : ''}<p><a href="${base}/translations">${p.addTranslations}</a></p>` : ''}
${
  v.publishedAt
    ? html`<h2>${m.steps}</h2>
    <ol class="steps">
      ${step(m.stepRemarks, unanswered > 0 ? '/organizer/remarks' : `/plans/${v.id}#remarks`, `${interpolate(m.stepRemarksText, { total: v.counts.remarks, unanswered })}${d.hidden.hidden > 0 ? ` ${interpolate(m.stepRemarksHidden, { n: d.hidden.hidden })}` : ''}`)}
      ${step(m.stepHearing, `${base}/hearing`, v.protocol ? m.done : m.notYet)}
      ${step(m.stepRecommendations, `${base}/recommendations`, recs.length ? interpolate(m.remarksCount, { answered: recs.filter((r) => r.response).length, total: recs.length }) : m.notYet)}
      ${step(m.stepNotice, `${base}/notice`, v.notice ? m.done : m.notYet)}
      ${step(m.stepOutcome, `${base}/outcome`, v.outcome ? m.done : m.notYet)}
    </ol>`
    : ''
}`;
  return layout(ctx, { title: localizedPlain(v.title, locale), body });
}

export interface QueueData {
  now: Date;
  organization: OrganizationRow;
  cursor: string | null;
  remarks: KeysetPage<QueueRemarkRow>;
  flash: string | null;
  /** The refused answer form: its remark and state. */
  form: { remarkId: string; state: FormState } | null;
  /** Corrections the council demands, and answers their authors called formal (the council's check). */
  findings: FindingRow[];
  calledFormal: CalledFormalRow[];
}

/** The answer form of a queued remark: the disposition, and the text in Kazakh and Russian starting in the remark's language. */
function queueAnswerForm(ctx: PageContext, r: QueueRemarkRow, cursor: string | null, form: QueueData['form']): SafeHtml {
  const { t } = ctx;
  const state = form?.remarkId === r.id ? form.state : undefined;
  const dErr = state?.errors.disposition ?? null;
  return html`<form class="form" method="post" action="/organizer/remarks/${r.id}/answer${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}" novalidate>
  ${csrfField(ctx.csrf)}
  ${formAlert(state?.formError)}
  ${selectField({ id: `disposition-${r.id}`, name: 'disposition', errorId: `disposition-${r.id}-error`, label: t.dispositionLabel, error: dErr, focus: !!dErr, required: true, placeholder: '—', value: state?.values.disposition ?? '', choices: DISPOSITIONS.map((x) => [x, t.disposition[x]] as const) })}
  ${answerTextField(ctx, { base: answerBase(r.id), remarkLanguage: r.language, legend: t.answerLabel, hint: `${t.answerHint} ${answerLanguageHint(ctx, r.language)}`, values: state?.values ?? {}, errors: state?.errors, focusErrors: !dErr, maxlength: 10000 })}
  <div><button type="submit">${t.answerSubmit}</button></div>
</form>`;
}

export function queuePage(ctx: PageContext, d: QueueData): SafeHtml {
  const m = texts(ctx.locale).pages.organizer;
  const { t, locale } = ctx;
  const tz = d.organization.time_zone;
  const body = html`
<h1>${m.queueTitle}</h1>
${organizerLinks(ctx, m, '/organizer/remarks')}
<p>${m.queueIntro}</p>
${flash(d.flash)}
${d.form && !d.remarks.items.some((r) => r.id === d.form?.remarkId) ? formAlert(d.form.state.formError) : ''}
${
  d.remarks.items.length === 0
    ? html`<p>${m.queueEmpty}</p>`
    : html`<ol class="remarks">${d.remarks.items.map((r) => {
        const overdue = r.answer_due_at.getTime() < d.now.getTime();
        const due = timeTag(r.answer_due_at, tz, locale);
        return html`<li class="remark${overdue ? ' overdue' : ''}" id="remark-${r.id}">
        <h2 class="card-title">${withText(interpolate(m.remarkOn, { stage: r.stage === 2 ? t.stage2 : t.stage1 }), 'plan', localizedInline(r.plan_title, locale))}</h2>
        <p class="${overdue ? 'pending overdue' : 'pending'}">${overdue ? html`<span class="badge late">${m.overdue}</span> ${htmlMessage(m.overdueBy, { time: due })}` : htmlMessage(m.dueBy, { time: due })}</p>
        <p class="meta">${htmlMessage(t.remarkBy, { name: r.author_name, time: timeTag(r.created_at, tz, locale) })}</p>
        <p class="meta remark-language"><span class="badge lang">${texts(locale).remarks.languages.queueLanguage({ language: languageName(r.language, locale) })}</span></p>
        ${remarkTextHtml(ctx, r, organizerReader(ctx), tz)}
        <p><a href="/plans/${r.plan_id}#remark-${r.id}">${m.answerOnPlan}</a></p>
        ${queueAnswerForm(ctx, r, d.cursor, d.form)}
      </li>`;
      })}</ol>`
}
${pager(m, '/organizer/remarks', d.remarks.nextCursor, d.cursor)}
${councilCheckSections(ctx, d.findings, d.calledFormal, tz)}`;
  return layout(ctx, { title: m.queueTitle, body });
}
