import { remarkTextHtml } from '../remark-text';
import { remarkReader } from '../../remarks/remark-moderation';
import { texts } from '../../common/i18n/catalogue';
import { interpolate } from '../../common/i18n/locale';
import { LocalizedText } from '../../common/i18n/localized-text';
import { DISPOSITIONS } from '../../remarks/answer.entity';
import { answerLanguageHint, answerTextField } from '../answer-fields';
import { csrfField } from '../forms/csrf';
import { flash, formAlert, selectField } from '../forms/fields';
import type { FormState } from '../forms/form';
import { hasErrors } from '../forms/form';
import { localizedNames, localizedValues, missingTranslationsNote } from '../forms/localized-fields';
import { timeTag } from '../format';
import type { SafeHtml } from '../html';
import { html, htmlMessage } from '../html';
import type { PageContext } from '../layout';
import { layout } from '../layout';
import { localizedBlock, localizedInline, localizedPlain } from '../localized';
import type { CorrectionTargetRow } from './organizer-pages.repository';

/** The correction form's fields: the disposition, and the text and the reason in each language. */
export const CORRECTION_FIELDS = ['disposition', ...localizedNames('body'), ...localizedNames('reason')] as const;
/** The fields, and the groups `body` and `reason` whose errors show on the whole text. */
export type CorrectionField = string;

/** The translation form's fields: the answer text and (for a correction) its reason in each language. */
export const TRANSLATION_FIELDS = [...localizedNames('body'), ...localizedNames('reason')] as const;
export type TranslationField = string;

/** The correction form to start with: the current answer in every language, the reason empty. */
export function correctionStart(a: CorrectionTargetRow): FormState<CorrectionField> {
  const values = {
    disposition: a.disposition,
    ...localizedValues('body', LocalizedText.fromStored(a.answer_body)),
    ...localizedValues('reason', null),
  };
  return { values: values, errors: {} };
}

/** The translation form to start with: the versions published, the missing ones empty. */
export function translationStart(a: CorrectionTargetRow): FormState<TranslationField> {
  const values = {
    ...localizedValues('body', LocalizedText.fromStored(a.answer_body)),
    ...localizedValues('reason', LocalizedText.fromStored(a.answer_correction_reason)),
  };
  return { values: values, errors: {} };
}

/** The remark (marked with its language) and the answer being corrected or translated. */
function remarkAndAnswer(ctx: PageContext, a: CorrectionTargetRow): SafeHtml {
  const k = texts(ctx.locale).councilCheck.organizer;
  const c = texts(ctx.locale).councilCheck.pages;
  const reason = LocalizedText.fromStored(a.answer_correction_reason);
  return html`<h2>${htmlMessage(k.remark, { name: a.author_name, time: timeTag(a.created_at, a.time_zone, ctx.locale) })}</h2>
${remarkTextHtml(ctx, a, remarkReader(ctx.user, a.organization_id), a.time_zone)}
${a.verdict ? html`<p><strong>${a.verdict === 'formal' ? c.calledFormal : c.calledReasoned}</strong></p>` : ''}
${a.reason ? html`<p class="body">${interpolate(c.reason, { reason: a.reason })}</p>` : ''}
<h2>${interpolate(k.currentAnswer, { n: a.answer_version })}</h2>
<p><strong>${ctx.t.disposition[a.disposition] ?? a.disposition}</strong></p>
${localizedBlock(LocalizedText.fromStored(a.answer_body), ctx.locale, 'p', 'body')}
${reason ? html`<p class="meta">${texts(ctx.locale).verdicts.history.reason}: ${localizedInline(reason, ctx.locale)}</p>` : ''}`;
}

/** The link to the translation form, when the latest answer version lacks Kazakh or Russian (it is not a correction). */
function translationLink(ctx: PageContext, a: CorrectionTargetRow): SafeHtml | '' {
  const published = [LocalizedText.fromStored(a.answer_body), LocalizedText.fromStored(a.answer_correction_reason)];
  if (published.every((text) => !text || text.missing().length === 0)) return '';
  return html`<p class="translation"><a href="/organizer/remarks/${a.remark_id}/translation">${texts(ctx.locale).remarks.languages.translate}</a></p>`;
}

function backLinks(ctx: PageContext, a: CorrectionTargetRow): SafeHtml {
  const k = texts(ctx.locale).councilCheck.organizer;
  return html`<p class="meta"><a href="/organizer/remarks">${k.backToQueue}</a> · <a href="/plans/${a.plan_id}#remark-${a.remark_id}">${localizedInline(LocalizedText.fromStored(a.plan_title), ctx.locale)}</a></p>`;
}

