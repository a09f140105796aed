import { endOfLocalDay } from '../procedure/deadlines';
import { html, HtmlValue, SafeHtml } from './html';
import { texts } from '../common/i18n/catalogue';
import { interpolate } from '../common/i18n/locale';
import { daysLeft, formatDate, formatDateTime, formatTenge, zoneLabel } from './format';
import { csrfField, layout, PageContext } from './layout';
import { procedureSections, ProcedureDetails } from './plan-sections';
import { DISPOSITIONS } from '../remarks/answer.entity';
import { OpenDiscussionRow, OrganizationOption, PlanDetailRow, RemarkPage, UpcomingHearingRow } from './queries';

export interface HomeData {
  now: Date;
  q: string;
  organizationId: string;
  organizations: OrganizationOption[];
  open: OpenDiscussionRow[];
  hearings: UpcomingHearingRow[];
}

export function homePage(ctx: PageContext, data: HomeData): SafeHtml {
  const { t, locale } = ctx;
  const body = html`
<h1 id="open-heading">${t.openDiscussions}</h1>
<form class="search" method="get" action="/" role="search">
  <div class="field">
    <label for="q">${t.searchLabel}</label>
    <span class="hint" id="q-hint">${t.searchHint}</span>
    <input type="search" id="q" name="q" value="${data.q}" aria-describedby="q-hint" maxlength="200">
  </div>
  <div class="field">
    <label for="org">${t.organizerFilter}</label>
    <select id="org" name="org">
      <option value="">${t.allOrganizers}</option>
      ${data.organizations.map((o) => html`<option value="${o.id}"${o.id === data.organizationId ? html` selected` : ''}>${o.name}</option>`)}
    </select>
  </div>
  <div><button type="submit">${t.searchButton}</button></div>
</form>
${data.open.length === 0
  ? html`<p>${t.noOpen}</p>`
  : html`<ul class="cards" aria-labelledby="open-heading">${data.open.map((p) => {
      const left = daysLeft(data.now, p.closes_at, p.time_zone);
      return html`<li class="card">
        <h2 class="card-title"><a href="/plans/${p.id}">${p.title}</a></h2>
        <p class="meta">${p.organization_name} · ${formatTenge(p.amount, locale)} · ${t.methods[p.method] ?? p.method}</p>
        <p><span class="badge stage">${p.stage === 2 ? t.stage2 : t.stage1}</span>
           ${interpolate(t.closesAt, { time: formatDateTime(p.closes_at, p.time_zone, locale) })}
           <span class="meta">(${zoneLabel(p.time_zone, data.now)})</span>
           <span class="badge days">${left === 0 ? t.lastDay : interpolate(t.daysLeft, { n: left })}</span></p>
      </li>`;
    })}</ul>`}
<h2 id="hearings-heading">${t.upcomingHearings}</h2>
${data.hearings.length === 0
  ? html`<p>${t.noHearings}</p>`
  : html`<ul class="cards" aria-labelledby="hearings-heading">${data.hearings.map(
      (h) => html`<li class="card">
        <h3 class="card-title"><a href="/plans/${h.plan_id}">${h.title}</a></h3>
        <p><strong>${formatDateTime(h.starts_at, h.time_zone, locale)}</strong> <span class="meta">(${zoneLabel(h.time_zone, h.starts_at)})</span></p>
        <p class="meta">${h.organization_name} · ${h.venue}${h.room ? html`, ${h.room}` : ''}</p>
      </li>`,
    )}</ul>`}`;
  return layout(ctx, { title: t.openDiscussions, body });
}

interface TimelineEntry {
  label: string;
  when: string;
  at: Date | null;
}

