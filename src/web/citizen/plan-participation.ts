import { Injectable } from '@nestjs/common';
import { html, SafeHtml } from '../html';
import { buttonForm } from '../forms/fields';
import type { PageContext } from '../layout';
import type { PlanSlots } from '../plan.page';
import type { PlanDetailRow } from '../public-pages.repository';
import { texts } from '../../common/i18n/catalogue';
import { CitizenPagesRepository, Participation } from './citizen-pages.repository';
import { reportCsvHref } from '../report-csv-link';

/** What the follow and hearing sign-up forms report back through ?done= after their redirect. */
export const PARTICIPATION_DONE = ['followed', 'unfollowed', 'signedup', 'withdrawn', 'signup-closed', 'verify-first'] as const;
export type ParticipationDone = (typeof PARTICIPATION_DONE)[number];

function isDone(value: unknown): value is ParticipationDone {
  return typeof value === 'string' && (PARTICIPATION_DONE as readonly string[]).includes(value);
}

/** A scheduled hearing that has not started: the only one a person can sign up for. */
export function hearingOpenForSignup(plan: Pick<PlanDetailRow, 'hearing_status' | 'hearing_starts_at'>, now: Date): boolean {
  return plan.hearing_status === 'scheduled' && !!plan.hearing_starts_at && plan.hearing_starts_at.getTime() > now.getTime();
}

function flash(text: string, error = false): SafeHtml {
  return error
    ? html`<p class="notice-error" role="alert" id="participation-flash">${text}</p>`
    : html`<p class="notice-ok" role="status" id="participation-flash">${text}</p>`;
}

/** "Follow this plan" / "Unfollow", and the report link while the outcome (which has its own) is not out. */
export function followSection(
  ctx: PageContext,
  plan: PlanDetailRow,
  state: Participation | null,
  done: ParticipationDone | null,
): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  const action = `/plans/${plan.id}/follow`;
  let control: SafeHtml;
  if (!ctx.user || !state) {
    control = html`<p><a class="button" href="/login?next=${encodeURIComponent(`/plans/${plan.id}#follow`)}">${c.signInToFollow}</a></p>`;
  } else if (state.following) {
    control = html`<p>${c.followingText}</p>${buttonForm({ action, csrf: ctx.csrf, label: c.unfollowButton, hidden: { follow: 'off' }, secondary: true })}`;
  } else if (!ctx.user.emailVerified) {
    control = html`<p>${c.verifyToParticipate} <a href="/my/remarks#verify-notice">${c.verifyLink}</a></p>`;
  } else {
    control = html`<p>${c.notFollowingText}</p>${buttonForm({ action, csrf: ctx.csrf, label: c.followButton, hidden: { follow: 'on' } })}`;
  }
  return html`<section class="participation" aria-labelledby="follow">
  <h2 id="follow">${c.followTitle}</h2>
  ${done === 'followed' ? flash(c.followed) : done === 'unfollowed' ? flash(c.unfollowed) : done === 'verify-first' ? flash(c.verifyToParticipate, true) : ''}
  ${control}
  ${plan.outcome_published_at ? '' : html`<p><a href="${reportCsvHref(plan.id, ctx.locale)}" download>${c.reportLink}</a></p>`}
</section>`;
}

/** "Sign up for the hearing" / "Cancel my sign-up", under the hearing's details. */
export function hearingSignupSection(
  ctx: PageContext,
  plan: PlanDetailRow,
  state: Participation | null,
  done: ParticipationDone | null,
  now: Date,
): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  const notice =
    done === 'signedup'
      ? flash(c.signedUp)
      : done === 'withdrawn'
        ? flash(c.withdrawn)
        : done === 'signup-closed'
          ? flash(c.signupClosed, true)
          : '';
  if (!hearingOpenForSignup(plan, now)) return html`${notice}`;
  const action = `/plans/${plan.id}/hearing-signup`;
  if (!ctx.user || !state) return html`${notice}<p class="meta" id="hearing-signup">${c.signupHint}</p>`;
  if (!state.signedUp && !ctx.user.emailVerified) {
    return html`<div id="hearing-signup">${notice}<p class="meta">${c.verifyToParticipate} <a href="/my/remarks#verify-notice">${c.verifyLink}</a></p></div>`;
  }
  return html`<div id="hearing-signup">${notice}
  ${
    state.signedUp
      ? html`<p>${c.signedUpText}</p>${buttonForm({ action, csrf: ctx.csrf, label: c.withdrawButton, hidden: { signup: 'off' }, secondary: true })}`
      : html`<p class="meta">${c.signupHint}</p>${buttonForm({ action, csrf: ctx.csrf, label: c.signupButton, hidden: { signup: 'on' } })}`
  }
</div>`;
}

/** Renders the plan page's participation slots for the request's user (one primary-key query). */
@Injectable()
export class PlanParticipation {
  constructor(private readonly queries: CitizenPagesRepository) {}

  async slots(ctx: PageContext, plan: PlanDetailRow, now: Date, done: unknown): Promise<PlanSlots> {
    const state = ctx.user ? await this.queries.participation(plan.id, ctx.user.id) : null;
    const shown = isDone(done) ? done : null;
    return { afterDescription: followSection(ctx, plan, state, shown), hearing: hearingSignupSection(ctx, plan, state, shown, now) };
  }
}
