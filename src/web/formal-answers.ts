import { texts } from '../common/i18n/catalogue';
import { interpolate } from '../common/i18n/locale';
import type { FormalAnswerView, ReviewView } from '../reviews/reviews.service';
import { timeTag } from './format';
import type { SafeHtml } from './html';
import { html, htmlMessage } from './html';
import type { PageContext } from './layout';

/**
 * The council's check of formal answers as the plan page and the council's pages show it: the answers
 * their authors called formal or members named formal, with the votes, the author's verdict and,
 * once the review closed, the council's finding and its correction.
 */

function verdictCell(ctx: PageContext, f: FormalAnswerView, tz: string): SafeHtml {
  const c = texts(ctx.locale).councilCheck.pages;
  const v = f.authorVerdict;
  if (!v) return html`${c.noVerdict}`;
  return html`<strong>${v.verdict === 'formal' ? c.calledFormal : c.calledReasoned}</strong>
    <span class="meta">${timeTag(v.at, tz, ctx.locale)}</span>${v.reason ? html`<p class="body">${interpolate(c.reason, { reason: v.reason })}</p>` : ''}`;
}

function findingCell(ctx: PageContext, f: FormalAnswerView, review: ReviewView, tz: string): SafeHtml {
  const c = texts(ctx.locale).councilCheck.pages;
  if (!review.conclusion) return html`<span class="pending">${c.findingPending}</span>`;
  if (!f.foundFormal) return html`${c.findingNone}`;
  return f.correctedAt
    ? html`<strong>${htmlMessage(c.findingCorrected, { time: timeTag(f.correctedAt, tz, ctx.locale) })}</strong>`
    : html`<strong class="badge late">${c.findingFormal}</strong>`;
}

/** The table of answers named formal; `remarkHref` links each to its remark and answer. Nothing when there are none. */
export function formalAnswersSection(
  ctx: PageContext,
  review: ReviewView,
  tz: string,
  remarkHref: (remarkId: string) => string,
  headingLevel: 2 | 3 = 3,
): SafeHtml {
  if (review.formalAnswers.length === 0) return html``;
  const c = texts(ctx.locale).councilCheck.pages;
  const members = review.conclusion?.membersCount ?? null;
  const heading =
    headingLevel === 2 ? html`<h2 id="formal-answers">${c.votesTitle}</h2>` : html`<h3 id="formal-answers">${c.votesTitle}</h3>`;
  return html`${heading}
<p>${c.votesIntro}</p>
<div class="table-wrap"><table class="formal-answers">
  <caption>${c.votesTitle}</caption>
  <thead><tr><th scope="col">${c.colAnswer}</th><th scope="col">${c.colAuthor}</th><th scope="col">${c.colVotes}</th><th scope="col">${c.colFinding}</th></tr></thead>
  <tbody>${review.formalAnswers.map(
    (f) => html`<tr id="formal-${f.remarkId}"><th scope="row"><a href="${remarkHref(f.remarkId)}">${htmlMessage(c.remarkBy, {
      name: f.remark.authorName,
      stage: f.remark.stage,
      time: timeTag(f.remark.createdAt, tz, ctx.locale),
    })}</a></th>
      <td>${verdictCell(ctx, f, tz)}</td>
      <td>${members === null ? f.votes : interpolate(c.votes, { votes: f.votes, members })}</td>
      <td>${findingCell(ctx, f, review, tz)}</td></tr>`,
  )}</tbody>
</table></div>`;
}

/** The conclusion's line about the answers the council found formal. */
export function conclusionFindingLine(ctx: PageContext, review: ReviewView): SafeHtml {
  const k = review.conclusion;
  if (!k) return html``;
  const c = texts(ctx.locale).councilCheck.pages;
  return html`<p class="formal-finding">${
    k.formalAnswers.length > 0
      ? html`<a href="#formal-answers">${interpolate(c.conclusionFormal, { n: k.formalAnswers.length })}</a>`
      : c.conclusionNoFormal
  }</p>`;
}