/** `reviewClosedAt`: when the council's conclusion was published (the chair may close before the deadline). */
function timeline(ctx: PageContext, p: PlanDetailRow, reviewClosedAt: string | Date | null): TimelineEntry[] {
  const { t, locale } = ctx;
  const tz = p.time_zone;
  const dt = (d: Date) => formatDateTime(d, tz, locale);
  const out: TimelineEntry[] = [{ label: t.tlPublished, when: dt(p.published_at), at: p.published_at }];
  if (p.stage1_closes_at) out.push({ label: t.tlStage1Close, when: dt(p.stage1_closes_at), at: p.stage1_closes_at });
  if (p.hearing_deadline_date) out.push({ label: t.tlHearingDeadline, when: formatDate(p.hearing_deadline_date, locale), at: endOfLocalDay(p.hearing_deadline_date, tz) });
  if (p.hearing_status === 'scheduled' && p.hearing_starts_at) out.push({ label: t.tlHearing, when: dt(p.hearing_starts_at), at: p.hearing_starts_at });
  if (p.hearing_overdue_at) out.push({ label: t.tlOverdue, when: dt(p.hearing_overdue_at), at: p.hearing_overdue_at });
  if (p.protocol_published_at) out.push({ label: t.tlProtocol, when: dt(p.protocol_published_at), at: p.protocol_published_at });
  const reviewEnd = reviewClosedAt ? new Date(reviewClosedAt) : p.review_closes_at;
  if (reviewEnd) out.push({ label: t.tlReview, when: dt(reviewEnd), at: reviewEnd });
  if (p.notice_published_at) out.push({ label: t.tlNotice, when: dt(p.notice_published_at), at: p.notice_published_at });
  if (p.stage2_opens_at && (!p.notice_published_at || p.stage2_opens_at.getTime() !== p.notice_published_at.getTime())) {
    out.push({ label: t.tlStage2Open, when: dt(p.stage2_opens_at), at: p.stage2_opens_at });
  }
  if (p.stage2_closes_at) out.push({ label: t.tlStage2Close, when: dt(p.stage2_closes_at), at: p.stage2_closes_at });
  if (p.outcome_published_at) out.push({ label: t.tlOutcome, when: dt(p.outcome_published_at), at: p.outcome_published_at });
  return out;
}

export interface PlanData {
  now: Date;
  plan: PlanDetailRow;
  remarks: RemarkPage;
  /** The page's own path, for the "more" link. */
  path: string;
  form?: PlanFormState;
  /** Protocol, council review, notice and outcome (absent parts are null). */
  procedure?: ProcedureDetails;
  /** Parts rendered by feature folders (src/web/citizen: following the plan, hearing sign-up). */
  slots?: PlanSlots;
}

/** Where feature folders add to the plan page; each part brings its own headings at level 2 or below. */
export interface PlanSlots {
  /** After the information about the procurement, before the deadlines. */
  afterDescription?: HtmlValue;
  /** At the end of the hearing section (only when a hearing exists). */
  hearing?: HtmlValue;
}

/** What the plan page's forms show after a POST: a confirmation, or the errors with the text typed. */
export interface PlanFormState {
  flash?: 'remarked' | 'answered' | null;
  remark?: { value: string; error: string | null };
  answer?: { remarkId: string; disposition: string; value: string; dispositionError: string | null; error: string | null };
  /** Idempotency key of the remark form, so a double submit makes one remark. */
  remarkKey?: string;
}

