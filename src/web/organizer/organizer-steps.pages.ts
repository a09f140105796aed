import type { ProcedureConfig } from '../../config/config';
import type { CommitmentView } from '../../commitments/commitments.service';
import type { NoticeView } from '../../documentation/documentation.service';
import type { HearingView, ProtocolView } from '../../hearings/hearing-view';
import { DECISIONS } from '../../outcomes/outcome.entity';
import type { OutcomeView } from '../../outcomes/report';
import type { PlanView } from '../../plans/plan-view';
import type { HearingDateOptions } from '../../procedure/deadlines';
import type { ReviewView } from '../../reviews/reviews.service';
import { dateTag, formatDate, intlLocale, timeTag, zoneLabel } from '../format';
import type { SafeHtml } from '../html';
import { html, htmlMessage } from '../html';
import { texts, type Catalogue } from '../../common/i18n/catalogue';
import { interpolate } from '../../common/i18n/locale';
import type { PageContext } from '../layout';
import { layout } from '../layout';
import { csrfField } from '../forms/csrf';
import { field, formAlert, flash, radioGroup } from '../forms/fields';
import type { FormState, Values } from '../forms/form';
import { LocalizedText } from '../../common/i18n/localized-text';
import { localizedLinesValues } from '../council/localized-lines';
import { firstError } from '../forms/form';
import { localizedField, localizedValues, missingTranslationsNote } from '../forms/localized-fields';
import { localizedBlock, localizedInline, localizedPlain } from '../localized';
import { laterCommitmentsForm, noticeCommitmentsSection, unfinishedCommitments, type CommitmentRow } from './notice-commitments';
import { planHeading } from './organizer.pages';
import { outcomeWaitsFor } from './council-check.pages';
import type { OrganizationRow } from './organizer-pages.repository';

/** The organizer's pages of the procedure's steps: hearing and protocol, notice, recommendations, outcome. */

export interface StepData {
  now: Date;
  view: PlanView;
  organization: OrganizationRow;
  flash: string | null;
}

function stepLayout(ctx: PageContext, m: Catalogue['pages']['organizer'], d: StepData, title: string, content: SafeHtml): SafeHtml {
  const [before, after = ''] = m.hearingFor.split('{plan}');
  const body = html`${planHeading(ctx, m, d.view, title, `/organizer/plans/${d.view.id}`)}
<p>${before}${localizedInline(d.view.title, ctx.locale)}${after}</p>
${flash(d.flash)}
${content}`;
  return layout(ctx, { title: `${title}: ${localizedPlain(d.view.title, ctx.locale)}`, body });
}

/** A labelled form: an <h2>, the refusal of the whole form, the CSRF field, the controls, the button. */
function stepForm(
  ctx: PageContext,
  o: { id: string; title: string; action: string; state?: FormState; button: string; alert?: string | null },
  controls: SafeHtml,
): SafeHtml {
  return html`<form class="form" id="${o.id}" method="post" action="${o.action}" novalidate aria-labelledby="${o.id}-title">
  <h2 id="${o.id}-title">${o.title}</h2>
  ${formAlert(o.state?.formError ?? o.alert)}
  ${csrfField(ctx.csrf)}
  ${controls}
  <div><button type="submit">${o.button}</button></div>
</form>`;
}

function weekday(date: string, locale: PageContext['locale']): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export interface HearingData extends StepData {
  hearing: HearingView | null;
  protocol: ProtocolView | null;
  /** Allowed dates of the hearing (null before stage 1 has a close date). */
  options: HearingDateOptions | null;
  procedure: ProcedureConfig;
  schedule?: FormState;
  cancel?: FormState;
  protocolForm?: FormState;
  /** The protocol's translation form after a refusal. */
  translation?: FormState;
  /** The room's translation form after a refusal. */
  roomTranslation?: FormState;
}

