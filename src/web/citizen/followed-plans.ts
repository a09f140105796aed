import { texts } from '../../common/i18n/catalogue';
import { LocalizedText } from '../../common/i18n/localized-text';
import { buttonForm } from '../forms/fields';
import { timeTag } from '../format';
import type { SafeHtml } from '../html';
import { html, htmlMessage } from '../html';
import type { KeysetPage } from '../keyset-page';
import type { PageContext } from '../layout';
import { localizedInline } from '../localized';
import type { FollowedPlanRow } from './citizen-pages.repository';

/** What the account page shows of a person's plans: a page of those they follow, those whose news they switched off. */
export interface FollowedPlans {
  following: KeysetPage<FollowedPlanRow>;
  /** Whether this is a later page (a valid cursor was given). */
  paged: boolean;
  /** The latest 50, and whether there are more. */
  newsOff: { items: FollowedPlanRow[]; more: boolean };
  /** The outcome of a follow or unfollow sent from this page. */
  done: 'followed' | 'unfollowed' | null;
}

/** One plan with its button, which is named by its label and the plan's title ("Unfollow School meals"). */
function planItem(
  ctx: PageContext,
  r: FollowedPlanRow,
  button: { list: 'following' | 'news-off'; label: string; follow: 'on' | 'off'; secondary: boolean },
): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  const titleId = `${button.list}-${r.plan_id}`;
  const buttonId = `${button.list}-button-${r.plan_id}`;
  return html`<li>
    <a id="${titleId}" href="/plans/${r.plan_id}">${localizedInline(LocalizedText.fromStored(r.plan_title), ctx.locale)}</a>
    <span class="meta">${htmlMessage(c.followingSince, { date: timeTag(r.since, r.time_zone, ctx.locale) })}</span>
    ${buttonForm({
      action: `/plans/${r.plan_id}/follow`,
      csrf: ctx.csrf,
      label: button.label,
      hidden: { follow: button.follow, from: 'account' },
      secondary: button.secondary,
      buttonAttributes: html` id="${buttonId}" aria-labelledby="${buttonId} ${titleId}"`,
    })}
  </li>`;
}

/** The account page's sections: the plans followed (keyset pages), then those whose news is off. */
export function followedPlansSections(ctx: PageContext, data: FollowedPlans): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  const { items, nextCursor } = data.following;
  const flash = data.done
    ? html`<p class="notice-ok" role="status" id="flash">${data.done === 'followed' ? c.followed : c.unfollowed}</p>`
    : '';
  const list =
    items.length === 0
      ? data.paged
        ? ''
        : html`<p>${c.followingNone}</p>`
      : html`<p>${c.followingIntro}</p>
<ul class="followed-plans">${items.map((r) => planItem(ctx, r, { list: 'following', label: c.unfollowButton, follow: 'off', secondary: true }))}</ul>`;
  const more =
    data.paged || nextCursor
      ? html`<p class="more">${data.paged ? html`<a class="button" href="/account#following">${c.firstFollowed}</a> ` : ''}${
          nextCursor
            ? html`<a class="button" href="/account?following=${encodeURIComponent(nextCursor)}#following">${c.moreFollowed}</a>`
            : ''
        }</p>`
      : '';
  const newsOff = data.newsOff.items.length
    ? html`<h2 id="news-off">${c.newsOffHeading}</h2>
<p>${c.newsOffIntro}</p>
<ul class="followed-plans">${data.newsOff.items.map((r) =>
        planItem(ctx, r, { list: 'news-off', label: c.followAgainButton, follow: 'on', secondary: false }),
      )}</ul>
${data.newsOff.more ? html`<p class="meta">${c.newsOffMore}</p>` : ''}`
    : '';
  return html`<h2 id="following">${c.followingHeading}</h2>
${flash}${list}${more}${newsOff}`;
}