function remarkSection(ctx: PageContext, data: PlanData, openStage: number | null, openCloses: Date | null): SafeHtml {
  const { t, locale } = ctx;
  const p = data.plan;
  const state = data.form?.remark;
  const next = encodeURIComponent(`${data.path}#remark-form`);
  if (!openStage || !openCloses) {
    return state?.error ? html`<p class="notice-error" role="alert" id="remark-error">${state.error}</p>` : html``;
  }
  const until = formatDateTime(openCloses, p.time_zone, locale);
  if (!ctx.user) return html`<p id="remark-form"><a class="button" href="/login?next=${next}">${t.signInToRemark}</a> <span class="meta">${interpolate(t.closesAt, { time: until })}</span></p>`;
  if (ctx.user.role !== 'citizen') return html`<p class="meta" id="remark-form">${t.onlyCitizens}</p>`;
  if (!ctx.user.emailVerified) return html`<p class="notice-error" id="remark-form">${t.verifyToRemark}</p>`;
  const error = state?.error ?? null;
  return html`<form class="form" id="remark-form" method="post" action="/plans/${p.id}/remarks" novalidate>
  <h3>${t.leaveRemark}</h3>
  ${csrfField(ctx.csrf)}
  <input type="hidden" name="idempotencyKey" value="${data.form?.remarkKey ?? ''}">
  <div class="field">
    <label for="remark-body">${t.remarkLabel}</label>
    <span class="hint" id="remark-hint">${interpolate(t.remarkHint, { name: ctx.user.displayName, time: until })}</span>
    ${error ? html`<p class="error" id="remark-error">${error}</p>` : ''}
    <textarea id="remark-body" name="body" rows="6" maxlength="10000" required
      aria-describedby="${error ? 'remark-error remark-hint' : 'remark-hint'}"${error ? html` aria-invalid="true" autofocus` : ''}>${state?.value ?? ''}</textarea>
  </div>
  <div><button type="submit">${t.remarkSubmit}</button></div>
</form>`;
}

function answerForm(ctx: PageContext, data: PlanData, remarkId: string): SafeHtml {
  const { t } = ctx;
  const state = data.form?.answer?.remarkId === remarkId ? data.form.answer : undefined;
  const id = remarkId;
  const dErr = state?.dispositionError ?? null;
  const bErr = state?.error ?? null;
  return html`<form class="form" method="post" action="/plans/${data.plan.id}/remarks/${id}/answer" novalidate>
  <h4 id="answer-title-${id}">${t.answerFormTitle}</h4>
  ${csrfField(ctx.csrf)}
  <div class="field">
    <label for="disposition-${id}">${t.dispositionLabel}</label>
    ${dErr ? html`<p class="error" id="disposition-error-${id}">${dErr}</p>` : ''}
    <select id="disposition-${id}" name="disposition" required${dErr ? html` aria-invalid="true" aria-describedby="disposition-error-${id}" autofocus` : ''}>
      <option value="">—</option>
      ${DISPOSITIONS.map((d) => html`<option value="${d}"${state?.disposition === d ? html` selected` : ''}>${t.disposition[d]}</option>`)}
    </select>
  </div>
  <div class="field">
    <label for="answer-body-${id}">${t.answerLabel}</label>
    <span class="hint" id="answer-hint-${id}">${t.answerHint}</span>
    ${bErr ? html`<p class="error" id="answer-error-${id}">${bErr}</p>` : ''}
    <textarea id="answer-body-${id}" name="body" rows="5" maxlength="10000" required
      aria-describedby="${bErr ? `answer-error-${id} answer-hint-${id}` : `answer-hint-${id}`}"${bErr ? html` aria-invalid="true"${dErr ? '' : html` autofocus`}` : ''}>${state?.value ?? ''}</textarea>
  </div>
  <div><button type="submit">${t.answerSubmit}</button></div>
</form>`;
}

