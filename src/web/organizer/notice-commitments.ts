import { texts } from '../../common/i18n/catalogue';
import { LOCALES } from '../../common/i18n/locale';
import type { LocalizedText } from '../../common/i18n/localized-text';
import { localizedBlock } from '../localized';
import type { CommitmentInput } from '../../commitments/commitment-rules';
import type { CommitmentView } from '../../commitments/commitments.service';
import { COMMITMENT_STATUSES } from '../../commitments/commitment.entity';
import type { AppError } from '../../common/errors/app-error';
import { csrfField } from '../forms/csrf';
import { field, formAlert, type Choice } from '../forms/fields';
import type { Errors, FormState } from '../forms/form';
import { firstError, text } from '../forms/form';
import type { SafeHtml } from '../html';
import { html } from '../html';
import type { PageContext } from '../layout';
import type { HiddenState } from '../../remarks/remark-moderation';
import { hiddenStatement } from '../remark-text';

/** A row of the commitments table: the remark and the answer that made the commitment, and what is said of it now. */
export interface CommitmentRow {
  remarkId: string;
  /** The remark as the organizer reads it: null when hidden by a moderator (then `hidden` says when and why). */
  remarkBody: string | null;
  hidden?: HiddenState | null;
  authorName: string;
  answer: { body: LocalizedText; disposition: 'accepted' | 'partially_accepted' } | null;
  /** The current version (later versions' form), or null. */
  current: { version: number; status: string; document: string | null; location: string | null; explanation: string } | null;
  pending: boolean;
}

const MAX_ROWS = 1000;
const key = (i: number, part: string) => `c${i}${part}`;

/** The rows' fields: c<i>Remark (hidden), c<i>Status, c<i>Document, c<i>Location, c<i>Explanation. */
export function commitmentFieldOrder(count: number): string[] {
  return Array.from({ length: count }, (_, i) => ['Status', 'Document', 'Location', 'Explanation'].map((p) => key(i + 1, p))).flat();
}

/**
 * The commitments typed into the table. `documentOf` turns the document select's value into a
 * title (the notice form offers its document rows; later versions the notice's titles).
 * `skipBlank`: rows left entirely empty are not sent (later versions).
 */
export function readCommitments(
  body: unknown,
  values: Record<string, string>,
  documentOf: (value: string) => string,
  skipBlank: boolean,
): CommitmentInput[] {
  const out: CommitmentInput[] = [];
  for (let i = 1; i <= MAX_ROWS; i++) {
    const remarkId = text(body, key(i, 'Remark'));
    if (!remarkId) break;
    const [status, document, location, explanation] = ['Status', 'Document', 'Location', 'Explanation'].map(
      (p) => (values[key(i, p)] = text(body, key(i, p))),
    );
    values[key(i, 'Remark')] = remarkId;
    if (skipBlank && !status && !location.trim() && !explanation.trim()) continue;
    out.push({
      remarkId,
      status: (COMMITMENT_STATUSES as readonly string[]).includes(status) ? (status as CommitmentInput['status']) : undefined,
      document: status === 'implemented' && document ? documentOf(document) : null,
      location: location.trim() || null,
      explanation: explanation.trim() || null,
    });
  }
  return out;
}

/** Above a refused notice form: how many commitment rows are unfinished (null when none). */
export function unfinishedCommitments(ctx: PageContext, state: FormState | undefined): string | null {
  const n = Object.keys(state?.errors ?? {}).filter((k) => /^c\d+Status$/.test(k)).length;
  return n > 0 ? texts(ctx.locale).commitments.organizer.incomplete({ n }) : null;
}

/** COMMITMENTS_INCOMPLETE next to the unfinished rows (their status field). */
export function missingRows(ctx: PageContext, values: Record<string, string>): (error: AppError) => Errors {
  return (error) => {
    const missing = (error.fields.missing as string[] | undefined) ?? [];
    const errors: Errors = {};
    for (let i = 1; values[key(i, 'Remark')]; i++) {
      if (missing.includes(values[key(i, 'Remark')])) errors[key(i, 'Status')] = texts(ctx.locale).commitments.organizer.rowError;
    }
    return errors;
  };
}

