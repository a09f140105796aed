import type { CalendarDay } from '../../calendar/working-calendar';
import type { Locale } from '../../common/i18n/locale';
import { interpolate, LOCALES } from '../../common/i18n/locale';
import type { LocalizedText } from '../../common/i18n/localized-text';
import { localizedInline, localizedPlain } from '../localized';
import { localizedField, localizedFocus, missingTranslationsNote } from '../forms/localized-fields';
import { STAFF_ROLES } from '../../organizations/accounts/admin-users.dto';
import type { CouncilView, OrganizationView } from '../../organizations/organizations.dto';
import { dateTag, formatDate, timeTag, zoneLabel } from '../format';
import type { HtmlValue, SafeHtml } from '../html';
import { html } from '../html';
import { texts, type Catalogue } from '../../common/i18n/catalogue';
import { KZ_TIME_ZONES } from './time-zones';
import type { PageContext } from '../layout';
import { layout } from '../layout';
import { csrfField } from '../forms/csrf';
import type { Choice } from '../forms/fields';
import { buttonForm, checkboxField, flash, formAlert, radioGroup, selectField, textField } from '../forms/fields';
import type { FormState, Message } from '../forms/form';
import { firstError, hasErrors, lengthMessage } from '../forms/form';
import type { KeysetPage } from '../keyset-page';
import type { CouncilRow, OrganizationRow, OverrideRow, StaffRow } from './admin-pages.repository';

/** A select option of a localized name: the reader's version, with its `lang` when it is another language. */
function localizedChoice(id: string, name: LocalizedText, locale: Locale): Choice {
  const picked = name.pick(locale);
  return [id, picked.text, picked.fallback ? picked.lang : undefined];
}

/** The link to a translation form; "missing" beside it when Kazakh or Russian is absent. */
function translationsLink(ctx: PageContext, href: string, names: LocalizedText[], label: string): SafeHtml {
  const p = texts(ctx.locale).pages.planTexts;
  const missing = names.some((n) => n.missing().length > 0);
  return html`<a href="${href}" aria-label="${interpolate(p.translationsOf, { name: label })}">${p.addTranslations}</a>${missing ? html` <span class="badge">${ctx.t.localizedFields.missing}</span>` : ''}`;
}

export interface TranslationsFormData {
  /** The list page this form belongs to. */
  section: 'organizations' | 'councils';
  action: string;
  name: LocalizedText;
  texts: { base: string; legend: string; maxlength: number; text: LocalizedText }[];
  form: FormState;
}

/** Adding the languages an organizer's or a council's texts lack: the missing ones marked, nobody told. */
export function adminTranslationsPage(ctx: PageContext, d: TranslationsFormData): SafeHtml {
  const a = texts(ctx.locale).pages.admin;
  const p = texts(ctx.locale).pages.planTexts;
  const e = d.form.errors;
  const title = interpolate(p.translationsOf, { name: localizedPlain(d.name, ctx.locale) });
  const focus = localizedFocus(
    firstError(
      e,
      d.texts.flatMap((t) => [t.base, `${t.base}_kk`, `${t.base}_ru`, `${t.base}_en`]),
    ),
    d.texts.map((t) => t.base),
  );
  const body = html`<h1>${p.translationsTitle}: ${localizedInline(d.name, ctx.locale)}</h1>
<p><a href="/admin/${d.section}">${a[d.section]}</a></p>
<p>${p.translationsIntro}</p>
${missingTranslationsNote(
  ctx,
  d.texts.map((t) => ({ label: t.legend, text: t.text })),
)}
${formAlert(d.form.formError ?? (hasErrors(e) ? ctx.t.formErrors : null))}
<form class="form" method="post" action="${d.action}" novalidate>
  ${csrfField(ctx.csrf)}
  ${d.texts.map((t) => localizedField(ctx, { base: t.base, legend: t.legend, values: d.form.values, errors: e, maxlength: t.maxlength, focus, showMissing: true }))}
  <div><button type="submit">${p.translationsButton}</button></div>
</form>`;
  return adminLayout(ctx, a, d.section, title, body);
}

/** "Fill in this field", or "at most `max` characters". */
export function requiredText(ctx: PageContext, max: number): Message {
  return lengthMessage(ctx.t.fieldRequired, interpolate(texts(ctx.locale).pages.admin.tooLong, { n: max }));
}

type Section = 'organizations' | 'councils' | 'users' | 'calendar';
const SECTIONS: readonly Section[] = ['organizations', 'councils', 'users', 'calendar'];