export function planPage(ctx: PageContext, data: PlanData): SafeHtml {
  const { t, locale } = ctx;
  const p = data.plan;
  const tz = p.time_zone;
  const now = data.now.getTime();
  const stage1Open = p.stage1_closes_at !== null && p.published_at.getTime() <= now && now <= p.stage1_closes_at.getTime();
  const stage2Open = p.stage2_opens_at !== null && p.stage2_closes_at !== null && p.stage2_opens_at.getTime() <= now && now <= p.stage2_closes_at.getTime();
  const openStage = stage2Open ? 2 : stage1Open ? 1 : null;
  const openCloses = stage2Open ? p.stage2_closes_at : stage1Open ? p.stage1_closes_at : null;
  const isOrganizer = !!ctx.user && ctx.user.role === 'organizer' && ctx.user.organizationId === p.organization_id;

  const body = html`
<p class="meta"><a href="/">${t.home}</a></p>
<h1>${p.title}</h1>
${openStage && openCloses
  ? html`<p><span class="badge stage">${interpolate(t.stageOpenNow, { n: openStage })}</span>
      ${interpolate(t.closesAt, { time: formatDateTime(openCloses, tz, locale) })}
      <span class="badge days">${daysLeft(data.now, openCloses, tz) === 0 ? t.lastDay : interpolate(t.daysLeft, { n: daysLeft(data.now, openCloses, tz) })}</span></p>`
  : ''}
<dl class="facts">
  <dt>${t.organizer}</dt><dd>${p.organization_name}</dd>
  <dt>${t.amount}</dt><dd>${formatTenge(p.amount, locale)}</dd>
  <dt>${t.method}</dt><dd>${t.methods[p.method] ?? p.method}</dd>
  <dt>${t.subjectCode}</dt><dd>${p.subject_code}</dd>
  ${p.planned_quarter ? html`<dt>${t.plannedQuarter}</dt><dd>${p.planned_quarter}</dd>` : ''}
  ${p.delivery_place ? html`<dt>${t.deliveryPlace}</dt><dd>${p.delivery_place}</dd>` : ''}
</dl>
<h2>${t.description}</h2>
<p class="description">${p.description}</p>

${data.slots?.afterDescription ?? ''}

<h2 id="timeline">${t.timeline}</h2>
<p class="meta">${interpolate(t.localTime, { tz: zoneLabel(tz, p.published_at) })}</p>
<ol class="timeline">
  ${timeline(ctx, p, data.procedure?.review?.conclusion?.closedAt ?? null).map((e) => html`<li class="${e.at && e.at.getTime() > now ? 'future' : 'past'}"><strong>${e.label}</strong><time>${e.when}</time></li>`)}
</ol>

${p.hearing_status
  ? html`<h2 id="hearing">${t.hearing}</h2>
    ${p.hearing_status === 'cancelled'
      ? html`<p>${interpolate(t.hearingCancelled, { reason: p.hearing_cancel_reason ?? '' })}</p>`
      : html`<dl class="facts">
          <dt>${t.tlHearing}</dt><dd>${p.hearing_starts_at ? formatDateTime(p.hearing_starts_at, tz, locale) : ''}</dd>
          <dt>${t.venue}</dt><dd>${p.hearing_venue}</dd>
          ${p.hearing_room ? html`<dt>${t.room}</dt><dd>${p.hearing_room}</dd>` : ''}
          ${p.hearing_livestream_url && /^https?:\/\//i.test(p.hearing_livestream_url)
            ? html`<dt>${t.livestream}</dt><dd><a href="${p.hearing_livestream_url}" rel="noopener noreferrer">${p.hearing_livestream_url}</a></dd>`
            : ''}
        </dl>
        <p>${t.hearingOpen}</p>
        <p><a class="button" href="/api/v1/plans/${p.id}/hearing.ics" download>${t.addToCalendar}</a></p>`}
    ${data.slots?.hearing ?? ''}`
  : ''}

${data.procedure ? procedureSections(ctx, data.procedure, tz, p.id, data.now) : ''}

<h2 id="remarks">${t.remarks}</h2>
${data.form?.flash === 'remarked' ? html`<p class="notice-ok" role="status" id="flash">${t.remarkSent}</p>` : ''}
${data.form?.flash === 'answered' ? html`<p class="notice-ok" role="status" id="flash">${t.answerSent}</p>` : ''}
${remarkSection(ctx, data, openStage, openCloses)}
${data.remarks.items.length === 0
  ? html`<p>${t.noRemarks}</p>`
  : html`<ol class="remarks">${data.remarks.items.map(
      (r) => html`<li class="remark" id="remark-${r.id}">
        <p class="meta"><span class="badge stage">${r.stage === 2 ? t.stage2 : t.stage1}</span>
          ${interpolate(t.remarkBy, { name: r.author_name, time: formatDateTime(r.created_at, tz, locale) })}</p>
        <p class="body">${r.body}</p>
        ${r.answer_body !== null
          ? html`<section class="answer" aria-labelledby="answer-of-${r.id}">
              <h3 id="answer-of-${r.id}">${t.answer}: <span class="disposition">${t.disposition[r.answer_disposition ?? ''] ?? r.answer_disposition}</span>
                ${r.answer_late ? html` <span class="badge late" title="${t.lateAnswer}">${t.late}</span>` : ''}</h3>
              <p class="meta">${r.answer_published_at ? formatDateTime(r.answer_published_at, tz, locale) : ''}
                ${r.answer_version && r.answer_version > 1 ? html` · ${interpolate(t.corrected, { n: r.answer_version })}` : ''}</p>
              <p class="body">${r.answer_body}</p>
            </section>`
          : html`<p class="pending">${interpolate(t.noAnswerYet, { time: formatDateTime(r.answer_due_at, tz, locale) })}</p>
              ${isOrganizer ? answerForm(ctx, data, r.id) : ''}`}
      </li>`,
    )}</ol>`}
${data.remarks.nextCursor
  ? html`<p class="more"><a class="button" href="${data.path}?cursor=${encodeURIComponent(data.remarks.nextCursor)}#remarks">${t.more}</a></p>`
  : ''}`;
  return layout(ctx, { title: p.title, body });
}

