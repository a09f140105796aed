import { texts } from '../common/i18n/catalogue';
import { interpolate } from '../common/i18n/locale';
import { LocalizedText } from '../common/i18n/localized-text';
import { DISPOSITIONS } from '../remarks/answer.entity';
import { answerBase, answerLanguageHint, answerTextField, remarkLanguageField } from './answer-fields';
import { timeTag } from './format';
import { csrfField } from './forms/csrf';
import { flash, formAlert, selectField, textArea } from './forms/fields';
import type { FormState } from './forms/form';

import type { SafeHtml } from './html';
import { html, htmlMessage } from './html';
import type { PageContext } from './layout';
import type { KeysetPage } from './keyset-page';
import { localizedBlock, localizedInline } from './localized';
import type { EarlierAnswerRow, PlanDetailRow, RemarkRow } from './public-pages.repository';
import { shownVerdict, verdictForm, verdictShown } from './verdict-parts';
import type { RemarkReader } from '../remarks/remark-moderation';
import type { RemarkModerationState } from './remark-text';
import { answerTextFor, moderationStateHtml, pageReader, reasonTextFor, remarkTextHtml } from './remark-text';
import type { HiddenCountRow } from './public-pages.repository';

export const REMARK_FIELDS = ['body', 'idempotencyKey', 'language'] as const;
export type RemarkField = (typeof REMARK_FIELDS)[number];
/** The answer form's fields: the disposition, and the text in each language (`answerBase(remarkId)_kk`, ...). */
export type AnswerField = string;

/** What the plan page's forms show after a POST: a confirmation, or a form with its errors and the text typed. */
export interface PlanFormState {
  flash?: 'remarked' | 'answered' | 'verdict' | 'reported' | null;
  remark?: FormState<RemarkField>;
  answer?: { remarkId: string; state: FormState<AnswerField> };
  /** The author's refused confirmation or dispute of a commitment (src/web/plan-commitments.ts). */
  commitment?: { remarkId: string; state: FormState<'verdict' | 'reason'> };
  /** The remark just reported (?done=reported&remark=…): the confirmation shows in its card, where the reader lands. */
  reportedRemarkId?: string | null;
  /** Idempotency key of the remark form, so a double submit makes one remark. */
  remarkKey?: string;
}

/** The stage that accepts remarks now, and until when. */
export interface OpenWindow {
  stage: 1 | 2;
  closesAt: Date;
}

interface RemarksData {
  plan: PlanDetailRow;
  remarks: KeysetPage<RemarkRow>;
  path: string;
  form: PlanFormState;
  open: OpenWindow | null;
  /** The end of the verdict window of the reader's own answered remarks (by remark id), while open. */
  verdictWindows?: ReadonlyMap<string, Date>;
  /** Earlier versions of the corrected answers (by remark id), newest first. */
  answerHistory?: ReadonlyMap<string, EarlierAnswerRow[]>;
  /** The end of the appeal window of the reader's own hidden remarks (by remark id), while open. */
  appealWindows?: ReadonlyMap<string, Date>;
  /** The plan's hidden remarks by reason. */
  hiddenCounts?: HiddenCountRow[];
  /** The moderation state of the reader's own remarks (and of hidden ones for moderators), by remark id. */
  remarkModeration?: ReadonlyMap<string, RemarkModerationState>;
  /** When the reader reported remarks of this page, by remark id. */
  reported?: ReadonlyMap<string, Date>;
}

/** The earlier versions of a corrected answer, each with its author's verdict on that version: the history stays public. */
function answerHistory(ctx: PageContext, d: RemarksData, r: RemarkRow, reader: RemarkReader): SafeHtml {
  const earlier = d.answerHistory?.get(r.id) ?? [];
  if (earlier.length === 0) return html``;
  const { t, locale } = ctx;
  const h = texts(locale).verdicts.history;
  const tz = d.plan.time_zone;
  return html`<details class="answer-history">
  <summary>${h.summary({ n: earlier.length })}</summary>
  <ol reversed>
    ${earlier.map(
      (a) => html`<li id="answer-${r.id}-v${a.version}">
      <p class="meta">${htmlMessage(h.version, { version: a.version, time: timeTag(a.published_at, tz, locale) })} ·
        <span class="disposition">${t.disposition[a.disposition] ?? a.disposition}</span></p>
      ${localizedBlock(answerTextFor(LocalizedText.fromStored(a.body), r.author_id, reader), locale, 'p', 'body')}
      ${a.correction_reason ? html`<p class="meta">${h.reason}: ${localizedInline(answerTextFor(LocalizedText.fromStored(a.correction_reason), r.author_id, reader), locale)}</p>` : ''}
      ${verdictShown(ctx, a.verdict && a.verdict_at ? { verdict: a.verdict, reason: reasonTextFor(a.verdict_reason, r.author_id, reader), at: a.verdict_at, version: a.version } : null, tz, `verdict-of-${r.id}-v${a.version}`)}
    </li>`,
    )}
  </ol>
</details>`;
}