/** The room is typed in Kazakh and Russian side by side (English folded): `room_kk`, `room_ru`, `room_en`. */
export const SCHEDULE_FIELDS = ['date', 'time', 'room_kk', 'room_ru', 'room_en', 'livestreamUrl'] as const;
/** Where an error of each field shows, in the order of the form (the first takes the focus). */
const SCHEDULE_ERRORS = ['date', 'time', 'room', 'livestreamUrl'] as const;
/**
 * The protocol's texts side by side; speakers and decisions one per line in each language, line i of
 * each language being item i (the same number of lines in each).
 */
export const PROTOCOL_FIELDS = [
  'attendeesCount',
  'speakers_kk',
  'speakers_ru',
  'speakers_en',
  'summary_kk',
  'summary_ru',
  'summary_en',
  'decisions_kk',
  'decisions_ru',
  'decisions_en',
] as const;
const PROTOCOL_ERRORS = ['attendeesCount', 'speakers', 'summary', 'decisions'] as const;

/** Facts shared by the forms of the hearing page. */
interface HearingState {
  m: Catalogue['pages']['organizer'];
  tz: string;
  dt: (x: Date | string) => SafeHtml;
  base: string;
  scheduled: boolean;
  held: boolean;
}

/** The date and time of the hearing: the allowed dates as choices, the others with why not. */
function scheduleStep(ctx: PageContext, d: HearingData, s: HearingState): SafeHtml | '' {
  const { m, tz, dt, scheduled } = s;
  const { locale } = ctx;
  const h = d.hearing;
  if (d.view.stage1 && new Date(d.view.stage1.closesAt).getTime() >= d.now.getTime())
    return html`<p>${htmlMessage(m.hearingNotYet, { time: dt(d.view.stage1.closesAt) })}</p>`;
  if (!d.options || s.held || d.protocol) return '';
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(d.now);
  const { hearingDayStart: start, hearingDayEnd: end } = d.procedure;
  const f = d.schedule;
  const v: Partial<Record<string, string>> = f?.values ?? {};
  const focus = firstError(f?.errors, SCHEDULE_ERRORS);
  const dates = d.options.dates.map((x) => ({
    ...x,
    reason: x.allowed && x.date < today ? m.dateInPast : x.reason ? x.reason[locale] : null,
    allowed: x.allowed && x.date >= today,
  }));
  const allowed = dates.filter((x) => x.allowed);
  const refused = dates.filter((x) => !x.allowed);
  const chosen = v.date ?? (scheduled && h ? h.localDate : '');
  const time =
    scheduled && h
      ? new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
          new Date(h.startsAt),
        )
      : '10:00';
  const o = (id: string, label: string, hint?: string) => ({
    id,
    label,
    hint: hint ?? null,
    error: f?.errors[id] ?? null,
    focus: focus === id,
  });
  return html`<p>${htmlMessage(m.hearingWhen, { from: dateTag(d.options.from, locale), to: dateTag(d.options.to, locale), start, end, tz: zoneLabel(tz, d.now) })}</p>
${stepForm(
  ctx,
  {
    id: 'schedule',
    title: scheduled ? m.rescheduleTitle : m.scheduleTitle,
    action: s.base,
    state: f,
    button: scheduled ? m.rescheduleButton : m.scheduleButton,
  },
  html`
  ${radioGroup({
    id: 'date',
    name: 'date',
    legend: m.dateLegend,
    hint: m.dateHint,
    error: f?.errors.date,
    focus: focus === 'date',
    value: chosen,
    choices: allowed.map((x) => [x.date, `${formatDate(x.date, locale)}, ${weekday(x.date, locale)}`] as const),
  })}
  ${
    refused.length
      ? html`<div class="field"><h3 id="refused-dates">${m.notAllowedTitle}</h3><ul class="refused-dates" aria-labelledby="refused-dates">${refused.map(
          (x) => html`<li><del>${dateTag(x.date, locale)}, ${weekday(x.date, locale)}</del> — ${x.reason}</li>`,
        )}</ul></div>`
      : ''
  }
  ${field(o('time', m.time, interpolate(m.timeHint, { start, end })), (a) => html`<input type="time" id="time" name="time" value="${v.time ?? time}" min="${start}" max="${end}" step="300" required${a}>`)}
  ${localizedField(ctx, {
    base: 'room',
    legend: m.room,
    hint: interpolate(m.roomHint, { address: localizedPlain(LocalizedText.fromStored(d.organization.address), locale) }),
    values: f ? (v as Values) : localizedValues('room', scheduled ? h?.room : null),
    errors: f?.errors,
    maxlength: 200,
    focus: focus === 'room' ? 'room_kk' : null,
  })}
  ${field(o('livestreamUrl', m.livestream, m.livestreamHint), (a) => html`<input type="url" id="livestreamUrl" name="livestreamUrl" value="${v.livestreamUrl ?? (scheduled ? (h?.livestreamUrl ?? '') : '')}" maxlength="500" inputmode="url"${a}>`)}
