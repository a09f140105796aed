import { texts } from '../common/i18n/catalogue';
import { VERDICTS } from '../remarks/answer-verdict.entity';
import type { Verdict } from '../remarks/answer-verdict.entity';
import { VERDICT_REASON_MAX, VERDICT_REASON_MIN } from '../remarks/remarks.dto';
import { timeTag } from './format';
import { csrfField } from './forms/csrf';
import { formAlert, radioGroup, textArea } from './forms/fields';
import type { FormState } from './forms/form';
import { firstError } from './forms/form';
import type { SafeHtml } from './html';
import { html, htmlMessage } from './html';
import type { PageContext } from './layout';
import type { RemarkRow } from './public-pages.repository';

/** The verdict form's fields: the API's VerdictDto, and where to go back to after success. */
export const VERDICT_FIELDS = ['verdict', 'reason', 'answerVersion', 'from'] as const;
export type VerdictField = (typeof VERDICT_FIELDS)[number];
/** Where a verdict form stands: its own page (the e-mail's link), the plan page, or "my remarks". */
export const VERDICT_FROM = ['page', 'plan', 'my'] as const;
export type VerdictFrom = (typeof VERDICT_FROM)[number];

/** A verdict as the pages show it. */
export interface ShownVerdict {
  verdict: Verdict;
  reason: string | null;
  at: Date;
  version: number;
}

/** The author's most recent verdict on the remark's answer, as a page shows it. */
export function shownVerdict(r: Pick<RemarkRow, 'verdict' | 'verdict_reason' | 'verdict_at' | 'verdict_version'>): ShownVerdict | null {
  return r.verdict && r.verdict_at && r.verdict_version !== null
    ? { verdict: r.verdict, reason: r.verdict_reason, at: r.verdict_at, version: Number(r.verdict_version) }
    : null;
}

/** The author's verdict beside an answer, for everyone: reasoned or formal, for which version, when, and the reason. */
export function verdictShown(ctx: PageContext, v: ShownVerdict | null, tz: string, id: string): SafeHtml {
  const s = texts(ctx.locale).verdicts;
  if (!v) return html`<p class="verdict-note verdict-none" id="${id}">${s.shown.none}</p>`;
  return html`<div class="verdict verdict-${v.verdict}" id="${id}">
    <p><strong>${s.shown.heading}:</strong> <span class="verdict-word">${htmlMessage(s.shown.verdict, { verdict: s.words[v.verdict], version: v.version, time: timeTag(v.at, tz, ctx.locale) })}</span></p>
    ${v.reason ? html`<p class="body verdict-reason">${v.reason}</p>` : ''}
  </div>`;
}

export interface VerdictFormOptions {
  remarkId: string;
  /** The latest answer version, which the form judges. */
  version: number;
  closesAt: Date;
  tz: string;
  /** The author's current verdict on this version, to start the form with and to word the button. */
  current: { verdict: Verdict; reason: string | null } | null;
  from: VerdictFrom;
  /** The state after a refused POST (values typed and errors). */
  state?: FormState<VerdictField>;
  /** The form's heading level: it sits under an h2 or h3 of its page. */
  heading: 'h2' | 'h3' | 'h4';
}

/** The author's verdict form (POST /remarks/:id/verdict, checked by the API's VerdictDto); ids are unique per remark. */
export function verdictForm(ctx: PageContext, o: VerdictFormOptions): SafeHtml {
  const s = texts(ctx.locale).verdicts;
  const id = o.remarkId;
  const errors = o.state?.errors ?? {};
  const focus = firstError(errors, VERDICT_FIELDS);
  const verdict = o.state?.values.verdict ?? o.current?.verdict ?? '';
  const reason = o.state?.values.reason ?? o.current?.reason ?? '';
  const title = s.shown.formTitle;
  return html`<form class="form verdict-form" id="verdict-form-${id}" method="post" action="/remarks/${id}/verdict" novalidate>
  ${o.heading === 'h2' ? html`<h2 id="verdict-title-${id}">${title}</h2>` : o.heading === 'h3' ? html`<h3 id="verdict-title-${id}">${title}</h3>` : html`<h4 id="verdict-title-${id}">${title}</h4>`}
  ${formAlert(o.state?.formError, `verdict-alert-${id}`)}
  <p class="verdict-note">${htmlMessage(s.page.until, { time: timeTag(o.closesAt, o.tz, ctx.locale) })} ${s.page.notAppeal}</p>
  ${csrfField(ctx.csrf)}
  <input type="hidden" name="answerVersion" value="${String(o.version)}">
  <input type="hidden" name="from" value="${o.from}">
  ${radioGroup({ id: `verdict-${id}`, name: 'verdict', errorId: `verdict-error-${id}`, legend: s.page.legend, error: errors.verdict ?? null, focus: focus === 'verdict', required: true, value: verdict, choices: VERDICTS.map((v) => [v, s.choices[v]] as const) })}
  ${textArea({ id: `verdict-reason-${id}`, name: 'reason', errorId: `verdict-reason-error-${id}`, hintId: `verdict-reason-hint-${id}`, label: s.page.reasonLabel, hint: s.page.reasonHint({ min: VERDICT_REASON_MIN, max: VERDICT_REASON_MAX }), error: errors.reason ?? null, focus: focus === 'reason', value: reason, rows: 4, maxlength: VERDICT_REASON_MAX })}
  <div><button type="submit">${o.current ? s.page.change : s.page.submit}</button></div>
</form>`;
}
