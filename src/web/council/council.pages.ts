import { answerTextFor, pageReader, reasonTextFor, remarkTextHtml } from '../remark-text';
import type { ProtocolView } from '../../hearings/hearing-view';
import type { Organization } from '../../organizations/organization.entity';
import type { Plan } from '../../plans/plan.entity';
import type { ConclusionFigures } from '../../reviews/conclusion';
import { POSITIONS } from '../../reviews/review-position.entity';
import type { ReviewView } from '../../reviews/reviews.service';
import { timeTag } from '../format';
import type { SafeHtml } from '../html';
import { html, htmlMessage } from '../html';
import { texts, type Catalogue } from '../../common/i18n/catalogue';
import { interpolate } from '../../common/i18n/locale';
import type { PageContext } from '../layout';
import { layout } from '../layout';
import type { KeysetPage } from '../keyset-page';
import { csrfField } from '../forms/csrf';
import { flash, formAlert, radioGroup } from '../forms/fields';
import { localizedField } from '../forms/localized-fields';
import { localizedBlock, localizedInline, localizedPlain } from '../localized';
import type { LocalizedText } from '../../common/i18n/localized-text';
import type { AnswerToCheckRow } from '../../reviews/reviews.repository';
import { conclusionFindingLine, formalAnswersSection } from '../formal-answers';
import type { FormState } from '../forms/form';
import { localizedValues } from '../forms/localized-fields';
import { localizedLinesValues } from './localized-lines';
import { firstError } from '../forms/form';
import type { AwaitingRow, MyPositionRow, ReviewedRow } from './council-pages.repository';

export interface CouncilHomeData {
  councilName: LocalizedText | null;
  awaiting: KeysetPage<AwaitingRow>;
  reviewed: KeysetPage<ReviewedRow>;
  /** The cursors this page was opened with (each list pages on its own). */
  after: string | null;
  before: string | null;
}

