import { texts } from '../common/i18n/catalogue';
import type { CommitmentVersionView, CommitmentView } from '../commitments/commitments.service';
import { COMMITMENT_REASON_MAX } from '../commitments/commitments.dto';
import { timeTag } from './format';
import { csrfField } from './forms/csrf';
import { flash, formAlert, radioGroup, textArea } from './forms/fields';
import type { FormState } from './forms/form';
import type { SafeHtml } from './html';
import { html, htmlMessage } from './html';
import type { PageContext } from './layout';
import type { LocalizedText } from '../common/i18n/localized-text';
import { localizedBlock, localizedInline } from './localized';
import { containsPersonalData } from '../common/personal-data';
import { hiddenReasonText, hiddenStatement } from './remark-text';

export const COMMITMENT_VERDICT_FIELDS = ['verdict', 'reason'] as const;
export type CommitmentVerdictField = (typeof COMMITMENT_VERDICT_FIELDS)[number];

export interface CommitmentsData {
  planId: string;
  tz: string;
  commitments: CommitmentView[];
  /** The signed-in user's remarks among them (who may confirm or dispute). */
  own: ReadonlySet<string>;
  /** The refused verdict form, or the confirmation after one. */
  form?: { remarkId: string; state: FormState<CommitmentVerdictField> };
  done: boolean;
  /** The current notice's document titles: a commitment names one by any version, the page shows the reader's. */
  documentTitles?: readonly LocalizedText[];
}

/** The document a commitment names, as the notice titles it in the reader's language (a fallback marked); else as typed. */
function documentName(ctx: PageContext, document: string, titles: readonly LocalizedText[]): SafeHtml {
  const title = titles.find((t) => t.languages().some((lang) => t.get(lang) === document));
  return title ? localizedInline(title, ctx.locale) : html`${document}`;
}

function where(
  ctx: PageContext,
  v: Pick<CommitmentVersionView, 'status' | 'document' | 'location' | 'explanation'>,
  titles: readonly LocalizedText[],
): SafeHtml {
  const c = texts(ctx.locale).commitments.page;
  return html`<dl class="facts">
    <dt>${c.status}</dt><dd><strong>${texts(ctx.locale).commitments.statuses[v.status]}</strong></dd>
    ${v.document ? html`<dt>${c.document}</dt><dd>${documentName(ctx, v.document, titles)}</dd>` : ''}
    ${v.location ? html`<dt>${c.location}</dt><dd>${v.location}</dd>` : ''}
    <dt>${c.explanation}</dt><dd class="body">${v.explanation}</dd>
  </dl>`;
}

function verdictLine(ctx: PageContext, v: CommitmentVersionView['authorVerdict'], d: CommitmentsData): SafeHtml {
  const t = texts(ctx.locale).commitments;
  if (!v) return html`<p class="meta">${t.page.verdictNone}</p>`;
  return html`<p><strong>${htmlMessage(t.page.verdictLine, { verdict: t.verdicts[v.verdict], time: timeTag(v.at, d.tz, ctx.locale) })}</strong></p>
    ${v.reason ? html`<p class="meta">${t.page.verdictReason}:</p><p class="body">${v.reason}</p>` : ''}
    ${v.disputeRemarkId ? html`<p><a href="/plans/${d.planId}#remark-${v.disputeRemarkId}">${t.page.disputeRemark}</a></p>` : ''}`;
}

function verdictForm(ctx: PageContext, d: CommitmentsData, x: CommitmentView): SafeHtml {
  const c = texts(ctx.locale).commitments.page;
  const state = d.form?.remarkId === x.remarkId ? d.form.state : undefined;
  const id = (name: string) => `${name}-${x.remarkId}`;
  const vErr = state?.errors.verdict ?? null;
  const rErr = state?.errors.reason ?? null;
  return html`<form class="form" method="post" action="/plans/${d.planId}/commitments/${x.remarkId}/verdict" novalidate aria-labelledby="${id('verdict-title')}">
    <h4 id="${id('verdict-title')}">${c.formTitle}</h4>
    ${formAlert(state?.formError, id('verdict-form-error'))}
    <p class="hint">${htmlMessage(c.formHint, { time: x.verdictClosesAt ? timeTag(x.verdictClosesAt, d.tz, ctx.locale) : '' })}</p>
    ${csrfField(ctx.csrf)}
    ${radioGroup({ id: id('verdict'), name: 'verdict', legend: c.verdictLabel, error: vErr, focus: !!vErr, required: true, value: state?.values.verdict ?? '', choices: [['confirmed', c.confirm] as const, ['disputed', c.dispute] as const] })}
    ${textArea({ id: id('reason'), name: 'reason', label: c.reasonLabel, hint: c.reasonHint, error: rErr, focus: !!rErr && !vErr, value: state?.values.reason ?? '', rows: 4, maxlength: COMMITMENT_REASON_MAX })}
    <div><button type="submit">${c.submit}</button></div>
  </form>`;
}

