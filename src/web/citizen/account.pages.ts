import { interpolate, Locale, LOCALES } from '../../common/i18n/locale';
import { PASSWORD_MAX } from '../../identity/password-policy';
import { html, HtmlValue, SafeHtml } from '../html';
import { texts } from '../../common/i18n/catalogue';
import { csrfField, layout, PageContext } from '../layout';
import { buttonForm, errorSummary, FieldErrors, firstError, inputField, InputSpec, selectField } from './form';

export type RegisterField = 'email' | 'displayName' | 'password';
const REGISTER_ORDER: readonly RegisterField[] = ['email', 'displayName', 'password'];

export interface RegisterState {
  csrf: string;
  email: string;
  displayName: string;
  locale: Locale;
  errors?: FieldErrors<RegisterField>;
}

export function registerPage(ctx: PageContext, s: RegisterState): SafeHtml {
  const { t } = ctx;
  const c = texts(ctx.locale).pages.citizen;
  const errors = s.errors ?? {};
  const focus = firstError(errors, REGISTER_ORDER);
  const body = html`<h1>${c.registerTitle}</h1>
<p>${c.registerIntro} ${c.registerPublic}</p>
${errorSummary(ctx, errors)}
<form class="form" method="post" action="/register" novalidate>
  ${csrfField(s.csrf)}
  ${inputField({ id: 'email', type: 'email', label: t.email, hint: c.emailHint, value: s.email, error: errors.email, autocomplete: 'email', maxlength: 320, autofocus: focus === 'email' })}
  ${inputField({ id: 'displayName', type: 'text', label: c.displayName, hint: c.displayNameHint, value: s.displayName, error: errors.displayName, autocomplete: 'nickname', maxlength: 100, autofocus: focus === 'displayName' })}
  ${inputField({ id: 'password', type: 'password', label: t.password, hint: c.passwordHint, error: errors.password, autocomplete: 'new-password', maxlength: PASSWORD_MAX, autofocus: focus === 'password' })}
  ${selectField({ id: 'locale', label: c.emailLanguage, hint: c.emailLanguageHint, value: s.locale, options: LOCALES.map((l) => ({ value: l, label: t.languageNames[l], lang: l })) })}
  <div><button type="submit">${c.registerButton}</button></div>
</form>
<p>${c.haveAccount} <a href="/login">${t.signIn}</a></p>`;
  return layout(ctx, { title: c.registerTitle, body });
}

/** A page that only tells something: a title, paragraphs and links. */
export function messagePage(ctx: PageContext, title: string, paragraphs: HtmlValue[], options: { status?: 'ok' | 'error' } = {}): SafeHtml {
  const cls = options.status === 'error' ? 'notice-error' : options.status === 'ok' ? 'notice-ok' : null;
  const [first, ...rest] = paragraphs;
  const body = html`<h1>${title}</h1>
${cls ? html`<p class="${cls}" role="${options.status === 'error' ? 'alert' : 'status'}">${first}</p>` : html`<p>${first}</p>`}
${rest.map((p) => html`<p>${p}</p>`)}`;
  return layout(ctx, { title, body });
}

export function checkEmailPage(ctx: PageContext, email: string): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  return messagePage(ctx, c.checkEmailTitle, [interpolate(c.checkEmailText, { email }), c.checkEmailSpam, html`<a class="button" href="/login">${ctx.t.signIn}</a>`], { status: 'ok' });
}

/** The end of the e-mailed confirmation link: confirmed, or why not and what to do next. */
export function verifyResultPage(ctx: PageContext, outcome: { verified: true } | { verified: false; reason: string }): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  if (outcome.verified) {
    const next = ctx.user ? html`<a class="button" href="/">${c.findDiscussions}</a>` : html`<a class="button" href="/login">${ctx.t.signIn}</a>`;
    return messagePage(ctx, c.verifiedTitle, [c.verifiedText, next], { status: 'ok' });
  }
  const what = ctx.user
    ? resendForm(ctx)
    : html`<a href="/login?next=${encodeURIComponent('/my/remarks')}">${c.verifyAskNew}</a>`;
  return messagePage(ctx, c.verifyFailedTitle, [outcome.reason, what], { status: 'error' });
}

/** "Send a new confirmation link" for a signed-in user whose address is not confirmed. */
export function resendForm(ctx: PageContext): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  return buttonForm('/verify-email/resend', csrfField(ctx.csrf), c.resendButton);
}

/** A page with a form of one field (forgotten password, new password). */
function oneFieldPage(ctx: PageContext, p: { title: string; intro?: string; action: string; csrf: string; hidden?: HtmlValue; field: InputSpec; button: string; after?: HtmlValue }): SafeHtml {
  const body = html`<h1>${p.title}</h1>
${p.intro ? html`<p>${p.intro}</p>` : ''}
${errorSummary(ctx, { [p.field.id]: p.field.error })}
<form class="form" method="post" action="${p.action}" novalidate>
  ${csrfField(p.csrf)}
  ${p.hidden ?? ''}
  ${inputField({ ...p.field, autofocus: !!p.field.error })}
  <div><button type="submit">${p.button}</button></div>
</form>
${p.after ?? ''}`;
  return layout(ctx, { title: p.title, body });
}

export interface EmailFormState {
  csrf: string;
  email: string;
  error?: string | null;
}

export function forgotPage(ctx: PageContext, s: EmailFormState): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  return oneFieldPage(ctx, {
    title: c.forgotTitle,
    intro: c.forgotIntro,
    action: '/forgot-password',
    csrf: s.csrf,
    field: { id: 'email', type: 'email', label: ctx.t.email, value: s.email, error: s.error, autocomplete: 'email', maxlength: 320 },
    button: c.forgotButton,
    after: html`<p>${c.noAccount} <a href="/register">${ctx.t.navRegister}</a></p>`,
  });
}

export interface ResetState {
  csrf: string;
  token: string;
  error?: string | null;
}

export function resetPage(ctx: PageContext, s: ResetState): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  return oneFieldPage(ctx, {
    title: c.resetTitle,
    action: '/reset-password',
    csrf: s.csrf,
    hidden: html`<input type="hidden" name="token" value="${s.token}">`,
    field: { id: 'password', type: 'password', label: c.passwordNew, hint: c.passwordHint, error: s.error, autocomplete: 'new-password', maxlength: PASSWORD_MAX },
    button: c.resetButton,
  });
}

/** The reset link was invalid, used or expired. */
export function resetFailedPage(ctx: PageContext, reason: string): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  return messagePage(ctx, c.verifyFailedTitle, [reason, html`<a class="button" href="/forgot-password">${c.resetRequestNew}</a>`], { status: 'error' });
}