`,
)}`;
}

/** The protocol: published, its form once the hearing was held, or not yet. */
function protocolStep(ctx: PageContext, d: HearingData, s: HearingState): SafeHtml {
  const { m } = s;
  if (d.protocol) {
    return html`<h2>${m.protocolTitle}</h2><p>${htmlMessage(m.protocolPublished, { time: s.dt(d.protocol.publishedAt) })} <a href="/plans/${d.view.id}">${m.publicPage}</a></p>
${protocolTranslationForm(ctx, d, s)}`;
  }
  if (!s.held) return html`<h2>${m.protocolTitle}</h2><p>${m.protocolNotYet}</p>`;
  const f = d.protocolForm;
  const v: Partial<Record<string, string>> = f?.values ?? {};
  const focus = firstError(f?.errors, PROTOCOL_ERRORS);
  const values = (v as Values) ?? {};
  const l = texts(ctx.locale).pages.council.languages;
  const o = (id: string, label: string, hint?: string) => ({
    id,
    label,
    hint: hint ?? null,
    error: f?.errors[id] ?? null,
    focus: focus === id,
  });
  return stepForm(
    ctx,
    { id: 'protocol', title: m.protocolTitle, action: `${s.base}/protocol`, state: f, button: m.protocolButton },
    html`
  <p class="meta">${interpolate(m.protocolDue, { n: d.procedure.protocolDueWorkingDays })}</p>
  ${field(o('attendeesCount', m.attendees), (a) => html`<input type="text" id="attendeesCount" name="attendeesCount" value="${v.attendeesCount ?? ''}" inputmode="numeric" maxlength="7" required${a}>`)}
  ${localizedField(ctx, { base: 'speakers', legend: m.speakers, hint: l.linesHint, values, errors: f?.errors, multiline: true, rows: 5, focus: focus === 'speakers' ? 'speakers_kk' : null })}
  ${localizedField(ctx, { base: 'summary', legend: m.summary, values, errors: f?.errors, multiline: true, rows: 8, maxlength: 50000, focus: focus === 'summary' ? 'summary_kk' : null })}
  ${localizedField(ctx, { base: 'decisions', legend: m.decisions, hint: l.linesHint, values, errors: f?.errors, multiline: true, rows: 5, focus: focus === 'decisions' ? 'decisions_kk' : null })}`,
  );
}

/**
 * Adding the missing language of the announced room (not a change of the hearing: no new sequence, no
 * e-mail, no .ics), while a state language is missing or after a refusal.
 */
function roomTranslationForm(ctx: PageContext, d: HearingData, s: HearingState): SafeHtml {
  const room = d.hearing?.room;
  if (!room || (room.missing().length === 0 && !d.roomTranslation)) return html``;
  const l = texts(ctx.locale).pages.council.languages;
  const f = d.roomTranslation ?? { values: localizedValues('room', room), errors: {} };
  return stepForm(
    ctx,
    { id: 'room-translations', title: l.translationsTitle, action: `${s.base}/translations`, state: f, button: l.translationsButton },
    html`<p class="meta">${l.translationsHint}</p>
  ${localizedField(ctx, { base: 'room', legend: s.m.room, values: f.values, errors: f.errors, maxlength: 200, showMissing: true, focus: f.errors.room ? 'room_kk' : null })}`,
  );
}

