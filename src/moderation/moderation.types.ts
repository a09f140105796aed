import type { LocalizedText } from '../common/i18n/localized-text';
import type { HiddenState, HideReason, ReportReason } from '../remarks/remark-moderation';
import type { ModerationAction } from './moderation-decision.entity';

/** A report filed (POST /remarks/{id}/reports). */
export interface ReportCreated {
  id: string;
  remarkId: string;
  reason: ReportReason;
  createdAt: string;
}

/** One entry of the moderation queue: a remark with open reports, or a pending appeal. */
export interface QueueItem {
  kind: 'reports' | 'appeal';
  remarkId: string;
  /** The oldest open report's time, or the appeal's. */
  since: string;
  plan: { id: string; title: LocalizedText };
  /** The original text: moderators read it unmasked. */
  remark: { body: string; stage: 1 | 2; language: string; authorName: string; createdAt: string; hidden: HiddenState | null };
  /** The open reports, oldest first. */
  reports: { reason: ReportReason; text: string | null; createdAt: string }[];
  appeal: {
    id: string;
    text: string;
    createdAt: string;
    hideDecision: { moderatorId: string; moderatorName: string; reason: HideReason; note: string | null; at: string };
  } | null;
}

/** A decision on a remark; the author reads it without the moderator's name. */
export interface DecisionView {
  id: string;
  action: ModerationAction;
  reason: HideReason | null;
  note: string | null;
  at: string;
  /** Whether it decided an appeal. */
  appeal: boolean;
  /** Null for the remark's author. */
  moderatorName: string | null;
}

/** POST /remarks/{id}/moderation. */
export interface DecisionMade {
  decision: DecisionView;
  /** answerDueAt: null while hidden (remarks/answer-duty.ts). */
  remark: { id: string; hidden: HiddenState | null; answerDueAt: string | null };
}

/** POST /remarks/{id}/appeal. */
export interface AppealCreated {
  id: string;
  remarkId: string;
  createdAt: string;
}

/** GET /remarks/{id}/moderation: for moderators, administrators and the remark's author. */
export interface ModerationHistory {
  remark: {
    id: string;
    planId: string;
    planTitle: LocalizedText;
    body: string;
    stage: 1 | 2;
    authorName: string;
    createdAt: string;
    hidden: HiddenState | null;
    /** Null while hidden (remarks/answer-duty.ts). */
    answerDueAt: string | null;
    answered: boolean;
  };
  /** Oldest first. */
  decisions: DecisionView[];
  /** Empty for the author. */
  reports: { reason: ReportReason; text: string | null; createdAt: string; open: boolean }[];
  appeals: { id: string; text: string; createdAt: string; decided: boolean }[];
  /** For the author of a hidden remark: may appeal now, and until when. */
  appeal: { allowed: boolean; closesAt: string | null; reason: 'not_hidden' | 'already_appealed' | 'window_closed' | null };
  /** For a moderator or administrator: may decide now (false when they made the decision under appeal). */
  canDecide: boolean;
}
