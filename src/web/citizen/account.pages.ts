import { texts } from '../../common/i18n/catalogue';
import { interpolate, LOCALES } from '../../common/i18n/locale';
import { PASSWORD_MAX } from '../../identity/password-policy';
import { csrfField } from '../forms/csrf';
import { buttonForm, checkboxField, formAlert, selectField, textField } from '../forms/fields';
import type { FormState } from '../forms/form';
import { firstError, hasErrors } from '../forms/form';
import type { HtmlValue, SafeHtml } from '../html';
import { html } from '../html';
import type { PageContext } from '../layout';
import { layout } from '../layout';

export const REGISTER_FIELDS = ['email', 'displayName', 'password', 'locale', 'consent'] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

export function registerPage(ctx: PageContext, csrf: string, form: FormState<RegisterField>): SafeHtml {
  const { t } = ctx;
  const c = texts(ctx.locale).pages.citizen;
  const m = texts(ctx.locale).pages.moderation;
  const { values: v, errors: e } = form;
  const focus = firstError(e, REGISTER_FIELDS);
  const body = html`<h1>${c.registerTitle}</h1>
<p>${c.registerIntro} ${c.registerPublic}</p>
${formAlert(hasErrors(e) ? t.formErrors : null)}
<form class="form" method="post" action="/register" novalidate>
  ${csrfField(csrf)}
  ${textField({ id: 'email', type: 'email', label: t.email, hint: c.emailHint, value: v.email, error: e.email, autocomplete: 'email', maxlength: 320, required: true, focus: focus === 'email' })}
  ${textField({ id: 'displayName', label: c.displayName, hint: c.displayNameHint, value: v.displayName, error: e.displayName, autocomplete: 'nickname', maxlength: 100, required: true, focus: focus === 'displayName' })}
  ${textField({ id: 'password', type: 'password', label: t.password, hint: c.passwordHint, error: e.password, autocomplete: 'new-password', maxlength: PASSWORD_MAX, required: true, focus: focus === 'password' })}
  ${selectField({ id: 'locale', label: c.emailLanguage, hint: c.emailLanguageHint, value: v.locale, choices: LOCALES.map((l) => [l, t.languageNames[l], l] as const) })}
  <fieldset class="field choices consent">
    <legend>${m.consentLegend}</legend>
    ${checkboxField({ id: 'consent', label: m.consentLabel, hint: m.consentHint, checked: v.consent === 'true', error: e.consent, required: true, focus: focus === 'consent' })}
  </fieldset>
  <div><button type="submit">${c.registerButton}</button></div>
</form>
<p>${c.haveAccount} <a href="/login">${t.signIn}</a></p>`;
  return layout(ctx, { title: c.registerTitle, description: ctx.t.meta.register, body });
}

/** A page that only tells something: a title, paragraphs and links. */
export function messagePage(
  ctx: PageContext,
  title: string,
  paragraphs: HtmlValue[],
  options: { status?: 'ok' | 'error'; description?: string } = {},
): SafeHtml {
  const cls = options.status === 'error' ? 'notice-error' : options.status === 'ok' ? 'notice-ok' : null;
  const [first, ...rest] = paragraphs;
  const body = html`<h1>${title}</h1>
${cls ? html`<p class="${cls}" role="${options.status === 'error' ? 'alert' : 'status'}">${first}</p>` : html`<p>${first}</p>`}
${rest.map((p) => html`<p>${p}</p>`)}`;
  return layout(ctx, { title, description: options.description, body });
}

export function checkEmailPage(ctx: PageContext, email: string): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  return messagePage(
    ctx,
    c.checkEmailTitle,
    [interpolate(c.checkEmailText, { email }), c.checkEmailSpam, html`<a class="button" href="/login">${ctx.t.signIn}</a>`],
    { status: 'ok' },
  );
}

/** The end of the e-mailed confirmation link: confirmed, or why not and what to do next. */
export function verifyResultPage(ctx: PageContext, outcome: { verified: true } | { verified: false; reason: string }): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  if (outcome.verified) {
    const next = ctx.user
      ? html`<a class="button" href="/">${c.findDiscussions}</a>`
      : html`<a class="button" href="/login">${ctx.t.signIn}</a>`;
    return messagePage(ctx, c.verifiedTitle, [c.verifiedText, next], { status: 'ok', description: ctx.t.meta.verifyEmail });
  }
  const what = ctx.user ? resendForm(ctx) : html`<a href="/login?next=${encodeURIComponent('/my/remarks')}">${c.verifyAskNew}</a>`;
  return messagePage(ctx, c.verifyFailedTitle, [outcome.reason, what], { status: 'error', description: ctx.t.meta.verifyEmail });
}

/** "Send a new confirmation link" for a signed-in user whose address is not confirmed. */
export function resendForm(ctx: PageContext): SafeHtml {
  return buttonForm({ action: '/verify-email/resend', csrf: ctx.csrf, label: texts(ctx.locale).pages.citizen.resendButton });
}

/** A page with a form of one field (forgotten password, new password). */
function oneFieldPage(
  ctx: PageContext,
  p: {
    title: string;
    description: string;
    intro?: string;
    action: string;
    csrf: string;
    hidden?: HtmlValue;
    field: SafeHtml;
    error: boolean;
    button: string;
    after?: HtmlValue;
  },
): SafeHtml {
  const body = html`<h1>${p.title}</h1>
${p.intro ? html`<p>${p.intro}</p>` : ''}
${formAlert(p.error ? ctx.t.formErrors : null)}
<form class="form" method="post" action="${p.action}" novalidate>
  ${csrfField(p.csrf)}
  ${p.hidden ?? ''}
  ${p.field}
  <div><button type="submit">${p.button}</button></div>
</form>
${p.after ?? ''}`;
  return layout(ctx, { title: p.title, description: p.description, body });
}

export function forgotPage(ctx: PageContext, csrf: string, form: FormState<'email'>): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  const error = form.errors.email ?? null;
  return oneFieldPage(ctx, {
    title: c.forgotTitle,
    description: ctx.t.meta.forgotPassword,
    intro: c.forgotIntro,
    action: '/forgot-password',
    csrf,
    field: textField({
      id: 'email',
      type: 'email',
      label: ctx.t.email,
      value: form.values.email,
      error,
      focus: !!error,
      autocomplete: 'email',
      maxlength: 320,
      required: true,
    }),
    error: !!error,
    button: c.forgotButton,
    after: html`<p>${c.noAccount} <a href="/register">${ctx.t.navRegister}</a></p>`,
  });
}

export function resetPage(ctx: PageContext, csrf: string, form: FormState<'token' | 'password'>): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  const error = form.errors.password ?? null;
  return oneFieldPage(ctx, {
    title: c.resetTitle,
    description: ctx.t.meta.resetPassword,
    action: '/reset-password',
    csrf,
    hidden: html`<input type="hidden" name="token" value="${form.values.token}">`,
    field: textField({
      id: 'password',
      type: 'password',
      label: c.passwordNew,
      hint: c.passwordHint,
      error,
      focus: !!error,
      autocomplete: 'new-password',
      maxlength: PASSWORD_MAX,
      required: true,
    }),
    error: !!error,
    button: c.resetButton,
  });
}

/** The reset link was invalid, used or expired. */
export function resetFailedPage(ctx: PageContext, reason: string): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  return messagePage(ctx, c.verifyFailedTitle, [reason, html`<a class="button" href="/forgot-password">${c.resetRequestNew}</a>`], {
    status: 'error',
    description: ctx.t.meta.resetPassword,
  });
}