/** The fields of the protocol's translation form: its texts in kk, ru and en, lists line by line. */
export const PROTOCOL_TRANSLATION_FIELDS = [
  'speakers_kk',
  'speakers_ru',
  'speakers_en',
  'summary_kk',
  'summary_ru',
  'summary_en',
  'decisions_kk',
  'decisions_ru',
  'decisions_en',
] as const;

/**
 * Adding the missing language of the published protocol's texts (not a correction: no new version, no
 * e-mail), shown while a state language is missing or after a refusal. Questions are translated through
 * the API (PUT /plans/{id}/hearing/protocol/translations).
 */
function protocolTranslationForm(ctx: PageContext, d: HearingData, s: HearingState): SafeHtml {
  const p = d.protocol!;
  const lists = [...p.speakers, ...p.decisions];
  const missing = p.summary.missing().length > 0 || lists.some((x) => x.missing().length > 0);
  if (!missing && !d.translation) return html``;
  const { m } = s;
  const l = texts(ctx.locale).pages.council.languages;
  const f = d.translation ?? {
    values: {
      ...localizedLinesValues('speakers', p.speakers),
      ...localizedValues('summary', p.summary),
      ...localizedLinesValues('decisions', p.decisions),
    },
    errors: {},
  };
  const focus = firstError(f.errors, ['speakers', 'summary', 'decisions']);
  return stepForm(
    ctx,
    {
      id: 'protocol-translations',
      title: l.translationsTitle,
      action: `${s.base}/protocol/translations`,
      state: f,
      button: l.translationsButton,
    },
    html`<p class="meta">${l.translationsHint}</p>
  ${p.speakers.length ? localizedField(ctx, { base: 'speakers', legend: m.speakers, hint: l.linesHint, values: f.values, errors: f.errors, multiline: true, rows: 5, showMissing: true, focus: focus === 'speakers' ? 'speakers_kk' : null }) : ''}
  ${localizedField(ctx, { base: 'summary', legend: m.summary, values: f.values, errors: f.errors, multiline: true, rows: 8, maxlength: 50000, showMissing: true, focus: focus === 'summary' ? 'summary_kk' : null })}
  ${p.decisions.length ? localizedField(ctx, { base: 'decisions', legend: m.decisions, hint: l.linesHint, values: f.values, errors: f.errors, multiline: true, rows: 5, showMissing: true, focus: focus === 'decisions' ? 'decisions_kk' : null }) : ''}`,
  );
}

export function hearingPage(ctx: PageContext, d: HearingData): SafeHtml {
  const m = texts(ctx.locale).pages.organizer;
  const tz = d.organization.time_zone;
  const h = d.hearing;
  const scheduled = h?.status === 'scheduled';
  const s: HearingState = {
    m,
    tz,
    dt: (x) => timeTag(x, tz, ctx.locale),
    base: `/organizer/plans/${d.view.id}/hearing`,
    scheduled,
    held: scheduled && new Date(h.startsAt).getTime() <= d.now.getTime(),
  };
  const state = h
    ? html`<dl class="facts">
        <dt>${ctx.t.tlHearing}</dt><dd>${h.status === 'cancelled' ? htmlMessage(m.hearingCancelledText, { reason: h.cancelReason ?? '' }) : htmlMessage(m.hearingScheduled, { time: s.dt(h.startsAt) })}</dd>
        <dt>${ctx.t.venue}</dt>${localizedBlock(h.venue, ctx.locale, 'dd')}
        ${h.room ? html`<dt>${ctx.t.room}</dt>${localizedBlock(h.room, ctx.locale, 'dd')}` : ''}
        ${h.livestreamUrl ? html`<dt>${ctx.t.livestream}</dt><dd>${h.livestreamUrl}</dd>` : ''}
      </dl>`
    : '';
  const cancel = d.cancel;
  const cancelForm =
    scheduled && !s.held
      ? stepForm(
          ctx,
          { id: 'cancel', title: m.cancelTitle, action: `${s.base}/cancel`, state: cancel, button: m.cancelButton },
          field(
            {
              id: 'reason',
              label: m.cancelReason,
              hint: m.cancelReasonHint,
              error: cancel?.errors.reason ?? null,
              focus: !!cancel?.errors.reason,
            },
            (a) =>
              html`<textarea id="reason" name="reason" rows="3" maxlength="2000" required${a}>${cancel?.values.reason ?? ''}</textarea>`,
          ),
        )
      : '';
  return stepLayout(
    ctx,
    m,
    d,
    m.hearingTitle,
    html`${state}${roomTranslationForm(ctx, d, s)}${scheduleStep(ctx, d, s)}${cancelForm}${protocolStep(ctx, d, s)}`,
  );
}

