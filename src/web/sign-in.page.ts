import { texts } from '../common/i18n/catalogue';
import { interpolate } from '../common/i18n/locale';
import type { FollowedPlans } from './citizen/followed-plans';
import { followedPlansSections } from './citizen/followed-plans';
import { csrfField } from './forms/csrf';
import { buttonForm, formAlert, textField } from './forms/fields';
import type { FormState } from './forms/form';
import { hasErrors } from './forms/form';
import type { SafeHtml } from './html';
import { html } from './html';
import type { PageContext } from './layout';
import { layout } from './layout';

export const SIGN_IN_FIELDS = ['email', 'password', 'next'] as const;
export type SignInField = (typeof SIGN_IN_FIELDS)[number];

/** The sign-in form; a refusal of the whole attempt (wrong credentials, too many attempts) is shown by the password. */
export function loginPage(ctx: PageContext, csrf: string, form: FormState<SignInField>): SafeHtml {
  const { t } = ctx;
  const c = texts(ctx.locale).pages.citizen;
  const emailError = form.errors.email ?? null;
  const passwordError = form.errors.password ?? form.formError ?? null;
  const body = html`<h1>${t.signInTitle}</h1>
${formAlert(hasErrors({ emailError, passwordError }) ? t.formErrors : null)}
<form class="form" method="post" action="/login" novalidate>
  ${csrfField(csrf)}
  <input type="hidden" name="next" value="${form.values.next}">
  ${textField({ id: 'email', type: 'email', label: t.email, value: form.values.email, autocomplete: 'username', required: true, maxlength: 320, error: emailError, focus: !!emailError })}
  ${textField({ id: 'password', type: 'password', label: t.password, autocomplete: 'current-password', required: true, maxlength: 128, error: passwordError, focus: !!passwordError && !emailError })}
  <div><button type="submit">${t.signInButton}</button></div>
</form>
<p><a href="/forgot-password">${c.forgotLink}</a></p>
<p>${c.noAccount} <a href="/register">${t.navRegister}</a></p>`;
  return layout(ctx, { title: t.signInTitle, description: t.meta.signIn, body });
}

/** The signed-in person's account (every role): who is signed in, the plans they follow, and signing out here or everywhere. */
export function accountPage(ctx: PageContext, user: { displayName: string; email: string }, plans: FollowedPlans): SafeHtml {
  const { t } = ctx;
  const body = html`<h1>${t.accountTitle}</h1>
<p>${interpolate(t.accountSignedInAs, { name: user.displayName, email: user.email })}</p>
${followedPlansSections(ctx, plans)}
<h2>${t.sessionsHeading}</h2>
<p>${t.sessionsText}</p>
<div>${buttonForm({ action: '/logout', csrf: ctx.csrf, label: t.signOut, secondary: true })}
${buttonForm({ action: '/logout-everywhere', csrf: ctx.csrf, label: t.signOutEverywhere })}</div>`;
  return layout(ctx, { title: t.accountTitle, body });
}