/** The table of commitments: each row prefilled with its remark and answer, its controls labelled, its error beside it. */
export function commitmentsTable(
  ctx: PageContext,
  rows: CommitmentRow[],
  documents: readonly Choice[],
  form: FormState | undefined,
  focusFirst: boolean,
): SafeHtml {
  const c = texts(ctx.locale).commitments;
  const m = c.organizer;
  const v = form?.values ?? {};
  const focus = focusFirst ? firstError(form?.errors, commitmentFieldOrder(rows.length)) : null;
  const statuses: Choice[] = COMMITMENT_STATUSES.map((s) => [s, c.statuses[s]] as const);
  const body = rows.map((r, n) => {
    const i = n + 1;
    const value = (part: string, fallback: string | null | undefined) => v[key(i, part)] ?? fallback ?? '';
    const o = (part: string, label: string) => ({
      id: key(i, part),
      label: html`${label} <span class="meta">(${m.rowErrorPrefix} ${i})</span>`,
      error: form?.errors[key(i, part)] ?? null,
      focus: focus === key(i, part),
    });
    const current = r.current;
    const option = (choices: readonly Choice[], selected: string) =>
      choices.map(([val, label]) => html`<option value="${val}"${val === selected ? html` selected` : ''}>${label}</option>`);
    return html`<tr id="commitment-row-${r.remarkId}"${form?.errors[key(i, 'Status')] ? html` class="row-error"` : ''}>
      <th scope="row"><input type="hidden" name="${key(i, 'Remark')}" value="${r.remarkId}">${r.remarkBody === null && r.hidden ? html`<p class="hidden-remark">${hiddenStatement(ctx, r.hidden, null)}</p>` : html`<p class="body">${r.remarkBody}</p>`}
        <p class="meta">${r.authorName}</p>
        ${current ? html`<p class="meta">${m.laterCurrent({ version: current.version })}</p>` : r.pending ? html`<p class="meta">${m.laterNew}</p>` : ''}</th>
      <td>${r.answer ? html`<p><strong>${c.dispositions[r.answer.disposition]}</strong></p>${localizedBlock(r.answer.body, ctx.locale, 'p', 'body')}` : ''}</td>
      <td>${field(o('Status', m.status), (a) => html`<select id="${key(i, 'Status')}" name="${key(i, 'Status')}"${a}><option value="">${m.chooseStatus}</option>${option(statuses, value('Status', current?.status))}</select>`)}
        ${field(o('Document', m.document), (a) => html`<select id="${key(i, 'Document')}" name="${key(i, 'Document')}"${a}><option value="">${m.chooseDocument}</option>${option(documents, value('Document', current?.document))}</select>`)}
        ${field(o('Location', m.location), (a) => html`<input type="text" id="${key(i, 'Location')}" name="${key(i, 'Location')}" value="${value('Location', current?.location)}" maxlength="500"${a}>`)}</td>
      <td>${field(o('Explanation', m.explanation), (a) => html`<textarea id="${key(i, 'Explanation')}" name="${key(i, 'Explanation')}" rows="4" maxlength="5000"${a}>${value('Explanation', current?.explanation)}</textarea>`)}</td>
    </tr>`;
  });
  return html`<div class="table-wrap"><table class="commitments">
    <caption>${m.caption}</caption>
    <thead><tr><th scope="col">${m.remark}</th><th scope="col">${m.answer}</th><th scope="col">${m.status}, ${m.document}, ${m.location}</th><th scope="col">${m.explanation}</th></tr></thead>
    <tbody>${body}</tbody>
  </table></div>`;
}

/** The notice form's section: the table of every commitment, or that there is none. */
export function noticeCommitmentsSection(
  ctx: PageContext,
  rows: CommitmentRow[],
  documentRows: number,
  form: FormState | undefined,
  focusFirst: boolean,
): SafeHtml {
  const m = texts(ctx.locale).commitments.organizer;
  const v = form?.values ?? {};
  const documents: Choice[] = Array.from({ length: documentRows }, (_, n) => {
    // the row's title as typed, the reader's language first (the title is a kk/ru/en field group)
    const order = [ctx.locale, ...LOCALES.filter((lang) => lang !== ctx.locale)];
    const title = order.map((lang) => (v[`doc${n + 1}Title_${lang}`] ?? '').trim()).find((x) => x) ?? '';
    return [String(n + 1), title ? `${n + 1}. ${title}` : m.documentRow({ n: n + 1 })] as const;
  });
  return html`<section aria-labelledby="commitments-title">
    <h3 id="commitments-title">${m.tableTitle}</h3>
    ${rows.length === 0 ? html`<p>${m.none}</p>` : html`<p class="hint">${m.tableIntro}</p>${commitmentsTable(ctx, rows, documents, form, focusFirst)}`}
  </section>`;
}

/** The form for later versions (after the notice, until the outcome): the table with every commitment and what is said of it now. */
export function laterCommitmentsForm(
  ctx: PageContext,
  planId: string,
  commitments: CommitmentView[],
  titles: string[],
  form: FormState | undefined,
): SafeHtml {
  const m = texts(ctx.locale).commitments.organizer;
  // a commitment whose answer no longer accepts the remark cannot get a new version: it is not offered
  const rows: CommitmentRow[] = commitments
    .filter((x) => x.answer !== null)
    .map((x) => ({
      remarkId: x.remarkId,
      remarkBody: x.remark.body,
      hidden: x.remark.hidden,
      authorName: x.remark.authorName,
      answer: x.answer,
      current:
        x.version !== null && x.status !== 'pending'
          ? { version: x.version, status: x.status, document: x.document, location: x.location, explanation: x.explanation ?? '' }
          : null,
      pending: x.pending,
    }));
  const documents: Choice[] = titles.map((t) => [t, t] as const);
  return html`<form class="form" id="commitments" method="post" action="/organizer/plans/${planId}/commitments" novalidate aria-labelledby="commitments-later-title">
  <h2 id="commitments-later-title">${m.laterTitle}</h2>
  ${formAlert(form?.formError)}
  <p class="hint">${m.laterIntro}</p>
  ${csrfField(ctx.csrf)}
  ${rows.length === 0 ? html`<p>${m.none}</p>` : commitmentsTable(ctx, rows, documents, form, true)}
  ${rows.length === 0 ? '' : html`<div><button type="submit">${m.laterButton}</button></div>`}
</form>`;
}
