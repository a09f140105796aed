import { organizerReader, remarkTextHtml } from '../remark-text';
import { texts } from '../../common/i18n/catalogue';
import { interpolate } from '../../common/i18n/locale';
import { timeTag } from '../format';
import type { SafeHtml } from '../html';
import { html, htmlMessage } from '../html';
import type { PageContext } from '../layout';
import type { ReviewView } from '../../reviews/reviews.service';
import { LocalizedText } from '../../common/i18n/localized-text';
import { localizedBlock, localizedInline } from '../localized';
import type { AnswerRow, CalledFormalRow, FindingRow } from './organizer-pages.repository';

/** The organizer's side of the council's check: the queue's two lists and the answer correction form. */

/** A published text of a raw row (jsonb, or a string of a row not yet typed as LocalizedText). */
function stored(value: unknown): LocalizedText | null {
  return LocalizedText.fromStored(value);
}

/** `template` with `{key}` replaced by markup (a published text with its lang marking); other params interpolated. */
function withText(template: string, key: string, text: SafeHtml, params: Record<string, string | number> = {}): SafeHtml {
  const [before, after] = interpolate(template, params).split(`{${key}}`);
  return html`${before}${text}${after ?? ''}`;
}

function disposition(ctx: PageContext, value: string): string {
  return ctx.t.disposition[value] ?? value;
}

function answerItem(ctx: PageContext, a: AnswerRow, tz: string, idPrefix: string, extra: SafeHtml): SafeHtml {
  const k = texts(ctx.locale).councilCheck.organizer;
  const { t } = ctx;
  return html`<li class="remark" id="${idPrefix}-${a.remark_id}">
  <h3 class="card-title">${withText(k.remarkOn, 'plan', localizedInline(stored(a.plan_title), ctx.locale), { stage: a.stage === 2 ? t.stage2 : t.stage1 })}</h3>
  ${extra}
  <p class="meta">${htmlMessage(t.remarkBy, { name: a.author_name, time: timeTag(a.created_at, tz, ctx.locale) })}</p>
  ${remarkTextHtml(ctx, a, organizerReader(ctx), tz)}
  <div class="answer"><p><strong>${interpolate(k.answerNow, { n: a.answer_version, disposition: disposition(ctx, a.disposition) })}</strong></p>
    ${localizedBlock(stored(a.answer_body), ctx.locale, 'p', 'body')}</div>
  <p><a class="button" href="/organizer/remarks/${a.remark_id}/correction">${k.correct}</a></p>
</li>`;
}

/** The corrections the council demands (until published) and the answers their authors called formal, above the remarks queue. */
export function councilCheckSections(ctx: PageContext, findings: FindingRow[], called: CalledFormalRow[], tz: string): SafeHtml {
  const k = texts(ctx.locale).councilCheck.organizer;
  const dt = (d: Date) => timeTag(d, tz, ctx.locale);
  return html`<section aria-labelledby="council-findings"><h2 id="council-findings">${k.findingsTitle}</h2>
${
  findings.length === 0
    ? html`<p>${k.findingsEmpty}</p>`
    : html`<p>${k.findingsIntro}</p><ol class="remarks">${findings.map((f) =>
        answerItem(
          ctx,
          f,
          tz,
          'finding',
          html`<p class="pending overdue"><span class="badge late">${htmlMessage(k.foundBy, { time: dt(f.found_at), votes: f.votes, members: f.members_count })}</span></p>`,
        ),
      )}</ol>`
}
</section>
<section aria-labelledby="called-formal"><h2 id="called-formal">${k.calledTitle}</h2>
${
  called.length === 0
    ? html`<p>${k.calledEmpty}</p>`
    : html`<p>${k.calledIntro}</p><ol class="remarks">${called.map((c) =>
        answerItem(
          ctx,
          c,
          tz,
          'called',
          html`<p class="pending">${htmlMessage(k.calledOn, { time: dt(c.verdict_at) })}</p>
          ${c.reason ? html`<p class="body">${interpolate(texts(ctx.locale).councilCheck.pages.reason, { reason: c.reason })}</p>` : ''}`,
        ),
      )}</ol>`
}
</section>`;
}

/** On the outcome page, before trying: the council's review is still open, or answers it found formal await a correction. */
export function outcomeWaitsFor(ctx: PageContext, review: ReviewView | null, tz: string, now: Date): SafeHtml {
  const k = texts(ctx.locale).councilCheck.organizer;
  if (review && !review.conclusion && review.closesAt && new Date(review.closesAt).getTime() >= now.getTime()) {
    return html`<p class="notice-error" id="outcome-review-open">${htmlMessage(k.outcomeReviewOpen, { time: timeTag(review.closesAt, tz, ctx.locale) })}</p>`;
  }
  const pending = (review?.formalAnswers ?? []).filter((f) => f.foundFormal && !f.correctedAt).length;
  return pending > 0
    ? html`<p class="notice-error" id="outcome-findings">${interpolate(k.outcomeFindings, { n: pending })} <a href="/organizer/remarks#council-findings">${k.findingsTitle}</a></p>`
    : html``;
}

/* The correction form (/organizer/remarks/:remarkId/correction) lives in answer-correction.pages.ts. */
