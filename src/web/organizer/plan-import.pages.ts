import { texts } from '../../common/i18n/catalogue';
import { interpolate } from '../../common/i18n/locale';
import { IMPORT_LIMITS } from '../../plan-import/plan-import.columns';
import { rowErrorMessage } from '../../plan-import/plan-import.messages';
import type { ImportOutcome, ImportRow } from '../../plan-import/plan-import.service';
import { csrfField } from '../forms/csrf';
import { ANNUAL_PLAN_SAMPLE_PATH } from '../static-assets';
import { formAlert } from '../forms/fields';
import type { SafeHtml } from '../html';
import { html } from '../html';
import type { PageContext } from '../layout';
import { layout } from '../layout';

/** Page bodies of /organizer/import: the upload form, the preview of a file and the result of its import. */

/** Where the form of each step posts (multipart/form-data: plan-import.uploads.ts reads it). */
export const IMPORT_PREVIEW_PATH = '/organizer/import/preview';
export const IMPORT_CONFIRM_PATH = '/organizer/import';

function intro(ctx: PageContext): SafeHtml {
  const p = texts(ctx.locale).planImport.page;
  return html`<p>${p.intro}</p>
<p class="meta">${p.columnsHint} ${interpolate(p.limits, { kb: IMPORT_LIMITS.maxBytes / 1024, rows: IMPORT_LIMITS.maxRows })}</p>
<p><a href="${ANNUAL_PLAN_SAMPLE_PATH}" download="annual-plan-sample.csv" type="text/csv">${p.sample}</a></p>`;
}

function uploadForm(ctx: PageContext, error: string | null): SafeHtml {
  const p = texts(ctx.locale).planImport.page;
  return html`<form class="form" method="post" action="${IMPORT_PREVIEW_PATH}" enctype="multipart/form-data" novalidate>
  ${csrfField(ctx.csrf)}
  <div class="field"><label for="file">${p.file}</label>
    ${error ? html`<p class="error" id="file-error">${error}</p>` : ''}
    <input type="file" id="file" name="file" accept=".csv,text/csv" required${error ? html` aria-describedby="file-error" aria-invalid="true" autofocus` : ''}>
  </div>
  <div><button type="submit">${p.previewButton}</button></div>
</form>`;
}

/** The upload form, with the refusal of the last file next to its field. */
export function importPage(ctx: PageContext, error: string | null = null): SafeHtml {
  const p = texts(ctx.locale).planImport.page;
  const body = html`<h1>${p.title}</h1>
<p><a href="/organizer">${texts(ctx.locale).pages.organizer.plansTitle}</a></p>
${intro(ctx)}
${error ? formAlert(error) : ''}
${uploadForm(ctx, error)}`;
  return layout(ctx, { title: p.title, body });
}

function rowId(r: ImportRow): string {
  return `row-${r.row}`;
}

/** The rows in a table: the status and each problem naming its column first (what the organizer must see without scrolling), then every value as read. */
function rowsTable(ctx: PageContext, caption: string, rows: ImportRow[]): SafeHtml {
  const t = texts(ctx.locale).planImport;
  const c = t.columns;
  return html`<div class="table-wrap" role="region" aria-label="${caption}" tabindex="0"><table class="import-rows">
  <caption>${caption}</caption>
  <thead><tr>
    <th scope="col">${t.page.colRow}</th><th scope="col">${t.page.colStatus}</th><th scope="col">${t.page.colErrors}</th>
    <th scope="col">${c.planPointNumber}</th><th scope="col">${c.nameKk}</th><th scope="col">${c.nameRu}</th>
    <th scope="col">${c.subjectCode}</th><th scope="col">${c.method}</th><th scope="col">${c.amount}</th><th scope="col">${c.quarter}</th>
    <th scope="col">${c.deliveryPlaceKk}</th><th scope="col">${c.deliveryPlaceRu}</th>
  </tr></thead>
  <tbody>${rows.map((r) => {
    const v = r.values;
    const link = r.planId ? html` <a href="/organizer/plans/${r.planId}">${r.planPointNumber ?? ''}</a>` : '';
    const quarter = v.quarter && v.year && /^\s*\S{1,3}\s*$/.test(v.quarter) ? `${v.year} ${v.quarter}` : v.quarter;
    return html`<tr id="${rowId(r)}"${r.errors.length ? html` aria-describedby="${rowId(r)}-errors"` : ''}>
    <th scope="row">${r.row}</th>
    <td>${t.statuses[r.status]}${link}</td>
    <td id="${rowId(r)}-errors">${r.errors.length ? html`<ul class="errors">${r.errors.map((e) => html`<li>${rowErrorMessage(e, ctx.locale)}</li>`)}</ul>` : ''}</td>
    <td class="nowrap">${v.planPointNumber}</td><td lang="kk">${v.nameKk}</td><td lang="ru">${v.nameRu}</td>
    <td>${v.subjectCode}</td><td>${v.method}</td><td class="nowrap">${v.amount}</td><td class="nowrap">${quarter}</td><td lang="kk">${v.deliveryPlaceKk}</td><td lang="ru">${v.deliveryPlaceRu}</td>
  </tr>`;
  })}</tbody>
</table></div>`;
}