export const DOCUMENT_ROWS = 5;

export interface NoticeData extends StepData {
  notice: NoticeView | null;
  procedure: ProcedureConfig;
  form?: FormState;
  /** The commitments the notice accounts for (its form's table). */
  commitments: CommitmentRow[];
  /** After the notice: every commitment as it stands (the form of later versions). */
  current: CommitmentView[];
  /** The form of later commitment versions after a refusal. */
  later?: FormState;
  /** The translations form after a refusal. */
  translations?: FormState;
}

/** The values of the notice's translations form: each title as doc<n>Title_<lang>, the reason as correctionReason_<lang>. */
export function noticeTranslationValues(notice: NoticeView): Record<string, string> {
  return Object.assign(
    {},
    ...notice.documents.map((x, i) => localizedValues(`doc${i + 1}Title`, x.title)),
    localizedValues('correctionReason', notice.correctionReason),
  ) as Record<string, string>;
}

/** Adding the languages the current notice's texts lack (not a correction: no version, no e-mail). */
function noticeTranslationsForm(ctx: PageContext, d: NoticeData, notice: NoticeView): SafeHtml {
  const m = texts(ctx.locale).pages.organizer;
  const tr = texts(ctx.locale).documentation.translations;
  const f = d.translations;
  const values = f?.values ?? noticeTranslationValues(notice);
  const fields = notice.documents.map((_, i) =>
    localizedField(ctx, {
      base: `doc${i + 1}Title`,
      legend: interpolate(m.documentLegend, { n: i + 1 }),
      values,
      errors: f?.errors,
      maxlength: 500,
      showMissing: true,
    }),
  );
  return stepForm(
    ctx,
    {
      id: 'notice-translations',
      title: tr.formTitle,
      action: `/organizer/plans/${d.view.id}/notice/translations`,
      state: f,
      button: tr.button,
    },
    html`<p class="hint">${tr.intro}</p>
    ${fields}
    ${
      notice.correctionReason
        ? localizedField(ctx, {
            base: 'correctionReason',
            legend: tr.reasonLegend,
            values,
            errors: f?.errors,
            multiline: true,
            rows: 3,
            maxlength: 2000,
            showMissing: true,
          })
        : ''
    }`,
  );
}