function pageQuery(params: Record<string, string | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function councilHomePage(ctx: PageContext, d: CouncilHomeData): SafeHtml {
  const c = texts(ctx.locale).pages.council;
  const { locale } = ctx;
  const body = html`<h1>${c.title}</h1>
${d.councilName ? html`<p class="meta">${c.councilName.split('{name}')[0]}${localizedInline(d.councilName, locale)}${c.councilName.split('{name}')[1] ?? ''}</p>` : ''}
<h2 id="awaiting">${c.awaiting}</h2>
${
  d.awaiting.items.length === 0
    ? html`<p>${c.noAwaiting}</p>`
    : html`<div class="table-wrap"><table>
  <caption>${c.awaitingCaption}</caption>
  <thead><tr><th scope="col">${c.colPlan}</th><th scope="col">${c.colOrganizer}</th><th scope="col">${c.colProtocol}</th><th scope="col">${c.colDeadline}</th><th scope="col">${c.colPositions}</th><th scope="col">${c.colMine}</th></tr></thead>
  <tbody>${d.awaiting.items.map(
    (
      r,
    ) => html`<tr><th scope="row"><a href="/council/plans/${r.id}">${localizedInline(r.title, locale)}</a></th><td>${localizedInline(r.organization_name, locale)}</td>
      <td>${timeTag(r.protocol_published_at, r.time_zone, locale)}</td><td><strong>${timeTag(r.review_closes_at, r.time_zone, locale)}</strong></td>
      <td>${r.positions}</td><td>${r.mine ? c.mineRecorded : html`<span class="pending">${c.mineMissing}</span>`}</td></tr>`,
  )}</tbody>
</table></div>`
}
${d.awaiting.nextCursor ? html`<p class="more"><a class="button" href="/council${pageQuery({ after: d.awaiting.nextCursor, before: d.before })}#awaiting">${c.more}</a></p>` : ''}
${d.after ? html`<p><a href="/council${pageQuery({ before: d.before })}#awaiting">${c.firstPage}</a></p>` : ''}
<h2 id="reviewed">${c.reviewed}</h2>
${
  d.reviewed.items.length === 0
    ? html`<p>${c.noReviewed}</p>`
    : html`<div class="table-wrap"><table>
  <caption>${c.reviewedCaption}</caption>
  <thead><tr><th scope="col">${c.colPlan}</th><th scope="col">${c.colOrganizer}</th><th scope="col">${c.colClosed}</th><th scope="col">${c.colResult}</th><th scope="col">${c.colRecommendations}</th></tr></thead>
  <tbody>${d.reviewed.items.map(
    (
      r,
    ) => html`<tr><th scope="row"><a href="/council/plans/${r.plan_id}">${localizedInline(r.title, locale)}</a></th><td>${localizedInline(r.organization_name, locale)}</td>
      <td>${timeTag(r.closed_at, r.time_zone, locale)}</td>
      <td>${c.results[r.result] ?? r.result}; ${interpolate(c.participation, { positions: r.positions_count, members: r.members_count, quorum: r.quorum ? c.quorumYes : c.quorumNo })}</td>
      <td>${r.recs_total === 0 ? '—' : interpolate(c.recsAnswered, { answered: r.recs_answered, total: r.recs_total })}${r.recs_overdue > 0 ? html` <span class="badge late">${interpolate(c.recsOverdue, { n: r.recs_overdue })}</span>` : ''}</td></tr>`,
  )}</tbody>
</table></div>`
}
${d.reviewed.nextCursor ? html`<p class="more"><a class="button" href="/council${pageQuery({ after: d.after, before: d.reviewed.nextCursor })}#reviewed">${c.more}</a></p>` : ''}
${d.before ? html`<p><a href="/council${pageQuery({ after: d.after })}#reviewed">${c.firstPage}</a></p>` : ''}`;
  return layout(ctx, { title: c.title, body });
}

/**
 * `formalAnswers` holds the chosen remark ids, comma-separated, to write the checkboxes back. The reasons
 * and the recommendations are typed in Kazakh and Russian side by side (English folded): `text_kk`, ...;
 * recommendations one per line, line i of each language being recommendation i. Errors of the whole
 * text go on `text` and `recommendations`.
 */
export const POSITION_FIELDS = ['position', 'text', 'recommendations', 'formalAnswers'] as const;
export const POSITION_VALUES = [
  'position',
  'text_kk',
  'text_ru',
  'text_en',
  'recommendations_kk',
  'recommendations_ru',
  'recommendations_en',
  'formalAnswers',
] as const;
export type PositionField = (typeof POSITION_FIELDS)[number] | (typeof POSITION_VALUES)[number];
/** The translation form of the member's own position. */
export const POSITION_TRANSLATION_FIELDS = [
  'text_kk',
  'text_ru',
  'text_en',
  'recommendations_kk',
  'recommendations_ru',
  'recommendations_en',
] as const;

export interface CouncilPlanData {
  now: Date;
  plan: Plan;
  organization: Organization;
  protocol: ProtocolView | null;
  review: ReviewView;
  mine: MyPositionRow | null;
  /** The translation form of the member's own position after a refusal. */
  translation?: FormState;
  /** Whether positions are accepted now. */
  open: boolean;
  /** The plan's answered remarks for the position form, those their authors called formal first. */
  answersToCheck: AnswerToCheckRow[];
  /** More answers than the form lists. */
  moreAnswers: boolean;
  /** For the chair while the review is open: what closing now would publish. */
  preview: ConclusionFigures | null;
  /** The position form: the values typed, the errors by field, a refusal of the whole position (POSITION_EXISTS, REVIEW_CLOSED). */
  form: FormState<PositionField>;
  /** A refusal of the chair's closing. */
  closeError: string | null;
  flash: string | null;
}

function protocolSection(c: Catalogue['pages']['council'], ctx: PageContext, p: ProtocolView, tz: string): SafeHtml {
  const { locale } = ctx;
  const reason = p.correctionReason ? localizedInline(p.correctionReason, locale) : '';
  const [before, after] = c.protocolVersion.replace('{n}', String(p.version)).split('{reason}');
  return html`<p class="meta">${timeTag(p.publishedAt, tz, locale)}${p.late ? html` <span class="badge late">${c.protocolLate}</span>` : ''}
  ${p.version > 1 ? html` · ${before}${reason}${after ?? ''}` : ''}</p>
<dl class="facts"><dt>${c.attendees}</dt><dd>${p.attendeesCount}</dd></dl>
<h3>${c.summary}</h3>
${localizedBlock(p.summary, locale, 'p', 'description')}
${p.speakers.length ? html`<h3>${c.speakers}</h3><ul>${p.speakers.map((s) => localizedBlock(s, locale, 'li'))}</ul>` : ''}
${p.positions.length ? html`<h3>${c.voiced}</h3><ul>${p.positions.map((s) => localizedBlock(s, locale, 'li'))}</ul>` : ''}
${
  p.questions.length
    ? html`<h3>${c.questions}</h3><dl class="qa">${p.questions.map(
        (q) =>
          html`<dt>${c.question}: ${localizedInline(q.question, locale)}</dt><dd>${c.answer}: ${q.answer ? localizedInline(q.answer, locale) : '—'}</dd>`,
      )}</dl>`
    : ''
}
${p.decisions.length ? html`<h3>${c.decisions}</h3><ol>${p.decisions.map((s) => localizedBlock(s, locale, 'li'))}</ol>` : ''}`;
}

function positionForm(c: Catalogue['pages']['council'], ctx: PageContext, d: CouncilPlanData): SafeHtml {
  const f = d.form;
  const focus = firstError(f.errors, POSITION_FIELDS);
  return html`${formAlert(f.formError ?? (focus ? ctx.t.formErrors : null), 'position-form-error')}
<form class="form" id="position-form" method="post" action="/council/plans/${d.plan.id}/positions" novalidate>
  ${csrfField(ctx.csrf)}
  ${radioGroup({ id: 'position', legend: c.positionLegend, value: f.values.position, choices: POSITIONS.map((p) => [p, c.kinds[p]] as const), error: f.errors.position, required: true, focus: focus === 'position' })}
  ${localizedField(ctx, { base: 'text', legend: c.positionText, hint: c.positionTextHint, values: f.values, errors: f.errors, multiline: true, rows: 6, maxlength: 10000, focus: focus === 'text' ? 'text_kk' : null })}
  ${localizedField(ctx, { base: 'recommendations', legend: c.recommendations, hint: `${c.recommendationsHint} ${c.languages.linesHint}`, values: f.values, errors: f.errors, multiline: true, rows: 5, focus: focus === 'recommendations' ? 'recommendations_kk' : null })}
  ${answersToCheckFields(ctx, d, focus === 'formalAnswers')}
  <div><button type="submit">${c.submitPosition}</button></div>
</form>`;
}

/** The answers to check, each with a checkbox "I find this answer formal" (name formalAnswers, value the remark id). */
function answersToCheckFields(ctx: PageContext, d: CouncilPlanData, focus: boolean): SafeHtml {
  const k = texts(ctx.locale).councilCheck.pages;
  const tz = d.organization.timeZone;
  const reader = pageReader(ctx, d.plan.organizationId);
  const chosen = new Set(d.form.values.formalAnswers.split(',').filter((s) => s));
  const error = d.form.errors.formalAnswers;
  return html`<fieldset class="field answers-to-check" id="formal-answers-field"${error ? html` aria-describedby="formal-answers-error"` : ''}>
  <legend>${k.checkLegend}</legend>
  <p class="hint">${k.checkIntro}</p>
  ${error ? html`<p class="error" id="formal-answers-error">${error}</p>` : ''}
  ${
    d.answersToCheck.length === 0
      ? html`<p>${k.noAnswers}</p>`
      : html`<ol class="remarks">${d.answersToCheck.map((a, i) => {
          const id = `formal-answer-${a.remark_id}`;
          return html`<li class="remark${a.verdict === 'formal' ? ' called-formal' : ''}">
        <h3 class="card-title" id="${id}-remark">${htmlMessage(k.remarkBy, { name: a.author_name, stage: a.stage, time: timeTag(a.remark_created_at, tz, ctx.locale) })}</h3>
        ${remarkTextHtml(ctx, { author_id: a.author_id, body: a.remark_body, hidden_at: a.hidden_at, hidden_reason: a.hidden_reason, language: a.remark_language }, reader, tz)}
        <div class="answer"><p><strong>${interpolate(k.answerOf, { n: a.answer_version, disposition: ctx.t.disposition[a.disposition] ?? a.disposition })}</strong>
          <span class="meta">${timeTag(a.answer_published_at, tz, ctx.locale)}</span></p>
          ${localizedBlock(answerTextFor(a.answer_body, a.author_id, reader), ctx.locale, 'p', 'body')}</div>
        <p>${a.verdict === 'formal' ? html`<span class="badge late">${k.calledFormal}</span>` : a.verdict === 'reasoned' ? k.calledReasoned : k.noVerdict}</p>
        ${a.reason ? html`<p class="body">${interpolate(k.reason, { reason: reasonTextFor(a.reason, a.author_id, reader) ?? '' })}</p>` : ''}
        <div class="check"><input type="checkbox" id="${id}" name="formalAnswers" value="${a.remark_id}" aria-describedby="${id}-remark"${chosen.has(a.remark_id) ? html` checked` : ''}${focus && i === 0 ? html` autofocus` : ''}>
          <label for="${id}">${k.checkbox}</label></div>
      </li>`;
        })}</ol>`
  }
  ${d.moreAnswers ? html`<p class="meta">${interpolate(k.moreAnswers, { n: d.answersToCheck.length })}</p>` : ''}
</fieldset>`;
}

function closeSection(c: Catalogue['pages']['council'], ctx: PageContext, d: CouncilPlanData, preview: ConclusionFigures): SafeHtml {
  return html`<h2 id="close">${c.close}</h2>
<p id="close-preview">${interpolate(c.closePreview, {
    result: c.results[preview.result],
    positions: preview.positionsCount,
    members: preview.membersCount,
    quorum: preview.quorum ? c.quorumYes : c.quorumNo,
  })}</p>
<p class="meta" id="close-hint">${c.closeHint}</p>
${formAlert(d.closeError, 'close-error')}
<form method="post" action="/council/plans/${d.plan.id}/close">
  ${csrfField(ctx.csrf)}
  <button type="submit" aria-describedby="close-preview close-hint">${c.closeButton}</button>
</form>`;
}

function conclusionSection(c: Catalogue['pages']['council'], ctx: PageContext, d: CouncilPlanData): SafeHtml {
  const k = d.review.conclusion;
  if (!k) return html``;
  const tz = d.organization.timeZone;
  const when = timeTag(k.closedAt, tz, ctx.locale);
  const recs = d.review.positions.flatMap((p) => p.recommendations.map((r) => ({ ...r, memberName: p.memberName })));
  return html`<h2 id="conclusion">${c.conclusion}</h2>
<p class="conclusion-result"><strong>${c.results[k.result] ?? k.result}</strong></p>
<p>${htmlMessage(k.closedBy === 'chair' ? c.closedByChair : c.closedByDeadline, { time: when })}</p>
<p>${interpolate(c.participation, { positions: k.positionsCount, members: k.membersCount, quorum: k.quorum ? c.quorumYes : c.quorumNo })}</p>
<p>${interpolate(c.counts, { endorse: k.counts.endorse, withRecs: k.counts.endorse_with_recommendations, object: k.counts.object })}</p>
${conclusionFindingLine(ctx, d.review)}
<h3 id="recommendations">${c.recsTitle}</h3>
${
  recs.length === 0
    ? html`<p>${c.noRecommendations}</p>`
    : html`<div class="table-wrap"><table>
  <caption>${c.recsCaption}</caption>
  <thead><tr><th scope="col">${c.colRecommendation}</th><th scope="col">${c.colMember}</th><th scope="col">${c.colResponse}</th></tr></thead>
  <tbody>${recs.map(
    (r) =>
      html`<tr id="recommendation-${r.id}"><th scope="row" class="body">${localizedInline(r.text, ctx.locale)}</th><td>${r.memberName}</td><td>${
        r.response
          ? html`<strong>${r.response.accepted ? c.responseAccepted : c.responseRejected}</strong>${r.response.late ? html` <span class="badge late">${c.responseLate}</span>` : ''}
          <span class="meta">${timeTag(r.response.publishedAt, tz, ctx.locale)}</span>${localizedBlock(r.response.text, ctx.locale, 'p', 'body')}`
          : r.overdue
            ? html`<span class="badge late">${htmlMessage(c.overdue, { time: timeTag(r.responseDueAt, tz, ctx.locale) })}</span>`
            : html`<span class="pending">${htmlMessage(c.responseDue, { time: timeTag(r.responseDueAt, tz, ctx.locale) })}</span>`
      }</td></tr>`,
  )}</tbody>
</table></div>`
}`;
}

export function councilPlanPage(ctx: PageContext, d: CouncilPlanData): SafeHtml {
  const c = texts(ctx.locale).pages.council;
  const tz = d.organization.timeZone;
  const dt = (at: Date | string) => timeTag(at, tz, ctx.locale);
  const body = html`<p class="meta"><a href="/council">${c.backToList}</a> · <a href="/plans/${d.plan.id}">${c.publicPage}</a></p>
${localizedBlock(d.plan.title, ctx.locale, 'h1')}
${flash(d.flash)}
<dl class="facts">
  <dt>${c.organizer}</dt>${localizedBlock(d.organization.name, ctx.locale, 'dd')}
  ${d.plan.protocolPublishedAt ? html`<dt>${c.protocolPublished}</dt><dd>${dt(d.plan.protocolPublishedAt)}</dd>` : ''}
  ${d.plan.reviewClosesAt ? html`<dt>${c.reviewDeadline}</dt><dd>${dt(d.plan.reviewClosesAt)}</dd>` : ''}
</dl>
<h2 id="protocol">${c.protocol}</h2>
${d.protocol ? protocolSection(c, ctx, d.protocol, tz) : html`<p>${c.protocolNotPublished}</p>`}
<h2 id="positions">${c.positions}</h2>
${
  d.review.positions.length === 0
    ? html`<p>${c.noPositions}</p>`
    : html`<ol class="remarks">${d.review.positions.map(
        (p) => html`<li class="remark">
        <h3>${interpolate(c.positionBy, { name: p.memberName, position: c.kinds[p.position] ?? p.position })}</h3>
        <p class="meta">${htmlMessage(c.recordedAt, { time: dt(p.createdAt) })}</p>
        ${localizedBlock(p.text, ctx.locale, 'p', 'body')}
        ${p.recommendations.length ? html`<h4>${c.recommendationsOf}</h4><ol>${p.recommendations.map((r) => localizedBlock(r.text, ctx.locale, 'li', 'body'))}</ol>` : ''}
      </li>`,
      )}</ol>`
}
${formalAnswersSection(ctx, d.review, tz, (remarkId) => `/plans/${d.plan.id}#remark-${remarkId}`, 2)}
${
  d.protocol
    ? html`<h2 id="my-position">${c.myPosition}</h2>
${
  d.mine
    ? html`${formAlert(d.form.formError, 'position-form-error')}<p>${htmlMessage(c.alreadyRecorded, { position: c.kinds[d.mine.position] ?? d.mine.position, time: dt(d.mine.created_at) })}</p>
${positionTranslationForm(c, ctx, d, d.mine)}`
    : d.open
      ? positionForm(c, ctx, d)
      : html`${formAlert(d.form.formError, 'position-form-error')}<p>${c.reviewClosed}</p>`
}`
    : ''
}
${d.preview ? closeSection(c, ctx, d, d.preview) : formAlert(d.closeError, 'close-error')}
${conclusionSection(c, ctx, d)}`;
  return layout(ctx, { title: localizedPlain(d.plan.title, ctx.locale), body });
}

/**
 * The member adds the missing language of their own position and recommendations (not a change:
 * no new version, no e-mail), while the position has one: the present versions prefilled.
 */
function positionTranslationForm(c: Catalogue['pages']['council'], ctx: PageContext, d: CouncilPlanData, mine: MyPositionRow): SafeHtml {
  const missing = mine.text.missing().length > 0 || mine.recommendations.some((r) => r.missing().length > 0);
  if (!missing && !d.translation) return html``;
  const l = c.languages;
  const f = d.translation ?? {
    values: { ...localizedValues('text', mine.text), ...localizedLinesValues('recommendations', mine.recommendations) },
    errors: {},
  };
  const focus = firstError(f.errors, ['text', 'recommendations']);
  return html`<h3 id="translations">${l.translationsTitle}</h3>
<p class="meta">${l.translationsHint}</p>
${formAlert(f.formError ?? (focus ? ctx.t.formErrors : null), 'translation-form-error')}
<form class="form" method="post" action="/council/plans/${d.plan.id}/positions/translations" novalidate>
  ${csrfField(ctx.csrf)}
  ${localizedField(ctx, { base: 'text', legend: c.positionText, values: f.values, errors: f.errors, multiline: true, rows: 6, maxlength: 10000, showMissing: true, focus: focus === 'text' ? 'text_kk' : null })}
  ${
    mine.recommendations.length
      ? localizedField(ctx, {
          base: 'recommendations',
          legend: c.recommendations,
          hint: l.linesHint,
          values: f.values,
          errors: f.errors,
          multiline: true,
          rows: 5,
          showMissing: true,
          focus: focus === 'recommendations' ? 'recommendations_kk' : null,
        })
      : ''
  }
  <div><button type="submit">${l.translationsButton}</button></div>
</form>`;
}