export function errorPage(ctx: PageContext, status: number, message?: string): SafeHtml {
  const { t } = ctx;
  const title = status === 404 ? t.notFoundTitle : t.errorTitle;
  const body = html`<h1>${title}</h1>
<p>${status === 404 ? t.notFoundText : message ?? ''}</p>
<p><a href="/">${t.backHome}</a></p>`;
  return layout(ctx, { title, body });
}

export interface LoginState {
  email: string;
  next: string;
  csrf: string;
  emailError?: string | null;
  passwordError?: string | null;
  /** A refusal of the whole attempt (wrong credentials, too many attempts); shown by the password. */
  formError?: string | null;
}

export function loginPage(ctx: PageContext, s: LoginState): SafeHtml {
  const { t } = ctx;
  const passwordError = s.passwordError ?? s.formError ?? null;
  const anyError = !!(s.emailError || passwordError);
  const body = html`<h1>${t.signInTitle}</h1>
${anyError ? html`<p class="notice-error" role="alert">${t.formErrors}</p>` : ''}
<form class="form" method="post" action="/login" novalidate>
  ${csrfField(s.csrf)}
  <input type="hidden" name="next" value="${s.next}">
  <div class="field">
    <label for="email">${t.email}</label>
    ${s.emailError ? html`<p class="error" id="email-error">${s.emailError}</p>` : ''}
    <input type="email" id="email" name="email" value="${s.email}" autocomplete="username" required maxlength="320"
      ${s.emailError ? html`aria-invalid="true" aria-describedby="email-error" autofocus` : ''}>
  </div>
  <div class="field">
    <label for="password">${t.password}</label>
    ${passwordError ? html`<p class="error" id="password-error">${passwordError}</p>` : ''}
    <input type="password" id="password" name="password" autocomplete="current-password" required maxlength="128"
      ${passwordError ? html`aria-invalid="true" aria-describedby="password-error"${s.emailError ? '' : html` autofocus`}` : ''}>
  </div>
  <div><button type="submit">${t.signInButton}</button></div>
</form>
<p><a href="/forgot-password">${texts(ctx.locale).pages.citizen.forgotLink}</a></p>
<p>${texts(ctx.locale).pages.citizen.noAccount} <a href="/register">${t.navRegister}</a></p>`;
  return layout(ctx, { title: t.signInTitle, body });
}