export function noticePage(ctx: PageContext, d: NoticeData): SafeHtml {
  const m = texts(ctx.locale).pages.organizer;
  const tz = d.organization.time_zone;
  const dt = (x: Date | string) => timeTag(x, tz, ctx.locale);
  let content: SafeHtml;
  if (d.notice) {
    content = html`<p>${htmlMessage(m.noticePublished, { number: d.notice.noticeNumber, time: dt(d.notice.publishedAt), opens: d.notice.stage2 ? dt(d.notice.stage2.opensAt) : '', closes: d.notice.stage2 ? dt(d.notice.stage2.closesAt) : '' })}</p>
      <ul>${d.notice.documents.map((x) => html`<li>${localizedInline(x.title, ctx.locale)} <span class="meta">SHA-256 ${x.sha256}</span></li>`)}</ul>
      ${missingTranslationsNote(ctx, [
        ...d.notice.documents.map((x, i) => ({ label: interpolate(m.documentLegend, { n: i + 1 }), text: x.title })),
        ...(d.notice.correctionReason
          ? [{ label: texts(ctx.locale).documentation.translations.reasonLegend, text: d.notice.correctionReason }]
          : []),
      ])}
      ${noticeTranslationsForm(ctx, d, d.notice)}
      ${
        d.view.outcome
          ? ''
          : laterCommitmentsForm(
              ctx,
              d.view.id,
              d.current,
              // a commitment names a document by any version of its title: the reader's
              d.notice.documents.map((x) => localizedPlain(x.title, ctx.locale)),
              d.later,
            )
      }`;
  } else if (!d.view.protocol) {
    content = html`<p>${m.noticeNotYet}</p>`;
  } else {
    const f = d.form;
    const v = f?.values ?? {};
    const order = [
      'noticeNumber',
      ...Array.from({ length: DOCUMENT_ROWS }, (_, i) => ['Title', 'Url', 'Sha256'].map((k) => `doc${i + 1}${k}`)).flat(),
    ];
    // the title is a fieldset of kk/ru/en: its error (on doc<n>Title) moves the focus to the Kazakh field
    const focusField = (id: string | null) => (id && /^doc\d+Title$/.test(id) ? `${id}_kk` : id);
    const focus = firstError(f?.errors, order);
    const o = (id: string, label: string, hint?: string) => ({
      id,
      label,
      hint: hint ?? null,
      error: f?.errors[id] ?? null,
      focus: focus === id,
    });
    const rows = Array.from({ length: DOCUMENT_ROWS }, (_, i) => i + 1).map((n) => {
      const k = (s: string) => `doc${n}${s}`;
      return html`<fieldset class="document"><legend>${interpolate(m.documentLegend, { n })}</legend>
        ${localizedField(ctx, { base: k('Title'), legend: m.docTitle, values: v, errors: f?.errors, maxlength: 500, focus: focusField(focus) })}
        ${field(o(k('Url'), m.docUrl), (a) => html`<input type="url" id="${k('Url')}" name="${k('Url')}" value="${v[k('Url')] ?? ''}" maxlength="2000" inputmode="url"${a}>`)}
        ${field(o(k('Sha256'), m.docSha, m.docShaHint), (a) => html`<input type="text" id="${k('Sha256')}" name="${k('Sha256')}" value="${v[k('Sha256')] ?? ''}" maxlength="64" autocomplete="off" spellcheck="false"${a}>`)}
      </fieldset>`;
    });
    content = html`<p>${interpolate(m.noticeIntro, { n: d.procedure.stage2WorkingDays })}</p>
${stepForm(
  ctx,
  {
    id: 'notice',
    title: m.noticeTitle,
    action: `/organizer/plans/${d.view.id}/notice`,
    state: f,
    button: m.noticeButton,
    alert: unfinishedCommitments(ctx, f),
  },
  html`
  ${field(o('noticeNumber', m.noticeNumber), (a) => html`<input type="text" id="noticeNumber" name="noticeNumber" value="${v.noticeNumber ?? ''}" maxlength="100" required${a}>`)}
  <p class="hint">${m.documentsHint}</p>
  ${rows}
  ${noticeCommitmentsSection(ctx, d.commitments, DOCUMENT_ROWS, f, focus === null)}`,
)}`;
  }
  return stepLayout(ctx, m, d, m.noticeTitle, content);
}

export interface RecommendationsData extends StepData {
  review: ReviewView | null;
  /** The refused response form: its recommendation and state. */
  form?: { recommendationId: string; state: FormState };
  /** The refused translation form of a response. */
  translation?: { recommendationId: string; state: FormState };
}

