import { ApiProperty, OmitType } from '@nestjs/swagger';
import { CommitmentResponse } from '../commitments/commitments.schemas';
import { NoticeResponse } from '../documentation/documentation.schemas';
import { HearingResponse, ProtocolResponse } from '../hearings/hearings.schemas';
import { OutcomeResponse } from '../outcomes/outcomes.schemas';
import { PlanResponse } from '../plans/plans.schemas';
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

/** GET /plans/{id}: the plan as its writes answer it, with every step of the procedure so far. */
export class PlanRecordResponse extends OmitType(PlanResponse, ['hearing', 'protocol', 'review', 'notice', 'outcome'] as const) {
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
}

/** An item of GET /plans: the plan record without what only GET /plans/{id} carries. */
export class PlanListItemResponse extends OmitType(PlanRecordResponse, ['review', 'commitments', 'moderation'] as const) {}

export class PlanListResponse {
  @ApiProperty({ type: () => [PlanListItemResponse] })
  items!: PlanListItemResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
