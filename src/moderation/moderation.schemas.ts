import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedVersions } from '../common/openapi';
import { ApiAnswerDueAt, HiddenStateResponse } from '../remarks/remarks.schemas';

export class ReportCreatedResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  remarkId!: string;
  @ApiProperty({ type: String })
  reason!: string;
  @ApiProperty({ type: String })
  createdAt!: string;
}

export class ModerationQueueItemPlanI18n {
  @ApiProperty({ type: LocalizedVersions })
  title!: LocalizedVersions;
}

export class ModerationQueueItemPlan {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  title!: string;
  @ApiProperty({ type: () => ModerationQueueItemPlanI18n })
  i18n!: ModerationQueueItemPlanI18n;
}

export class ModerationQueueItemRemark {
  @ApiProperty({ type: String })
  body!: string;
  @ApiProperty({ type: 'integer' })
  stage!: number;
  @ApiProperty({ type: String })
  language!: string;
  @ApiProperty({ type: String })
  authorName!: string;
  @ApiProperty({ type: String })
  createdAt!: string;
  @ApiProperty({ type: () => HiddenStateResponse, nullable: true })
  hidden!: HiddenStateResponse | null;
}

export class ModerationQueueItemReport {
  @ApiProperty({ type: String })
  reason!: string;
  @ApiProperty({ type: String, nullable: true })
  text!: string | null;
  @ApiProperty({ type: String })
  createdAt!: string;
}

export class ModerationQueueItemAppealHideDecision {
  @ApiProperty({ type: String })
  moderatorId!: string;
  @ApiProperty({ type: String })
  moderatorName!: string;
  @ApiProperty({ type: String })
  reason!: string;
  @ApiProperty({ type: String })
  note!: string;
  @ApiProperty({ type: String })
  at!: string;
}

export class ModerationQueueItemAppeal {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  text!: string;
  @ApiProperty({ type: String })
  createdAt!: string;
  @ApiProperty({ type: () => ModerationQueueItemAppealHideDecision })
  hideDecision!: ModerationQueueItemAppealHideDecision;
}

export class ModerationQueueItem {
  @ApiProperty({ type: String })
  kind!: string;
  @ApiProperty({ type: String })
  remarkId!: string;
  @ApiProperty({ type: String })
  since!: string;
  @ApiProperty({ type: () => ModerationQueueItemPlan })
  plan!: ModerationQueueItemPlan;
  @ApiProperty({ type: () => ModerationQueueItemRemark })
  remark!: ModerationQueueItemRemark;
  @ApiProperty({ type: () => [ModerationQueueItemReport] })
  reports!: ModerationQueueItemReport[];
  @ApiProperty({ type: () => ModerationQueueItemAppeal, nullable: true })
  appeal!: ModerationQueueItemAppeal | null;
}

export class ModerationQueueResponse {
  @ApiProperty({ type: () => [ModerationQueueItem] })
  items!: ModerationQueueItem[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class DecisionResponseDecision {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  action!: string;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  @ApiProperty({ type: String })
  note!: string;
  @ApiProperty({ type: String })
  at!: string;
  @ApiProperty({ type: Boolean })
  appeal!: boolean;
  @ApiProperty({ type: String })
  moderatorName!: string;
}

export class DecisionResponseRemark {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: () => HiddenStateResponse, nullable: true })
  hidden!: HiddenStateResponse | null;
  @ApiAnswerDueAt()
  answerDueAt!: string | null;
}

export class DecisionResponse {
  @ApiProperty({ type: () => DecisionResponseDecision })
  decision!: DecisionResponseDecision;
  @ApiProperty({ type: () => DecisionResponseRemark })
  remark!: DecisionResponseRemark;
}

export class ModerationHistoryResponseRemarkI18n {
  @ApiProperty({ type: LocalizedVersions })
  planTitle!: LocalizedVersions;
}

export class ModerationHistoryResponseRemark {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  planId!: string;
  @ApiProperty({ type: String })
  planTitle!: string;
  @ApiProperty({ type: String })
  body!: string;
  @ApiProperty({ type: 'integer' })
  stage!: number;
  @ApiProperty({ type: String })
  authorName!: string;
  @ApiProperty({ type: String })
  createdAt!: string;
  @ApiProperty({ type: () => HiddenStateResponse, nullable: true })
  hidden!: HiddenStateResponse | null;
  @ApiAnswerDueAt()
  answerDueAt!: string | null;
  @ApiProperty({ type: Boolean })
  answered!: boolean;
  @ApiProperty({ type: () => ModerationHistoryResponseRemarkI18n })
  i18n!: ModerationHistoryResponseRemarkI18n;
}

export class ModerationHistoryResponseDecision {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  action!: string;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  @ApiProperty({ type: String })
  note!: string;
  @ApiProperty({ type: String })
  at!: string;
  @ApiProperty({ type: Boolean })
  appeal!: boolean;
  @ApiProperty({ type: String, nullable: true })
  moderatorName!: string | null;
}

export class ModerationHistoryResponseReport {
  @ApiProperty({ type: String })
  reason!: string;
  @ApiProperty({ type: String, nullable: true })
  text!: string | null;
  @ApiProperty({ type: String })
  createdAt!: string;
  @ApiProperty({ type: Boolean })
  open!: boolean;
}

export class ModerationHistoryResponseAppeal {
  @ApiPropertyOptional({ type: String })
  id?: string;
  @ApiPropertyOptional({ type: String })
  text?: string;
  @ApiPropertyOptional({ type: String })
  createdAt?: string;
  @ApiPropertyOptional({ type: Boolean })
  decided?: boolean;
  @ApiPropertyOptional({ type: Boolean })
  allowed?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true })
  closesAt?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  reason?: string | null;
}

export class ModerationHistoryResponse {
  @ApiProperty({ type: () => ModerationHistoryResponseRemark })
  remark!: ModerationHistoryResponseRemark;
  @ApiProperty({ type: () => [ModerationHistoryResponseDecision] })
  decisions!: ModerationHistoryResponseDecision[];
  @ApiProperty({ type: () => [ModerationHistoryResponseReport] })
  reports!: ModerationHistoryResponseReport[];
  @ApiProperty({ type: () => [ModerationHistoryResponseAppeal] })
  appeals!: ModerationHistoryResponseAppeal[];
  @ApiProperty({ type: () => ModerationHistoryResponseAppeal })
  appeal!: ModerationHistoryResponseAppeal;
  @ApiProperty({ type: Boolean })
  canDecide!: boolean;
}

export class AppealCreatedResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  remarkId!: string;
  @ApiProperty({ type: String })
  createdAt!: string;
}