export function recommendationsPage(ctx: PageContext, d: RecommendationsData): SafeHtml {
  const m = texts(ctx.locale).pages.organizer;
  const tz = d.organization.time_zone;
  const dt = (x: Date | string) => timeTag(x, tz, ctx.locale);
  const recs = (d.review?.positions ?? []).flatMap((p) => p.recommendations.map((r) => ({ ...r, memberName: p.memberName })));
  const content = !d.review
    ? html`<p>${m.recsNoReview}</p>`
    : recs.length === 0
      ? html`<p>${m.recsNone}</p>`
      : html`<p>${m.recsIntro}</p><ol class="remarks">${recs.map((r) => {
          const state = d.form?.recommendationId === r.id ? d.form.state : undefined;
          const id = (name: string) => `${name}-${r.id}`;
          const focus = firstError(state?.errors, ['accepted', id('text')]);
          return html`<li class="remark" id="recommendation-${r.id}">
            <h2 class="card-title">${r.memberName}</h2>
            ${localizedBlock(r.text, ctx.locale, 'p', 'body')}
            ${
              r.response
                ? html`<div class="answer"><h3>${m.yourResponse}: ${r.response.accepted ? m.accepted : m.rejected}</h3>${localizedBlock(r.response.text, ctx.locale, 'p', 'body')}</div>
                ${responseTranslationForm(ctx, d, r.id, r.response.text)}`
                : html`<p class="${r.overdue ? 'pending overdue' : 'pending'}">${r.overdue ? html`<span class="badge late">${m.overdue}</span> ` : ''}${htmlMessage(r.overdue ? m.recOverdue : m.recDue, { time: dt(r.responseDueAt) })}</p>
                <form class="form" method="post" action="/organizer/plans/${d.view.id}/recommendations/${r.id}/response" novalidate>
                  ${formAlert(state?.formError)}
                  ${csrfField(ctx.csrf)}
                  ${radioGroup({
                    id: id('accepted'),
                    name: 'accepted',
                    legend: m.acceptedLegend,
                    value: state?.values.accepted ?? '',
                    error: state?.errors.accepted,
                    focus: focus === 'accepted',
                    choices: [
                      ['yes', m.acceptedYes],
                      ['no', m.acceptedNo],
                    ],
                  })}
                  ${localizedField(ctx, {
                    base: id('text'),
                    legend: m.responseText,
                    values: state?.values ?? {},
                    errors: state?.errors,
                    multiline: true,
                    maxlength: 10000,
                    focus: focus === id('text') ? `${id('text')}_kk` : null,
                  })}
                  <div><button type="submit">${m.responseButton}</button></div>
                </form>`
            }
          </li>`;
        })}</ol>`;
  return stepLayout(ctx, m, d, m.recsTitle, content);
}

/**
 * The organizer adds the missing language of a published response (not a correction: no new version,
 * no e-mail); shown while a state language is missing, or again after a refusal.
 */
function responseTranslationForm(ctx: PageContext, d: RecommendationsData, recommendationId: string, text: LocalizedText): SafeHtml {
  const state = d.translation?.recommendationId === recommendationId ? d.translation.state : undefined;
  if (!state && text.missing().length === 0) return html``;
  const l = texts(ctx.locale).pages.council.languages;
  const base = `translation-${recommendationId}`;
  const values = state?.values ?? localizedValues(base, text);
  return html`<details class="translations"${state ? html` open` : ''}><summary>${l.translationsTitle}</summary>
  <form class="form" method="post" action="/organizer/plans/${d.view.id}/recommendations/${recommendationId}/response/translations" novalidate>
    ${formAlert(state?.formError)}
    ${csrfField(ctx.csrf)}
    <p class="meta">${l.translationsHint}</p>
    ${localizedField(ctx, { base, legend: texts(ctx.locale).pages.organizer.responseText, values, errors: state?.errors, multiline: true, maxlength: 10000, showMissing: true, focus: state?.errors[base] ? `${base}_kk` : null })}
    <div><button type="submit">${l.translationsButton}</button></div>
  </form></details>`;
}

export interface OutcomeData extends StepData {
  outcome: OutcomeView | null;
  /** Remarks still waiting for an answer (hidden ones need none). */
  unanswered: number;
  form?: FormState;
  /** The translations form after a refusal. */
  translations?: FormState;
}