/** A stage-2 remark that disputes a commitment says so and links to the remark that made it. */
function disputeNote(ctx: PageContext, r: RemarkRow): SafeHtml {
  if (!r.disputes_remark_id) return html``;
  const c = texts(ctx.locale).commitments.disputeNote;
  return html`<p class="meta dispute-note">${c.text} <a href="#remark-${r.disputes_remark_id}">${c.link}</a></p>`;
}

function remarkForm(ctx: PageContext, d: RemarksData, open: OpenWindow): SafeHtml {
  const { t } = ctx;
  const p = d.plan;
  const until = timeTag(open.closesAt, p.time_zone, ctx.locale);
  if (!ctx.user) {
    const next = encodeURIComponent(`${d.path}#remark-form`);
    return html`<p id="remark-form"><a class="button" href="/login?next=${next}">${t.signInToRemark}</a> <span class="meta">${htmlMessage(t.closesAt, { time: until })}</span></p>`;
  }
  if (ctx.user.role !== 'citizen') return html`<p class="meta" id="remark-form">${t.onlyCitizens}</p>`;
  if (!ctx.user.emailVerified) return html`<p class="notice-error" id="remark-form">${t.verifyToRemark}</p>`;
  const error = d.form.remark?.errors.body ?? null;
  return html`<form class="form" id="remark-form" method="post" action="/plans/${p.id}/remarks" novalidate>
  <h3>${t.leaveRemark}</h3>
  ${csrfField(ctx.csrf)}
  <input type="hidden" name="idempotencyKey" value="${d.form.remarkKey ?? ''}">
  ${textArea({ id: 'remark-body', name: 'body', errorId: 'remark-error', hintId: 'remark-hint', label: t.remarkLabel, hint: html`${htmlMessage(t.remarkHint, { name: ctx.user.displayName, time: until })} <span class="masking-hint">${texts(ctx.locale).moderation.reads.formHint}</span>`, error, focus: !!error, value: d.form.remark?.values.body ?? '', rows: 6, maxlength: 10000, required: true })}
  ${remarkLanguageField(ctx, d.form.remark?.values.language)}
  <div><button type="submit">${t.remarkSubmit}</button></div>
</form>`;
}

/** The organizer's answer form: the disposition, and the text in Kazakh and Russian starting in the remark's language. */
function answerForm(ctx: PageContext, d: RemarksData, r: RemarkRow): SafeHtml {
  const { t } = ctx;
  const id = r.id;
  const state = d.form.answer?.remarkId === id ? d.form.answer.state : undefined;
  const dErr = state?.errors.disposition ?? null;
  return html`<form class="form" method="post" action="/plans/${d.plan.id}/remarks/${id}/answer" novalidate>
  <h4 id="answer-title-${id}">${t.answerFormTitle}</h4>
  ${csrfField(ctx.csrf)}
  ${selectField({ id: `disposition-${id}`, name: 'disposition', errorId: `disposition-error-${id}`, label: t.dispositionLabel, error: dErr, focus: !!dErr, required: true, placeholder: '—', value: state?.values.disposition ?? '', choices: DISPOSITIONS.map((x) => [x, t.disposition[x]] as const) })}
  ${answerTextField(ctx, { base: answerBase(id), remarkLanguage: r.language, legend: t.answerLabel, hint: `${t.answerHint} ${answerLanguageHint(ctx, r.language)}`, values: state?.values ?? {}, errors: state?.errors, focusErrors: !dErr, maxlength: 10000 })}
  <div><button type="submit">${t.answerSubmit}</button></div>
</form>`;
}

