import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { LocalizedVersions } from '../common/openapi';
import { CommitmentResponse } from '../commitments/commitments.schemas';
import { NoticeResponse } from '../documentation/documentation.schemas';
import { HearingResponse, ProtocolResponse } from '../hearings/hearings.schemas';
import { OutcomeResponse } from '../outcomes/outcomes.schemas';
import { PlanCounts, PlanOrganization, PlanStage1, PlanStage2 } from '../plans/plans.schemas';
import { ReviewResponse } from '../reviews/reviews.schemas';

export class PlanModerationResponseReasons {
  @ApiProperty({ type: 'integer' })
  insult!: number;
  @ApiProperty({ type: 'integer' })
  personal_data!: number;
  @ApiProperty({ type: 'integer' })
  spam!: number;
  @ApiProperty({ type: 'integer' })
  off_topic!: number;
  @ApiProperty({ type: 'integer' })
  duplicate!: number;
}

export class PlanModerationResponse {
  @ApiProperty({ type: 'integer' })
  hidden!: number;
  @ApiProperty({ type: () => PlanModerationResponseReasons })
  reasons!: PlanModerationResponseReasons;
}

export class PlanRecordResponseI18n {
  @ApiProperty({ type: LocalizedVersions })
  title!: LocalizedVersions;
  @ApiProperty({ type: LocalizedVersions })
  description!: LocalizedVersions;
  @ApiPropertyOptional({ type: LocalizedVersions })
  deliveryPlace?: LocalizedVersions;
}

export class PlanRecordResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: () => PlanOrganization })
  organization!: PlanOrganization;
  @ApiProperty({ type: String })
  title!: string;
  @ApiProperty({ type: String })
  description!: string;
  @ApiProperty({ type: String })
  subjectCode!: string;
  @ApiProperty({ type: 'integer' })
  amount!: number;
  @ApiProperty({ type: String })
  method!: string;
  @ApiProperty({ type: String, nullable: true })
  plannedQuarter!: string | null;
  @ApiProperty({ type: String, nullable: true })
  deliveryPlace!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The plan-point number of the organizer's annual plan (set by the import)" })
  planPointNumber!: string | null;
  @ApiProperty({ type: String })
  status!: string;
  @ApiProperty({ type: Boolean })
  hearingOverdue!: boolean;
  @ApiProperty({ type: String, nullable: true })
  publishedAt!: string | null;
  @ApiProperty({ type: () => PlanStage1, nullable: true })
  stage1!: PlanStage1 | null;
  @ApiProperty({ type: String, nullable: true })
  hearingDeadlineDate!: string | null;
  @ApiProperty({ type: () => PlanStage2, nullable: true })
  stage2!: PlanStage2 | null;
  @ApiProperty({ type: () => PlanCounts })
  counts!: PlanCounts;
  @ApiProperty({ type: () => HearingResponse, nullable: true })
  hearing!: HearingResponse | null;
  @ApiProperty({ type: () => ProtocolResponse, nullable: true })
  protocol!: ProtocolResponse | null;
  @ApiProperty({ type: () => ReviewResponse, nullable: true })
  review!: ReviewResponse | null;
  @ApiProperty({ type: () => NoticeResponse, nullable: true })
  notice!: NoticeResponse | null;
  @ApiProperty({ type: () => OutcomeResponse, nullable: true })
  outcome!: OutcomeResponse | null;
  @ApiProperty({ type: () => [CommitmentResponse] })
  commitments!: CommitmentResponse[];
  @ApiProperty({ type: () => PlanModerationResponse })
  moderation!: PlanModerationResponse;
  @ApiProperty({ type: () => PlanRecordResponseI18n })
  i18n!: PlanRecordResponseI18n;
}

/** An item of GET /plans: the plan record without what only GET /plans/{id} carries. */
export class PlanListItemResponse extends OmitType(PlanRecordResponse, ['review', 'commitments', 'moderation'] as const) {}

export class PlanListResponse {
  @ApiProperty({ type: () => [PlanListItemResponse] })
  items!: PlanListItemResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