/**
 * /organizer/remarks/:remarkId/correction: the remark, its current answer, why it is to be corrected, and
 * the form: the text and the reason in Kazakh and Russian side by side, starting (and focused) in the
 * remark's language.
 */
export function correctionPage(ctx: PageContext, a: CorrectionTargetRow, form: FormState<CorrectionField>): SafeHtml {
  const k = texts(ctx.locale).councilCheck.organizer;
  const l = texts(ctx.locale).remarks.languages;
  const { t } = ctx;
  const dErr = form.errors.disposition ?? null;
  const errors: Record<string, string | null | undefined> = form.errors;
  const textErrors = hasErrors(errors);
  const body = html`${backLinks(ctx, a)}
<h1>${k.correctionTitle}</h1>
<p>${k.correctionIntro}</p>
${a.votes !== null ? html`<p class="notice-error" id="council-found">${interpolate(k.councilFound, { votes: a.votes, members: a.members_count ?? 0 })}</p>` : ''}
${remarkAndAnswer(ctx, a)}
${translationLink(ctx, a)}
<h2 id="correction">${k.submit}</h2>
${formAlert(form.formError ?? (textErrors ? t.formErrors : null))}
<form class="form" method="post" action="/organizer/remarks/${a.remark_id}/correction" novalidate>
  ${csrfField(ctx.csrf)}
  ${selectField({ id: 'disposition', name: 'disposition', errorId: 'disposition-error', label: t.dispositionLabel, error: dErr, focus: !!dErr, required: true, placeholder: '—', value: form.values.disposition ?? '', choices: DISPOSITIONS.map((x) => [x, t.disposition[x]] as const) })}
  ${answerTextField(ctx, { base: 'body', remarkLanguage: a.language, legend: l.answerLegend, hint: `${t.answerHint} ${answerLanguageHint(ctx, a.language)}`, values: form.values, errors, focusErrors: !dErr, maxlength: 10000, rows: 8, focus: !textErrors })}
  ${answerTextField(ctx, { base: 'reason', remarkLanguage: a.language, legend: l.reasonLegend, hint: k.reasonHint, values: form.values, errors, focusErrors: !(dErr || errors.body_kk || errors.body_ru || errors.body_en || errors.body), maxlength: 2000, rows: 3 })}
  <div><button type="submit">${k.submit}</button></div>
</form>`;
  return layout(ctx, { title: k.correctionTitle, body });
}

/**
 * /organizer/remarks/:remarkId/translation: adds the languages the latest answer version lacks (and its
 * correction's reason): not a correction, so no new version, no e-mail, the author's verdict stays.
 */
export function translationPage(ctx: PageContext, a: CorrectionTargetRow, form: FormState<TranslationField>, done: boolean): SafeHtml {
  const l = texts(ctx.locale).remarks.languages;
  const { t } = ctx;
  const errors: Record<string, string | null | undefined> = form.errors;
  const answer = LocalizedText.fromStored(a.answer_body);
  const reason = LocalizedText.fromStored(a.answer_correction_reason);
  const labels = texts(ctx.locale).remarks.languages;
  const body = html`${backLinks(ctx, a)}
<h1>${l.translationTitle}</h1>
${flash(done ? l.translationDone : null)}
<p>${l.translationIntro}</p>
${remarkAndAnswer(ctx, a)}
<h2 id="translation">${l.translationSubmit}</h2>
${missingTranslationsNote(ctx, [{ label: labels.answerLegend, text: answer }, ...(reason ? [{ label: labels.reasonLegend, text: reason }] : [])])}
${formAlert(form.formError ?? (hasErrors(errors) ? t.formErrors : null))}
<form class="form" method="post" action="/organizer/remarks/${a.remark_id}/translation" novalidate>
  ${csrfField(ctx.csrf)}
  ${answerTextField(ctx, { base: 'body', remarkLanguage: a.language, legend: l.answerLegend, values: form.values, errors, maxlength: 10000, rows: 8, showMissing: true })}
  ${reason ? answerTextField(ctx, { base: 'reason', remarkLanguage: a.language, legend: l.reasonLegend, values: form.values, errors, maxlength: 2000, rows: 3, showMissing: true }) : ''}
  <div><button type="submit">${l.translationSubmit}</button></div>
</form>`;
  return layout(ctx, { title: `${l.translationTitle} — ${localizedPlain(LocalizedText.fromStored(a.plan_title), ctx.locale)}`, body });
}