/** The organizer's way to add the languages a published answer lacks (not a correction). */
function translationLink(ctx: PageContext, r: RemarkRow): SafeHtml | '' {
  const body = LocalizedText.fromStored(r.answer_body);
  const reason = LocalizedText.fromStored(r.answer_correction_reason);
  if (body && body.missing().length === 0 && (!reason || reason.missing().length === 0)) return '';
  return html`<p class="translation"><a href="/organizer/remarks/${r.id}/translation">${texts(ctx.locale).remarks.languages.translate}</a></p>`;
}

/** The organizer's way to correct a published answer: the one correction form, /organizer/remarks/{id}/correction. */
function correctionLink(ctx: PageContext, r: RemarkRow): SafeHtml {
  return html`<p class="correction"><a href="/organizer/remarks/${r.id}/correction">${texts(ctx.locale).councilCheck.organizer.correct}</a></p>`;
}

/**
 * Per remark: "Report" (signed-in readers other than the author, the moderators and the plan's organizer,
 * on public remarks; "You reported this remark" once they did, and the confirmation right after), the
 * author's appeal state and the moderator's note (remark-text.ts), "Moderate" (moderators, administrators).
 */
function moderationLinks(ctx: PageContext, d: RemarksData, r: RemarkRow, reader: RemarkReader, isOrganizer: boolean): SafeHtml | '' {
  if (!ctx.user) return '';
  const m = texts(ctx.locale).moderation.reads;
  const own = ctx.user.id === r.author_id;
  const state = moderationStateHtml(ctx, r, {
    author: own,
    moderator: reader.moderator,
    state: d.remarkModeration?.get(r.id),
    appealClosesAt: d.appealWindows?.get(r.id),
    tz: d.plan.time_zone,
  });
  let report: SafeHtml | '' = '';
  if (!own && !r.hidden_at && !reader.moderator && !isOrganizer) {
    if (d.form.reportedRemarkId === r.id && d.form.flash === 'reported')
      report = html`<p class="notice-ok" role="status" id="flash">${texts(ctx.locale).pages.moderation.reported}</p>`;
    else if (d.reported?.has(r.id)) report = html`<p class="meta reported-by-you" id="reported-${r.id}">${m.reportedByYou}</p>`;
    else
      report = html`<p class="meta moderation-links"><a href="/remarks/${r.id}/report" aria-label="${m.reportLabel}">${m.report}</a></p>`;
  }
  const moderate = reader.moderator
    ? html`<p class="meta moderation-links"><a href="/moderation/remarks/${r.id}" aria-label="${m.moderateLabel}">${m.moderate}</a></p>`
    : '';
  return html`${state}${report}${moderate}`;
}

/** The plan's hidden remarks by reason (public): nothing is removed silently. */
function hiddenCountsLine(ctx: PageContext, counts: HiddenCountRow[] | undefined): SafeHtml | '' {
  if (!counts || counts.length === 0) return '';
  const m = texts(ctx.locale).moderation;
  const total = counts.reduce((n, c) => n + Number(c.count), 0);
  const reasons = counts.map((c) => m.hiddenCountReason({ reason: m.reasons[c.reason] ?? c.reason, n: Number(c.count) })).join(', ');
  return html`<p class="meta hidden-counts" id="hidden-counts">${m.hiddenCount({ n: total, reasons })}</p>`;
}

