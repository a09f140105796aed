import type { LocalizedText } from '../common/i18n/localized-text';
import { maskPersonalData } from '../common/personal-data';

export { remarkDuplicateKey } from '../common/duplicate-text';

/** Why a remark may be hidden (api.md "Moderation and personal data"). */
export const HIDE_REASONS = ['insult', 'personal_data', 'spam', 'off_topic', 'duplicate'] as const;
export type HideReason = (typeof HIDE_REASONS)[number];

/** Why a remark may be reported: the reasons to hide it, and `other` (reports only). */
export const REPORT_REASONS = [...HIDE_REASONS, 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** A hidden remark as everyone but its author and moderators reads it: when and why, not the text. */
export interface HiddenState {
  reason: HideReason;
  at: string;
}

/**
 * Who reads a remark, as far as its text is concerned. Moderators and administrators (who decide
 * appeals) read every original; the plan's organizer reads the originals of public remarks; the author
 * reads their own.
 */
export interface RemarkReader {
  userId: string | null;
  /** The organizer of the remark's plan. */
  organizer: boolean;
  /** A moderator or an administrator. */
  moderator: boolean;
}

/** The public: masked texts, no hidden text. */
export const PUBLIC_READER: RemarkReader = { userId: null, organizer: false, moderator: false };

/** Moderators and administrators (who decide appeals) moderate, and read every original; nobody else. */
export function isModerator(user: { role: string } | null | undefined): boolean {
  return user?.role === 'moderator' || user?.role === 'admin';
}

/** A remark's hidden state from its columns (null while public). */
export function hiddenStateOf(hiddenAt: Date | string | null, hiddenReason: HideReason | null): HiddenState | null {
  return hiddenAt !== null && hiddenReason !== null ? { reason: hiddenReason, at: new Date(hiddenAt).toISOString() } : null;
}

/** The reader a signed-in user (or nobody) is for a plan of `planOrganizationId`. */
export function remarkReader(
  user: { id: string; role: string; organizationId: string | null } | null | undefined,
  planOrganizationId: string,
): RemarkReader {
  if (!user) return PUBLIC_READER;
  return {
    userId: user.id,
    organizer: user.role === 'organizer' && user.organizationId === planOrganizationId,
    moderator: isModerator(user),
  };
}

/** What a reader may read of one remark. */
export interface RemarkText {
  /** The text: original, masked, or null when hidden from this reader. */
  body: string | null;
  hidden: HiddenState | null;
  /** The public reads this text with personal data masked (told to the author, the organizer and moderators). */
  masked: boolean;
}

/**
 * A remark's text for a reader: hidden remarks show only when and why to everyone but their author and
 * moderators; public ones show with personal data masked to everyone but the author, the plan's
 * organizer and moderators.
 */
export function remarkTextFor(
  remark: { authorId: string; body: string; hiddenAt: Date | string | null; hiddenReason: HideReason | null },
  reader: RemarkReader,
): RemarkText {
  const hidden = hiddenStateOf(remark.hiddenAt, remark.hiddenReason);
  const own = reader.userId !== null && reader.userId === remark.authorId;
  const masked = maskPersonalData(remark.body);
  const seesOriginal = own || reader.moderator || (reader.organizer && hidden === null);
  if (hidden && !own && !reader.moderator) return { body: null, hidden, masked: masked !== remark.body };
  return { body: seesOriginal ? remark.body : masked, hidden, masked: masked !== remark.body };
}

/**
 * Any other text about a remark that the public reads (its answer, a verdict's reason): masked for all
 * but the remark's author, the plan's organizer and moderators.
 */
export function publicTextFor(text: string, remarkAuthorId: string, reader: RemarkReader): string {
  const privileged = reader.moderator || reader.organizer || (reader.userId !== null && reader.userId === remarkAuthorId);
  return privileged ? text : maskPersonalData(text);
}

/** An answer's texts (every language version) for a reader, as publicTextFor. */
export function publicLocalizedFor(text: LocalizedText, remarkAuthorId: string, reader: RemarkReader): LocalizedText;
export function publicLocalizedFor(text: LocalizedText | null, remarkAuthorId: string, reader: RemarkReader): LocalizedText | null;
export function publicLocalizedFor(text: LocalizedText | null, remarkAuthorId: string, reader: RemarkReader): LocalizedText | null {
  return text === null ? null : text.map((version) => publicTextFor(version, remarkAuthorId, reader));
}
