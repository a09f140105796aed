import { CalendarOverride } from './calendar/calendar-override.entity';
import { Commitment } from './commitments/commitment.entity';
import { CommitmentVerdict } from './commitments/commitment-verdict.entity';
import { Notice } from './documentation/notice.entity';
import { Hearing } from './hearings/hearing.entity';
import { HearingChange } from './hearings/hearing-change.entity';
import { Protocol } from './hearings/protocol.entity';
import { RateLimitCounter } from './identity/rate-limit-counter.entity';
import { RevokedSession } from './identity/revoked-session.entity';
import { User } from './identity/user.entity';
import { UserToken } from './identity/user-token.entity';
import { ModerationDecision } from './moderation/moderation-decision.entity';
import { RemarkAppeal } from './moderation/remark-appeal.entity';
import { RemarkReport } from './moderation/remark-report.entity';
import { OutboxMessage } from './notifications/outbox-message.entity';
import { OcdsReleaseRow } from './open-data/ocds/ocds-release.entity';
import { Council } from './organizations/council.entity';
import { Organization } from './organizations/organization.entity';
import { Outcome } from './outcomes/outcome.entity';
import { Plan } from './plans/plan.entity';
import { PlanNewsOptOut } from './plans/plan-news-opt-out.entity';
import { PlanSubscription } from './plans/plan-subscription.entity';
import { Answer } from './remarks/answer.entity';
import { AnswerVerdict } from './remarks/answer-verdict.entity';
import { Remark } from './remarks/remark.entity';
import { CouncilFormalFinding } from './reviews/council-formal-finding.entity';
import { FormalAnswerVote } from './reviews/formal-answer-vote.entity';
import { Recommendation } from './reviews/recommendation.entity';
import { RecommendationResponse } from './reviews/recommendation-response.entity';
import { ReviewConclusion } from './reviews/review-conclusion.entity';
import { ReviewPosition } from './reviews/review-position.entity';
import { PlanDeadlineSweep } from './scheduler/plan-deadline-sweep.entity';

/** Every entity of every feature, for the application's data source and the migration generator (scripts/migration.ts). */
export const ENTITIES = [
  User,
  UserToken,
  RevokedSession,
  Council,
  Organization,
  CalendarOverride,
  Plan,
  PlanSubscription,
  PlanNewsOptOut,
  Remark,
  Answer,
  AnswerVerdict,
  Hearing,
  HearingChange,
  Protocol,
  ReviewPosition,
  Recommendation,
  RecommendationResponse,
  ReviewConclusion,
  FormalAnswerVote,
  CouncilFormalFinding,
  Notice,
  Commitment,
  CommitmentVerdict,
  Outcome,
  RemarkReport,
  ModerationDecision,
  RemarkAppeal,
  OutboxMessage,
  RateLimitCounter,
  OcdsReleaseRow,
  PlanDeadlineSweep,
];
