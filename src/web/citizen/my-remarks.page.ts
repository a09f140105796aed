import { timeTag } from '../format';
import type { SafeHtml } from '../html';
import { html, htmlMessage } from '../html';
import { texts } from '../../common/i18n/catalogue';
import { LocalizedText } from '../../common/i18n/localized-text';
import { localizedBlock, localizedInline } from '../localized';
import type { PageContext } from '../layout';
import { layout } from '../layout';
import { resendForm } from './account.pages';
import type { KeysetPage } from '../keyset-page';
import type { MyRemarkRow } from './citizen-pages.repository';
import { shownVerdict, verdictForm, verdictShown } from '../verdict-parts';
import type { RemarkModerationState } from '../remark-text';
import { moderationStateHtml, remarkTextHtml } from '../remark-text';

export interface MyRemarksData {
  now: Date;
  page: KeysetPage<MyRemarkRow>;
  /** The page was opened with a cursor (not the newest remarks). */
  paged: boolean;
  /** A new confirmation link was just sent. */
  resent: boolean;
  /** A verdict was just recorded (?done=verdict). */
  verdictRecorded?: boolean;
  /** The end of the verdict window of each answered remark on the page, while open. */
  verdictWindows?: ReadonlyMap<string, Date>;
  /** The end of the appeal window of each hidden remark on the page, while open. */
  appealWindows?: ReadonlyMap<string, Date>;
  /** The moderation state (hiding's note, appeal) of the remarks on the page. */
  remarkModeration?: ReadonlyMap<string, RemarkModerationState>;
}

/** The verdict beside the answer, and its form while the window of the latest version is open. */
function verdictPart(ctx: PageContext, r: MyRemarkRow, closesAt: Date | undefined): SafeHtml {
  const onLatest =
    r.verdict && Number(r.verdict_version) === Number(r.answer_version) ? { verdict: r.verdict, reason: r.verdict_reason } : null;
  return html`${verdictShown(ctx, shownVerdict(r), r.time_zone, `verdict-of-${r.id}`)}
    ${closesAt && r.answer_version !== null ? verdictForm(ctx, { remarkId: r.id, version: Number(r.answer_version), closesAt, tz: r.time_zone, current: onLatest, from: 'my', heading: 'h4' }) : ''}`;
}

function remarkItem(ctx: PageContext, data: MyRemarksData, r: MyRemarkRow, closesAt: Date | undefined): SafeHtml {
  const { t, locale } = ctx;
  const now = data.now;
  const m = texts(locale).moderation.reads;
  const c = texts(locale).pages.citizen;
  const tz = r.time_zone;
  const answer =
    r.answer_body !== null
      ? html`<section class="answer" aria-labelledby="answer-${r.id}">
          <h3 id="answer-${r.id}">${t.answer}: <span class="disposition">${t.disposition[r.answer_disposition ?? ''] ?? r.answer_disposition}</span>${
            r.answer_late ? html` <span class="badge late" title="${t.lateAnswer}">${t.late}</span>` : ''
          }</h3>
          <p class="meta">${r.answer_published_at ? htmlMessage(c.answeredOn, { time: timeTag(r.answer_published_at, tz, locale) }) : ''}</p>
          ${localizedBlock(LocalizedText.fromStored(r.answer_body), locale, 'p', 'body')}
          ${verdictPart(ctx, r, closesAt)}
        </section>`
      : r.hidden_at
        ? html`<p class="meta no-answer-needed">${m.noAnswerNeeded}</p>`
        : html`<p class="pending">${htmlMessage(r.answer_due_at.getTime() < now.getTime() ? c.answerOverdue : c.awaitingAnswer, { time: timeTag(r.answer_due_at, tz, locale) })}</p>`;
  return html`<li class="remark" id="remark-${r.id}">
    <h2 class="card-title"><a href="/plans/${r.plan_id}#remark-${r.id}">${localizedInline(LocalizedText.fromStored(r.plan_title), locale)}</a></h2>
    <p class="meta"><span class="badge stage">${r.stage === 2 ? t.stage2 : t.stage1}</span> ${htmlMessage(c.remarkedOn, { time: timeTag(r.created_at, tz, locale) })}</p>
    ${remarkTextHtml(ctx, r, { userId: r.author_id, organizer: false, moderator: false }, tz)}
    ${moderationStateHtml(ctx, r, { author: true, moderator: false, state: data.remarkModeration?.get(r.id), appealClosesAt: data.appealWindows?.get(r.id), tz })}
    ${answer}
  </li>`;
}

export function myRemarksPage(ctx: PageContext, data: MyRemarksData): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  const user = ctx.user!;
  const body = html`<h1>${c.myRemarksTitle}</h1>
${data.resent ? html`<p class="notice-ok" role="status" id="flash">${c.resendSent}</p>` : ''}
${data.verdictRecorded ? html`<p class="notice-ok" role="status" id="flash">${texts(ctx.locale).verdicts.page.recorded}</p>` : ''}
${!user.emailVerified && !data.resent ? html`<div class="notice-error" id="verify-notice"><p>${c.notVerifiedYet}</p>${resendForm(ctx)}</div>` : ''}
${user.role !== 'citizen' ? html`<p class="meta">${c.onlyCitizensPage}</p>` : ''}
<p>${c.myRemarksIntro}</p>
${
  data.page.items.length === 0
    ? html`<p>${data.paged ? '' : c.noMyRemarks} <a href="/">${c.findDiscussions}</a></p>`
    : html`<ol class="remarks my-remarks">${data.page.items.map((r) => remarkItem(ctx, data, r, data.verdictWindows?.get(r.id)))}</ol>`
}
<p class="more">${data.paged ? html`<a class="button" href="/my/remarks">${c.firstPage}</a> ` : ''}${
    data.page.nextCursor
      ? html`<a class="button" href="/my/remarks?cursor=${encodeURIComponent(data.page.nextCursor)}">${c.olderRemarks}</a>`
      : ''
  }</p>`;
  return layout(ctx, { title: c.myRemarksTitle, body });
}
