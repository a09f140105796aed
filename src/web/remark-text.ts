import { texts } from '../common/i18n/catalogue';
import type { LocalizedText } from '../common/i18n/localized-text';
import type { HiddenState, HideReason, RemarkReader, RemarkText } from '../remarks/remark-moderation';
import { publicLocalizedFor, publicTextFor, remarkReader, remarkTextFor } from '../remarks/remark-moderation';
import { remarkBody } from './answer-fields';
import { dateTag, timeTag } from './format';
import type { SafeHtml } from './html';
import { html, htmlMessage } from './html';
import type { PageContext } from './layout';

/**
 * Every page that shows a remark, an answer or a verdict's reason reads it through these (issue 16):
 * a hidden remark shows when and why to everyone but its author and moderators, personal data is masked
 * for everyone but the author, the plan's organizer and moderators, who are told the public reads it masked.
 */

/** A remark's stored columns as the pages' queries select them. */
export interface StoredRemark {
  author_id: string;
  body: string;
  hidden_at: Date | string | null;
  hidden_reason: string | null;
}

/** The reader of this page for a plan of `planOrganizationId`. */
export function pageReader(ctx: PageContext, planOrganizationId: string): RemarkReader {
  return remarkReader(ctx.user, planOrganizationId);
}

/** The organizer on their own organization's pages (the pages read only that organization's plans). */
export function organizerReader(ctx: PageContext): RemarkReader {
  return remarkReader(ctx.user, ctx.user?.organizationId ?? '');
}

/** The policy's view of one remark for the reader. */
export function remarkTextOf(r: StoredRemark, reader: RemarkReader): RemarkText {
  return remarkTextFor(
    { authorId: r.author_id, body: r.body, hiddenAt: r.hidden_at, hiddenReason: (r.hidden_reason as HideReason | null) ?? null },
    reader,
  );
}

/** The reason of a hidden remark in the reader's words. */
export function hiddenReasonText(ctx: PageContext, reason: string): string {
  return texts(ctx.locale).moderation.reasons[reason] ?? reason;
}

/** "Hidden by a moderator on {at}: {reason}." (the date alone where the page knows no time zone) */
export function hiddenStatement(ctx: PageContext, hidden: HiddenState, tz: string | null): SafeHtml {
  return htmlMessage(texts(ctx.locale).moderation.hidden, {
    at: tz ? timeTag(hidden.at, tz, ctx.locale) : dateTag(hidden.at.slice(0, 10), ctx.locale),
    reason: hiddenReasonText(ctx, hidden.reason),
  });
}

/**
 * A remark's text as this reader may read it: the hidden statement instead of the text; for its author
 * and moderators the text with the note that it is hidden; the note that the public reads it masked for
 * those who see the original.
 */
export function remarkTextHtml(
  ctx: PageContext,
  r: StoredRemark & { language: string },
  reader: RemarkReader,
  tz: string,
  className = 'body',
): SafeHtml {
  const view = remarkTextOf(r, reader);
  const m = texts(ctx.locale).moderation;
  if (view.body === null && view.hidden) return html`<p class="hidden-remark">${hiddenStatement(ctx, view.hidden, tz)}</p>`;
  const hiddenNote = view.hidden
    ? html`<p class="meta hidden-remark">${htmlMessage(m.hiddenForAuthor, {
        at: timeTag(view.hidden.at, tz, ctx.locale),
        reason: hiddenReasonText(ctx, view.hidden.reason),
      })}</p>`
    : '';
  const maskedNote = !view.masked
    ? ''
    : view.body === r.body
      ? html`<p class="meta masked-note">${m.maskedNote}</p>`
      : html`<p class="meta masked-note">${m.maskedForPublic}</p>`;
  return html`${hiddenNote}${remarkBody(ctx, view.body ?? '', r.language, className)}${maskedNote}`;
}

/** A remark's moderation state as the pages read it (src/web/public-pages.repository.ts RemarkModerationRow). */
export interface RemarkModerationState {
  hide_note: string | null;
  appealed_at: Date | null;
  appeal_action: 'hide' | 'keep' | null;
}

/**
 * For the author of a remark (and the moderator's note for moderators): the note of the decision to hide
 * it, and the appeal: the link while an appeal is allowed ("Appeal until …"), else whether it is pending
 * or how it was decided. Nothing for the public.
 */
export function moderationStateHtml(
  ctx: PageContext,
  r: { id: string; hidden_at: Date | string | null },
  o: { author: boolean; moderator: boolean; state: RemarkModerationState | undefined; appealClosesAt: Date | undefined; tz: string },
): SafeHtml | '' {
  if (!o.author && !o.moderator) return '';
  const m = texts(ctx.locale).moderation.reads;
  const s = o.state;
  const parts: SafeHtml[] = [];
  if (r.hidden_at && s?.hide_note)
    parts.push(html`<p class="meta moderator-note" id="moderator-note-${r.id}"><strong>${m.note}:</strong> ${s.hide_note}</p>`);
  if (o.author) {
    let appeal: SafeHtml | null = null;
    if (r.hidden_at) {
      if (s?.appealed_at && s.appeal_action === null) appeal = html`${m.appealPending}`;
      else if (s?.appealed_at && s.appeal_action === 'hide') appeal = html`${m.appealUpheld}`;
      else if (!s?.appealed_at && o.appealClosesAt)
        appeal = html`<a href="/remarks/${r.id}/appeal" aria-label="${m.appealLabel}">${htmlMessage(m.appealUntil, { time: timeTag(o.appealClosesAt, o.tz, ctx.locale) })}</a>`;
    } else if (s?.appealed_at && s.appeal_action === 'keep') appeal = html`${m.appealRestored}`;
    if (appeal) parts.push(html`<p class="meta appeal-state" id="appeal-state-${r.id}">${appeal}</p>`);
  }
  return parts.length === 0 ? '' : html`${parts}`;
}

/** An answer's or a correction reason's texts for the reader (masked for all but the author, organizer, moderators). */
export function answerTextFor(text: LocalizedText | null, authorId: string, reader: RemarkReader): LocalizedText | null {
  return publicLocalizedFor(text, authorId, reader);
}

/** A verdict's or a dispute's reason for the reader. */
export function reasonTextFor(text: string | null, authorId: string, reader: RemarkReader): string | null {
  return text === null ? null : publicTextFor(text, authorId, reader);
}