/** The administrator's pages: the section menu, one h1, the flash, then the body. */
function adminLayout(ctx: PageContext, a: Catalogue['pages']['admin'], current: Section | null, title: string, body: HtmlValue): SafeHtml {
  return layout(ctx, {
    title,
    body: html`<nav class="sub-nav" aria-label="${a.adminTitle}"><ul>
  <li><a href="/admin"${current === null ? html` aria-current="page"` : ''}>${a.adminTitle}</a></li>
  ${SECTIONS.map((s) => html`<li><a href="/admin/${s}"${s === current ? html` aria-current="page"` : ''}>${a[s]}</a></li>`)}
</ul></nav>
${body}`,
  });
}

/** The "next page" link of a keyset list, keeping its anchor. */
function nextLink(a: Catalogue['pages']['admin'], path: string, page: KeysetPage<unknown>, anchor: string): SafeHtml {
  return html`${page.nextCursor ? html`<p class="more"><a class="button" href="${path}?cursor=${encodeURIComponent(page.nextCursor)}#${anchor}">${a.nextPage}</a></p>` : ''}`;
}

function firstPageLink(a: Catalogue['pages']['admin'], path: string, isLaterPage: boolean): SafeHtml {
  return html`${isLaterPage ? html`<p><a href="${path}">${a.firstPage}</a></p>` : ''}`;
}

export function adminHomePage(ctx: PageContext): SafeHtml {
  const a = texts(ctx.locale).pages.admin;
  const hints: Record<Section, string> = {
    organizations: a.organizationsHint,
    councils: a.councilsHint,
    users: a.usersHint,
    calendar: a.calendarHint,
  };
  return adminLayout(
    ctx,
    a,
    null,
    a.adminTitle,
    html`<h1>${a.adminTitle}</h1>
<p>${a.adminIntro}</p>
<ul class="cards">${SECTIONS.map((s) => html`<li class="card"><h2 class="card-title"><a href="/admin/${s}">${a[s]}</a></h2><p class="meta">${hints[s]}</p></li>`)}</ul>`,
  );
}

/** The organizer form's plain fields; the name and address are localized (`name_kk`, `address_ru`, ...). */
export const ORG_FIELDS = ['bin', 'timeZone', 'councilId'] as const;
const ORG_FOCUS = [
  'name',
  'name_kk',
  'name_ru',
  'name_en',
  'bin',
  'address',
  'address_kk',
  'address_ru',
  'address_en',
  'timeZone',
  'councilId',
];
export type OrgField = (typeof ORG_FIELDS)[number];

export interface OrganizationsData {
  page: KeysetPage<OrganizationRow>;
  laterPage: boolean;
  councils: CouncilView[];
  form: FormState;
  flash: string | null;
  now: Date;
}