/** The commitment's remark as the service gave it for this reader: the hidden statement, the hidden-for-the-public note, the masking note. */
function remarkOfCommitment(ctx: PageContext, x: CommitmentView, tz: string): SafeHtml {
  const m = texts(ctx.locale).moderation;
  const r = x.remark;
  if (r.body === null && r.hidden) return html`<p class="hidden-remark">${hiddenStatement(ctx, r.hidden, tz)}</p>`;
  return html`${r.hidden ? html`<p class="meta hidden-remark">${htmlMessage(m.hiddenForAuthor, { at: timeTag(r.hidden.at, tz, ctx.locale), reason: hiddenReasonText(ctx, r.hidden.reason) })}</p>` : ''}
    <p class="body">${r.body ?? ''}</p>
    ${r.masked && r.body !== null && containsPersonalData(r.body) ? html`<p class="meta masked-note">${m.maskedNote}</p>` : ''}`;
}

function commitmentItem(ctx: PageContext, d: CommitmentsData, x: CommitmentView): SafeHtml {
  const t = texts(ctx.locale).commitments;
  const c = t.page;
  const dt = (s: string) => timeTag(s, d.tz, ctx.locale);
  const mine = d.own.has(x.remarkId);
  return html`<li class="remark commitment" id="commitment-${x.remarkId}">
    <p class="meta">${c.remark} · ${c.by({ name: x.remark.authorName })}</p>
    ${remarkOfCommitment(ctx, x, d.tz)}
    ${x.answer ? html`<p class="meta">${c.answer}: ${t.dispositions[x.answer.disposition]}</p>${localizedBlock(x.answer.body, ctx.locale, 'p', 'body')}` : ''}
    ${
      x.status === 'pending' || x.version === null || x.publishedAt === null || x.explanation === null
        ? html`<p class="pending">${c.pending}</p>`
        : html`<h3 class="card-title">${t.statuses[x.status]}</h3>
        <p class="meta">${htmlMessage(c.versionLine, { version: x.version, time: dt(x.publishedAt) })}</p>
        ${where(ctx, { status: x.status, document: x.document, location: x.location, explanation: x.explanation }, d.documentTitles ?? [])}
        ${x.pending ? html`<p class="pending">${c.pendingNewVersion}</p>` : ''}
        ${verdictLine(ctx, x.authorVerdict, d)}
        ${mine && x.verdictOpen ? verdictForm(ctx, d, x) : d.form?.remarkId === x.remarkId ? formAlert(d.form.state.formError, `verdict-form-error-${x.remarkId}`) : ''}
        ${
          x.history.length
            ? html`<details class="history"><summary>${c.history({ n: x.history.length })}</summary>
            ${[...x.history].reverse().map(
              (
                v,
              ) => html`<div class="version"><p class="meta">${htmlMessage(c.versionLine, { version: v.version, time: dt(v.publishedAt) })}</p>
              ${where(ctx, v, d.documentTitles ?? [])}${verdictLine(ctx, v.authorVerdict, d)}</div>`,
            )}</details>`
            : ''
        }`
    }
  </li>`;
}

/** The plan page's commitments: each with its status, document and place, explanation, versions and the author's verdict; the author's form while open. */
export function commitmentsSection(ctx: PageContext, d: CommitmentsData): SafeHtml {
  if (d.commitments.length === 0) return html``;
  const c = texts(ctx.locale).commitments.page;
  return html`<section aria-labelledby="commitments">
  <h2 id="commitments">${c.title}</h2>
  <p>${c.intro}</p>
  ${flash(d.done ? c.done : null, 'commitment-flash')}
  <ol class="remarks">${d.commitments.map((x) => commitmentItem(ctx, d, x))}</ol>
</section>`;
}