/** The rows with problems, each linked to its row of the table. */
function errorSummary(ctx: PageContext, rows: ImportRow[]): SafeHtml {
  const t = texts(ctx.locale).planImport;
  const bad = rows.filter((r) => r.errors.length > 0);
  if (bad.length === 0) return html``;
  return html`<div class="notice-error" role="alert" id="import-errors"><p>${t.page.invalidNote}</p>
  <ul>${bad.map((r) => html`<li><a href="#${rowId(r)}">${t.page.colRow} ${r.row}</a>: ${r.errors.map((e) => rowErrorMessage(e, ctx.locale)).join(' ')}</li>`)}</ul></div>`;
}

function summaryLine(ctx: PageContext, outcome: ImportOutcome): string {
  const s = outcome.summary;
  return interpolate(texts(ctx.locale).planImport.page.summary, { total: s.total, new: s.new, exists: s.exists, invalid: s.invalid });
}

/** The preview: what each row would become, and a confirm form carrying the same file. */
export function previewPage(ctx: PageContext, outcome: ImportOutcome, csv: string, fileName: string): SafeHtml {
  const p = texts(ctx.locale).planImport.page;
  const body = html`<h1>${p.previewTitle}</h1>
<p><a href="/organizer/import">${p.another}</a></p>
<p role="status" id="import-summary">${summaryLine(ctx, outcome)}</p>
${errorSummary(ctx, outcome.rows)}
${rowsTable(ctx, interpolate(p.caption, { name: fileName }), outcome.rows)}
${
  outcome.summary.new > 0
    ? html`<p id="description-note">${p.descriptionNote}</p>
<form class="form" method="post" action="${IMPORT_CONFIRM_PATH}" enctype="multipart/form-data">
  ${csrfField(ctx.csrf)}
  <input type="hidden" name="csv" value="${csv}">
  <input type="hidden" name="fileName" value="${fileName}">
  <div><button type="submit" aria-describedby="import-summary description-note">${interpolate(p.confirmButton, { n: outcome.summary.new })}</button></div>
</form>`
    : html`<p>${p.nothingToCreate}</p>`
}`;
  return layout(ctx, { title: p.previewTitle, body });
}

/** After the confirm: how many drafts were created, each linked, and what was skipped. */
export function resultPage(ctx: PageContext, outcome: ImportOutcome, fileName: string): SafeHtml {
  const p = texts(ctx.locale).planImport.page;
  const s = outcome.summary;
  const created = outcome.rows.filter((r) => r.status === 'created');
  const body = html`<h1>${p.resultTitle}</h1>
<p class="notice-ok" role="status" id="flash">${interpolate(p.resultSummary, { created: s.created, exists: s.exists, invalid: s.invalid })}</p>
${created.length ? html`<p>${p.descriptionNote}</p>` : ''}
<p><a href="/organizer?status=draft">${p.toDrafts}</a> · <a href="/organizer/import">${p.another}</a></p>
${errorSummary(ctx, outcome.rows)}
${rowsTable(ctx, interpolate(p.caption, { name: fileName }), outcome.rows)}`;
  return layout(ctx, { title: p.resultTitle, body });
}