/** Adding the languages the current outcome's summary or reason lacks (not a correction: no version, no e-mail). */
function outcomeTranslationsForm(ctx: PageContext, d: OutcomeData, outcome: OutcomeView): SafeHtml {
  const m = texts(ctx.locale).pages.organizer;
  const tr = texts(ctx.locale).outcomes.translations;
  const f = d.translations;
  const values = f?.values ?? {
    ...localizedValues('summary', outcome.summary),
    ...localizedValues('correctionReason', outcome.correctionReason),
  };
  return stepForm(
    ctx,
    {
      id: 'outcome-translations',
      title: tr.formTitle,
      action: `/organizer/plans/${d.view.id}/outcome/translations`,
      state: f,
      button: tr.button,
    },
    html`<p class="hint">${tr.intro}</p>
    ${localizedField(ctx, { base: 'summary', legend: m.outcomeSummary, values, errors: f?.errors, multiline: true, rows: 8, maxlength: 20000, showMissing: true })}
    ${
      outcome.correctionReason
        ? localizedField(ctx, {
            base: 'correctionReason',
            legend: tr.reasonLegend,
            values,
            errors: f?.errors,
            multiline: true,
            rows: 3,
            maxlength: 2000,
            showMissing: true,
          })
        : ''
    }`,
  );
}

export function outcomePage(ctx: PageContext, d: OutcomeData): SafeHtml {
  const m = texts(ctx.locale).pages.organizer;
  const tz = d.organization.time_zone;
  const dt = (x: Date | string) => timeTag(x, tz, ctx.locale);
  const v = d.view;
  const unanswered = d.unanswered;
  let content: SafeHtml;
  if (d.outcome) {
    content = html`<p>${htmlMessage(m.outcomePublished, { time: dt(d.outcome.publishedAt), decision: m.decision[d.outcome.decision] })}</p>
      ${localizedBlock(d.outcome.summary, ctx.locale, 'p', 'body')}
      ${missingTranslationsNote(ctx, [
        { label: m.outcomeSummary, text: d.outcome.summary },
        ...(d.outcome.correctionReason
          ? [{ label: texts(ctx.locale).outcomes.translations.reasonLegend, text: d.outcome.correctionReason }]
          : []),
      ])}
      <p><a href="/api/v1/plans/${v.id}/report">${m.report}</a></p>
      ${outcomeTranslationsForm(ctx, d, d.outcome)}`;
  } else if (!v.stage2) {
    content = html`<p>${m.outcomeNoStage2}</p>`;
  } else if (new Date(v.stage2.closesAt).getTime() >= d.now.getTime()) {
    content = html`<p>${htmlMessage(m.outcomeNotYet, { time: dt(v.stage2.closesAt) })}</p>`;
  } else {
    const f = d.form;
    const focus = firstError(f?.errors, ['decision', 'summary']);
    content = html`<p>${m.outcomeIntro}</p>
${unanswered > 0 ? html`<p class="notice-error">${interpolate(m.outcomeUnanswered, { n: unanswered })} <a href="/organizer/remarks">${m.toQueue}</a></p>` : ''}
${outcomeWaitsFor(ctx, v.review as ReviewView | null, tz, d.now)}
${stepForm(
  ctx,
  { id: 'outcome', title: m.outcomeTitle, action: `/organizer/plans/${v.id}/outcome`, state: f, button: m.outcomeButton },
  html`
  ${radioGroup({
    id: 'decision',
    name: 'decision',
    legend: m.decisionLegend,
    value: f?.values.decision ?? '',
    error: f?.errors.decision,
    focus: focus === 'decision',
    choices: DECISIONS.map((x) => [x, m.decision[x]] as const),
  })}
  ${localizedField(ctx, {
    base: 'summary',
    legend: m.outcomeSummary,
    values: f?.values ?? {},
    errors: f?.errors,
    multiline: true,
    rows: 8,
    maxlength: 20000,
    focus: focus === 'summary' ? 'summary_kk' : null,
  })}`,
)}`;
  }
  return stepLayout(ctx, m, d, m.outcomeTitle, content);
}