export function organizationsPage(ctx: PageContext, d: OrganizationsData): SafeHtml {
  const a = texts(ctx.locale).pages.admin;
  const p = texts(ctx.locale).pages.planTexts;
  const { values: v, errors: e } = d.form;
  const focus = localizedFocus(firstError(e, ORG_FOCUS), ['name', 'address']);
  const zones = KZ_TIME_ZONES.map((z) => [z, `${a.zones[z]} (${zoneLabel(z, d.now)})`] as const);
  const body = html`<h1>${a.organizations}</h1>
${flash(d.flash)}
<p><a href="#create">${a.orgCreateTitle}</a></p>
<h2 id="list">${a.organizations}</h2>
${
  d.page.items.length === 0
    ? html`<p>${a.noOrganizations}</p>`
    : html`<div class="table-wrap"><table>
  <caption>${a.orgCaption}</caption>
  <thead><tr><th scope="col">${a.colName}</th><th scope="col">${a.colBin}</th><th scope="col">${a.colAddress}</th><th scope="col">${a.colTimeZone}</th><th scope="col">${a.colCouncil}</th><th scope="col">${p.translationsTitle}</th></tr></thead>
  <tbody>${d.page.items.map(
    (o) =>
      html`<tr><th scope="row">${localizedInline(o.name, ctx.locale)}</th><td>${o.bin}</td><td>${localizedInline(o.address, ctx.locale)}</td><td>${o.time_zone}</td><td>${localizedInline(o.council_name, ctx.locale)}</td>
        <td>${translationsLink(ctx, `/admin/organizations/${o.id}/translations`, [o.name, o.address], localizedPlain(o.name, ctx.locale))}</td></tr>`,
  )}</tbody>
</table></div>`
}
${nextLink(a, '/admin/organizations', d.page, 'list')}
${firstPageLink(a, '/admin/organizations', d.laterPage)}
<h2 id="create">${a.orgCreateTitle}</h2>
${
  d.councils.length === 0
    ? html`<p>${a.addCouncilFirst} <a href="/admin/councils#create">${a.councilCreateTitle}</a></p>`
    : html`${formAlert(d.form.formError ?? (focus ? ctx.t.formErrors : null))}
<form class="form" method="post" action="/admin/organizations" novalidate>
  ${csrfField(ctx.csrf)}
  ${localizedField(ctx, { base: 'name', legend: a.orgName, values: v, errors: e, maxlength: 300, focus })}
  ${textField({ id: 'org-bin', name: 'bin', label: a.bin, hint: a.binHint, value: v.bin, error: e.bin, maxlength: 12, inputmode: 'numeric', required: true, focus: focus === 'bin' })}
  ${localizedField(ctx, { base: 'address', legend: a.address, hint: a.addressHint, values: v, errors: e, maxlength: 500, focus })}
  ${selectField({ id: 'org-tz', name: 'timeZone', label: a.timeZone, hint: a.timeZoneHint, value: v.timeZone, choices: zones, placeholder: a.timeZonePlaceholder, error: e.timeZone, required: true, focus: focus === 'timeZone' })}
  ${selectField({ id: 'org-council', name: 'councilId', label: a.council, value: v.councilId, choices: d.councils.map((c) => localizedChoice(c.id, c.name, ctx.locale)), placeholder: '—', error: e.councilId, required: true, focus: focus === 'councilId' })}
  <div><button type="submit">${a.orgSubmit}</button></div>
</form>`
}`;
  return adminLayout(ctx, a, 'organizations', a.organizations, body);
}

/** The council form has one localized text: `name_kk`, `name_ru`, `name_en`. */
export const COUNCIL_FIELDS = ['name_kk', 'name_ru', 'name_en'] as const;
export type CouncilField = (typeof COUNCIL_FIELDS)[number];

export interface CouncilsData {
  page: KeysetPage<CouncilRow>;
  laterPage: boolean;
  form: FormState;
  flash: string | null;
}

export function councilsPage(ctx: PageContext, d: CouncilsData): SafeHtml {
  const a = texts(ctx.locale).pages.admin;
  const p = texts(ctx.locale).pages.planTexts;
  const { values: v, errors: e } = d.form;
  const body = html`<h1>${a.councils}</h1>
${flash(d.flash)}
<p><a href="#create">${a.councilCreateTitle}</a></p>
<h2 id="list">${a.councils}</h2>
${
  d.page.items.length === 0
    ? html`<p>${a.noCouncils}</p>`
    : html`<div class="table-wrap"><table>
  <caption>${a.councilCaption}</caption>
  <thead><tr><th scope="col">${a.colName}</th><th scope="col">${a.colMembers}</th><th scope="col">${a.colChair}</th><th scope="col">${a.colOrganizations}</th><th scope="col">${p.translationsTitle}</th></tr></thead>
  <tbody>${d.page.items.map(
    (c) =>
      html`<tr><th scope="row">${localizedInline(c.name, ctx.locale)}</th><td>${c.members}</td><td>${c.chair_name ?? html`<span class="meta">${a.noChair}</span>`}</td><td>${c.organizations}</td>
        <td>${translationsLink(ctx, `/admin/councils/${c.id}/translations`, [c.name], localizedPlain(c.name, ctx.locale))}</td></tr>`,
  )}</tbody>
</table></div>`
}
${nextLink(a, '/admin/councils', d.page, 'list')}
${firstPageLink(a, '/admin/councils', d.laterPage)}
<h2 id="create">${a.councilCreateTitle}</h2>
${formAlert(d.form.formError ?? (hasErrors(e) ? ctx.t.formErrors : null))}
<form class="form" method="post" action="/admin/councils" novalidate>
  ${csrfField(ctx.csrf)}
  ${localizedField(ctx, { base: 'name', legend: a.councilName, values: v, errors: e, maxlength: 300, focus: localizedFocus(firstError(e, ['name', ...COUNCIL_FIELDS]), ['name']) })}
  <div><button type="submit">${a.councilSubmit}</button></div>
</form>`;
  return adminLayout(ctx, a, 'councils', a.councils, body);
}