function remarkItem(ctx: PageContext, d: RemarksData, r: RemarkRow, isOrganizer: boolean, reader: RemarkReader): SafeHtml {
  const { t, locale } = ctx;
  const tz = d.plan.time_zone;
  const hidden = r.hidden_at !== null;
  return html`<li class="remark" id="remark-${r.id}">
        <p class="meta"><span class="badge stage">${r.stage === 2 ? t.stage2 : t.stage1}</span>
          ${htmlMessage(t.remarkBy, { name: r.author_name, time: timeTag(r.created_at, tz, locale) })}</p>
        ${disputeNote(ctx, r)}
        ${remarkTextHtml(ctx, r, reader, tz)}
        ${moderationLinks(ctx, d, r, reader, isOrganizer)}
        ${
          r.answer_body !== null
            ? html`<section class="answer" aria-labelledby="answer-of-${r.id}">
              <h3 id="answer-of-${r.id}">${t.answer}: <span class="disposition">${t.disposition[r.answer_disposition ?? ''] ?? r.answer_disposition}</span>
                ${r.answer_late ? html` <span class="badge late" title="${t.lateAnswer}">${t.late}</span>` : ''}</h3>
              <p class="meta">${r.answer_published_at ? timeTag(r.answer_published_at, tz, locale) : ''}
                ${r.answer_version && r.answer_version > 1 ? html` · ${interpolate(t.corrected, { n: r.answer_version })}` : ''}</p>
              ${localizedBlock(answerTextFor(LocalizedText.fromStored(r.answer_body), r.author_id, reader), locale, 'p', 'body')}
              ${r.answer_correction_reason ? html`<p class="meta">${texts(locale).verdicts.history.reason}: ${localizedInline(answerTextFor(LocalizedText.fromStored(r.answer_correction_reason), r.author_id, reader), locale)}</p>` : ''}
              ${verdictShown(ctx, shownVerdict({ ...r, verdict_reason: reasonTextFor(r.verdict_reason, r.author_id, reader) }), tz, `verdict-of-${r.id}`)}
              ${verdictFormFor(ctx, d, r)}
              ${isOrganizer ? html`${correctionLink(ctx, r)}${translationLink(ctx, r)}` : ''}
              ${answerHistory(ctx, d, r, reader)}
            </section>`
            : hidden
              ? html`<p class="meta no-answer-needed">${texts(locale).moderation.reads.noAnswerNeeded}</p>`
              : html`<p class="pending">${htmlMessage(t.noAnswerYet, { time: timeTag(r.answer_due_at, tz, locale) })}</p>
              ${isOrganizer ? answerForm(ctx, d, r) : ''}`
        }
      </li>`;
}

/** The verdict form beside the answer, for the remark's author while the latest version's window is open. */
function verdictFormFor(ctx: PageContext, d: RemarksData, r: RemarkRow): SafeHtml | '' {
  const closesAt = d.verdictWindows?.get(r.id);
  if (!closesAt || !ctx.user || ctx.user.id !== r.author_id || r.answer_version === null) return '';
  const onLatest =
    r.verdict && Number(r.verdict_version) === Number(r.answer_version) ? { verdict: r.verdict, reason: r.verdict_reason } : null;
  return verdictForm(ctx, {
    remarkId: r.id,
    version: Number(r.answer_version),
    closesAt,
    tz: d.plan.time_zone,
    current: onLatest,
    from: 'plan',
    heading: 'h4',
  });
}

/** The remarks of the plan page: the confirmation, the remark form while a stage is open, each remark with its answer (or the organizer's answer form). */
export function remarksSection(ctx: PageContext, d: RemarksData): SafeHtml {
  const { t } = ctx;
  const isOrganizer = !!ctx.user && ctx.user.role === 'organizer' && ctx.user.organizationId === d.plan.organization_id;
  const reader = pageReader(ctx, d.plan.organization_id);
  const refused = d.form.remark?.errors.body ?? d.form.remark?.formError;
  // After a report the reader lands on the remark's card: the confirmation shows there, not at the top.
  const reportedHere = !!d.form.reportedRemarkId && d.remarks.items.some((r) => r.id === d.form.reportedRemarkId && !r.hidden_at);
  return html`<h2 id="remarks">${t.remarks}</h2>
${flash(d.form.flash === 'remarked' ? t.remarkSent : d.form.flash === 'answered' ? t.answerSent : d.form.flash === 'verdict' ? texts(ctx.locale).verdicts.page.recorded : d.form.flash === 'reported' && !reportedHere ? texts(ctx.locale).pages.moderation.reported : null)}
${hiddenCountsLine(ctx, d.hiddenCounts)}
${d.open ? remarkForm(ctx, d, d.open) : formAlert(refused, 'remark-error')}
${
  d.remarks.items.length === 0
    ? html`<p>${t.noRemarks}</p>`
    : html`<ol class="remarks">${d.remarks.items.map((r) => remarkItem(ctx, d, r, isOrganizer, reader))}</ol>`
}
${
  d.remarks.nextCursor
    ? html`<p class="more"><a class="button" href="${d.path}?cursor=${encodeURIComponent(d.remarks.nextCursor)}#remarks">${t.more}</a></p>`
    : ''
}`;
}
