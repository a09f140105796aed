import { answerTextFor, pageReader, reasonTextFor, remarkTextHtml } from '../remark-text';
import { texts } from '../../common/i18n/catalogue';
import { LocalizedText } from '../../common/i18n/localized-text';
import { localizedBlock, localizedInline } from '../localized';
import type { VerdictContext } from '../../remarks/verdicts.service';
import { timeTag } from '../format';
import { flash, formAlert } from '../forms/fields';
import type { FormState } from '../forms/form';
import type { SafeHtml } from '../html';
import { html, htmlMessage } from '../html';
import type { PageContext } from '../layout';
import { layout } from '../layout';
import type { VerdictField, VerdictFrom } from '../verdict-parts';
import { verdictForm, verdictShown } from '../verdict-parts';

export interface VerdictPageData {
  context: VerdictContext;
  /** The reader is the remark's author. */
  isAuthor: boolean;
  /** The verdict was just recorded (?done=verdict). */
  recorded: boolean;
  state?: FormState<VerdictField>;
}

/**
 * The e-mail's link: the remark, the latest answer and the author's verdict form while its window is
 * open. Says that a verdict is a public opinion, not an appeal under the Administrative Procedural Code.
 */
export function verdictPage(ctx: PageContext, d: VerdictPageData): SafeHtml {
  const { t, locale } = ctx;
  const s = texts(locale).verdicts.page;
  const r = d.context.row;
  const tz = r.time_zone;
  const answered = r.answer_version !== null && r.answer_body !== null;
  const reader = pageReader(ctx, r.organization_id);
  const current =
    r.verdict && r.verdict_at
      ? { verdict: r.verdict, reason: reasonTextFor(r.verdict_reason, r.author_id, reader), at: r.verdict_at, version: r.answer_version! }
      : null;
  const closesAt = d.context.closesAt;
  let action: SafeHtml;
  if (!answered) action = html`<p class="pending" id="verdict-state">${s.notAnswered}</p>`;
  else if (!d.isAuthor) action = html`<p class="meta" id="verdict-state">${s.notYours}</p>`;
  else if (!d.context.open || !closesAt)
    action = html`${formAlert(d.state?.formError, 'verdict-alert')}<p class="notice-error" id="verdict-state">${htmlMessage(s.closed, { time: closesAt ? timeTag(closesAt, tz, locale) : '' })}</p>`;
  else
    action = verdictForm(ctx, {
      remarkId: r.remark_id,
      version: r.answer_version!,
      closesAt,
      tz,
      current,
      from: (d.state?.values.from as VerdictFrom | undefined) ?? 'page',
      state: d.state,
      heading: 'h2',
    });
  const body = html`<h1>${s.title}</h1>
${flash(d.recorded ? s.recorded : null)}
<p>${s.intro}</p>
<p class="notice-info" id="not-an-appeal">${s.notAppeal}</p>
<p class="meta">${s.plan}: <a href="/plans/${r.plan_id}#remark-${r.remark_id}">${localizedInline(LocalizedText.fromStored(r.plan_title), locale)}</a></p>
<section class="remark" aria-labelledby="verdict-remark">
  <h2 id="verdict-remark">${s.remark}</h2>
  <p class="meta"><span class="badge stage">${r.stage === 2 ? t.stage2 : t.stage1}</span> ${timeTag(r.remark_created_at, tz, locale)}</p>
  ${remarkTextHtml(ctx, { author_id: r.author_id, body: r.remark_body, hidden_at: r.hidden_at, hidden_reason: r.hidden_reason, language: r.remark_language }, reader, tz)}
  ${
    answered
      ? html`<section class="answer" aria-labelledby="verdict-answer">
    <h3 id="verdict-answer">${s.answer}: <span class="disposition">${t.disposition[r.answer_disposition ?? ''] ?? r.answer_disposition}</span></h3>
    <p class="meta">${s.version({ n: r.answer_version! })} · ${htmlMessage(s.publishedOn, { time: timeTag(r.answer_published_at!, tz, locale) })}</p>
    ${localizedBlock(answerTextFor(LocalizedText.fromStored(r.answer_body), r.author_id, reader), locale, 'p', 'body')}
    ${verdictShown(ctx, current, tz, 'verdict-shown')}
  </section>`
      : ''
  }
</section>
${action}
<p class="more"><a class="button secondary" href="/plans/${r.plan_id}#remark-${r.remark_id}">${s.backToPlan}</a></p>`;
  return layout(ctx, { title: s.title, body });
}