export const USER_FIELDS = ['email', 'displayName', 'password', 'role', 'organizationId', 'councilId', 'isChair', 'locale'] as const;
export type UserField = (typeof USER_FIELDS)[number];

export interface UsersData {
  page: KeysetPage<StaffRow>;
  laterPage: boolean;
  organizations: OrganizationView[];
  councils: CouncilView[];
  form: FormState<UserField>;
  flash: string | null;
}

export function usersPage(ctx: PageContext, d: UsersData): SafeHtml {
  const a = texts(ctx.locale).pages.admin;
  const { values: v, errors: e } = d.form;
  const focus = firstError(e, USER_FIELDS);
  const body = html`<h1>${a.users}</h1>
${flash(d.flash)}
<p><a href="#create">${a.userCreateTitle}</a></p>
<h2 id="list">${a.users}</h2>
${
  d.page.items.length === 0
    ? html`<p>${a.noUsers}</p>`
    : html`<div class="table-wrap"><table>
  <caption>${a.usersCaption}</caption>
  <thead><tr><th scope="col">${a.colPerson}</th><th scope="col">${a.colEmail}</th><th scope="col">${a.colRole}</th><th scope="col">${a.colBelongsTo}</th><th scope="col">${a.colCreated}</th></tr></thead>
  <tbody>${d.page.items.map(
    (u) => html`<tr><th scope="row">${u.display_name}</th><td>${u.email}</td>
      <td>${a.roles[u.role] ?? u.role}${u.is_chair ? html`, <strong>${a.chairMark}</strong>` : ''}</td>
      <td>${u.organization_name ? localizedInline(u.organization_name, ctx.locale) : u.council_name ? localizedInline(u.council_name, ctx.locale) : '—'}</td><td>${timeTag(u.created_at, 'Asia/Almaty', ctx.locale)}</td></tr>`,
  )}</tbody>
</table></div>`
}
${nextLink(a, '/admin/users', d.page, 'list')}
${firstPageLink(a, '/admin/users', d.laterPage)}
<h2 id="create">${a.userCreateTitle}</h2>
${formAlert(d.form.formError ?? (focus ? ctx.t.formErrors : null))}
<p class="meta" id="user-role-note">${a.roleHint}</p>
<form class="form" method="post" action="/admin/users" novalidate>
  ${csrfField(ctx.csrf)}
  ${radioGroup({ id: 'user-role', name: 'role', legend: a.roleLegend, value: v.role, choices: STAFF_ROLES.map((r) => [r, a.roles[r]] as const), error: e.role, required: true, focus: focus === 'role' })}
  ${textField({ id: 'user-email', name: 'email', type: 'email', label: ctx.t.email, hint: a.emailHint, value: v.email, error: e.email, maxlength: 320, autocomplete: 'off', required: true, focus: focus === 'email' })}
  ${textField({ id: 'user-name', name: 'displayName', label: a.displayName, hint: a.displayNameHint, value: v.displayName, error: e.displayName, maxlength: 100, required: true, focus: focus === 'displayName' })}
  ${textField({ id: 'user-password', name: 'password', type: 'password', label: ctx.t.password, hint: a.passwordHint, value: '', error: e.password, maxlength: 128, autocomplete: 'new-password', required: true, focus: focus === 'password' })}
  ${selectField({ id: 'user-org', name: 'organizationId', label: a.organization, value: v.organizationId, choices: d.organizations.map((o) => localizedChoice(o.id, o.name, ctx.locale)), placeholder: '—', error: e.organizationId, focus: focus === 'organizationId' })}
  ${selectField({ id: 'user-council', name: 'councilId', label: a.memberCouncil, value: v.councilId, choices: d.councils.map((c) => localizedChoice(c.id, c.name, ctx.locale)), placeholder: '—', error: e.councilId, focus: focus === 'councilId' })}
  ${checkboxField({ id: 'user-chair', name: 'isChair', label: a.chair, hint: a.chairHint, checked: v.isChair === 'true', error: e.isChair, focus: focus === 'isChair' })}
  ${selectField({ id: 'user-locale', name: 'locale', label: a.locale, value: v.locale, choices: LOCALES.map((l) => [l, a.languages[l]] as const), error: e.locale, focus: focus === 'locale' })}
  <div><button type="submit">${a.userSubmit}</button></div>
</form>`;
  return adminLayout(ctx, a, 'users', a.users, body);
}

export const OVERRIDE_FIELDS = ['date', 'working', 'reason'] as const;
export type OverrideField = (typeof OVERRIDE_FIELDS)[number];

export interface CalendarData {
  year: number;
  overrides: OverrideRow[];
  /** The year's public holidays and substitute days off, as the law gives them. */
  holidays: CalendarDay[];
  form: FormState<OverrideField>;
  flash: string | null;
}

export function calendarPage(ctx: PageContext, d: CalendarData): SafeHtml {
  const a = texts(ctx.locale).pages.admin;
  const { locale } = ctx;
  const { values: v, errors: e } = d.form;
  const focus = firstError(e, OVERRIDE_FIELDS);
  const title = interpolate(a.calendarTitle, { year: d.year });
  const body = html`<h1>${title}</h1>
${flash(d.flash)}
<form class="search" method="get" action="/admin/calendar">
  <div class="field"><label for="year">${a.yearLabel}</label>
  <input type="text" id="year" name="year" value="${d.year}" inputmode="numeric" maxlength="4" pattern="[0-9]{4}"></div>
  <div><button type="submit">${a.showYear}</button></div>
</form>
<p><a href="/admin/calendar?year=${d.year - 1}">${d.year - 1}</a> · <a href="/admin/calendar?year=${d.year + 1}">${d.year + 1}</a> · <a href="#create">${a.overrideTitle}</a></p>
<h2 id="overrides">${interpolate(a.overridesCaption, { year: d.year })}</h2>
${
  d.overrides.length === 0
    ? html`<p>${interpolate(a.noOverrides, { year: d.year })}</p>`
    : html`<div class="table-wrap"><table>
  <caption>${interpolate(a.overridesCaption, { year: d.year })}</caption>
  <thead><tr><th scope="col">${a.colDate}</th><th scope="col">${a.colWorking}</th><th scope="col">${a.colReason}</th><th scope="col">${a.colChanged}</th><th scope="col">${a.colAction}</th></tr></thead>
  <tbody>${d.overrides.map(
    (
      o,
    ) => html`<tr id="override-${o.date}"><th scope="row"><time datetime="${o.date}">${dateTag(o.date, locale)}</time></th><td>${o.working ? a.yes : a.no}</td><td>${o.reason}</td>
      <td>${timeTag(o.updated_at, 'Asia/Almaty', locale)}${o.updated_by_name ? html`, ${o.updated_by_name}` : ''}</td>
      <td>${buttonForm({ action: `/admin/calendar/${o.date}/delete`, csrf: ctx.csrf, label: a.remove, secondary: true, className: 'inline', buttonAttributes: html` aria-label="${interpolate(a.removeLabel, { date: formatDate(o.date, locale) })}"` })}</td></tr>`,
  )}</tbody>
</table></div>`
}
<h2 id="holidays">${interpolate(a.holidaysCaption, { year: d.year })}</h2>
<div class="table-wrap"><table>
  <caption>${interpolate(a.holidaysCaption, { year: d.year })}</caption>
  <thead><tr><th scope="col">${a.colDate}</th><th scope="col">${a.colKind}</th><th scope="col">${a.colReason}</th></tr></thead>
  <tbody>${d.holidays.map(
    (h) =>
      html`<tr><th scope="row"><time datetime="${h.date}">${dateTag(h.date, locale)}</time></th><td>${a.kinds[h.kind] ?? h.kind}</td><td>${h.reason ? h.reason[locale] : ''}</td></tr>`,
  )}</tbody>
</table></div>
<h2 id="create">${a.overrideTitle}</h2>
<p class="meta">${a.overrideHint}</p>
${formAlert(d.form.formError ?? (focus ? ctx.t.formErrors : null))}
<form class="form" method="post" action="/admin/calendar" novalidate>
  ${csrfField(ctx.csrf)}
  ${textField({ id: 'override-date', name: 'date', type: 'date', label: a.date, hint: a.dateHint, value: v.date, error: e.date, required: true, focus: focus === 'date' })}
  ${radioGroup({
    id: 'override-working',
    name: 'working',
    legend: a.workingLegend,
    value: v.working,
    choices: [
      ['true', a.workingYes],
      ['false', a.workingNo],
    ],
    error: e.working,
    required: true,
    focus: focus === 'working',
  })}
  ${textField({ id: 'override-reason', name: 'reason', label: a.reason, hint: a.reasonHint, value: v.reason, error: e.reason, maxlength: 300, required: true, focus: focus === 'reason' })}
  <div><button type="submit">${a.overrideSubmit}</button></div>
</form>`;
  return adminLayout(ctx, a, 'calendar', title, body);
}
