import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedVersions } from '../common/openapi';
import { AnswerVerdictResponse } from '../remarks/remarks.schemas';

export class ReviewResponseConclusionCounts {
  @ApiProperty({ type: 'integer' })
  endorse!: number;
  @ApiProperty({ type: 'integer' })
  endorse_with_recommendations!: number;
  @ApiProperty({ type: 'integer' })
  object!: number;
}

export class ReviewResponseConclusion {
  @ApiProperty({ type: String })
  closedAt!: string;
  @ApiProperty({ type: String })
  closedBy!: string;
  @ApiProperty({ type: 'integer' })
  membersCount!: number;
  @ApiProperty({ type: 'integer' })
  positionsCount!: number;
  @ApiProperty({ type: () => ReviewResponseConclusionCounts })
  counts!: ReviewResponseConclusionCounts;
  @ApiProperty({ type: String })
  result!: string;
  @ApiProperty({ type: Boolean })
  quorum!: boolean;
  @ApiProperty({ type: [String], description: 'Ids of the remarks whose answers the council found formal' })
  formalAnswers!: string[];
}

export class RecommendationResponseResponseI18n {
  @ApiProperty({ type: LocalizedVersions })
  text!: LocalizedVersions;
  @ApiPropertyOptional({ type: LocalizedVersions })
  correctionReason?: LocalizedVersions;
}

export class RecommendationResponseResponse {
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: Boolean })
  accepted!: boolean;
  @ApiProperty({ type: String })
  text!: string;
  @ApiProperty({ type: String })
  publishedAt!: string;
  @ApiProperty({ type: Boolean })
  late!: boolean;
  @ApiProperty({ type: String, nullable: true })
  correctionReason!: string | null;
  @ApiProperty({ type: () => RecommendationResponseResponseI18n })
  i18n!: RecommendationResponseResponseI18n;
  @ApiPropertyOptional({ type: String })
  id?: string;
}

export class ReviewRecommendationResponseI18n {
  @ApiProperty({ type: LocalizedVersions })
  text!: LocalizedVersions;
}

export class ReviewRecommendationResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  text!: string;
  @ApiPropertyOptional({ type: String })
  createdAt?: string;
  @ApiPropertyOptional({ type: String })
  responseDueAt?: string;
  @ApiPropertyOptional({ type: Boolean })
  overdue?: boolean;
  @ApiProperty({ type: () => RecommendationResponseResponse, nullable: true })
  response!: RecommendationResponseResponse | null;
  @ApiProperty({ type: () => ReviewRecommendationResponseI18n })
  i18n!: ReviewRecommendationResponseI18n;
}

export class ReviewPositionResponse {
  @ApiProperty({ type: String })
  memberName!: string;
  @ApiProperty({ type: String })
  position!: string;
  @ApiProperty({ type: String })
  text!: string;
  @ApiProperty({ type: String })
  createdAt!: string;
  @ApiProperty({ type: () => [ReviewRecommendationResponse] })
  recommendations!: ReviewRecommendationResponse[];
  @ApiProperty({ type: () => ReviewRecommendationResponseI18n })
  i18n!: ReviewRecommendationResponseI18n;
}

/** Which remark a formal-answer finding is about. */
export class ReviewFormalAnswerRemark {
  @ApiProperty({ type: 'integer', enum: [1, 2] })
  stage!: number;
  @ApiProperty({ type: String })
  authorName!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

/** An answer that council members named as formal, with the votes and whether the council found it so. */
export class ReviewFormalAnswerResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  remarkId!: string;
  @ApiProperty({ type: () => ReviewFormalAnswerRemark })
  remark!: ReviewFormalAnswerRemark;
  @ApiProperty({ type: 'integer' })
  votes!: number;
  @ApiProperty({ type: () => AnswerVerdictResponse, nullable: true })
  authorVerdict!: AnswerVerdictResponse | null;
  @ApiProperty({ type: 'integer' })
  answerVersion!: number;
  @ApiProperty({ type: Boolean })
  foundFormal!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  correctedAt!: string | null;
}

export class ReviewResponse {
  @ApiProperty({ type: String, nullable: true })
  closesAt!: string | null;
  @ApiProperty({ type: () => [ReviewPositionResponse] })
  positions!: ReviewPositionResponse[];
  @ApiProperty({ type: () => ReviewResponseConclusion, nullable: true })
  conclusion!: ReviewResponseConclusion | null;
  @ApiProperty({ type: () => [ReviewRecommendationResponse] })
  recommendations!: ReviewRecommendationResponse[];
  @ApiProperty({ type: () => [ReviewFormalAnswerResponse] })
  formalAnswers!: ReviewFormalAnswerResponse[];
}

export class PositionResponseRecommendation {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  text!: string;
  @ApiPropertyOptional({ type: String })
  responseDueAt?: string;
  @ApiProperty({ type: () => ReviewRecommendationResponseI18n })
  i18n!: ReviewRecommendationResponseI18n;
}

export class PositionResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  position!: string;
  @ApiProperty({ type: String })
  text!: string;
  @ApiProperty({ type: String })
  createdAt!: string;
  @ApiProperty({ type: () => [PositionResponseRecommendation] })
  recommendations!: PositionResponseRecommendation[];
  @ApiProperty({ type: [String], description: 'Ids of the remarks whose answers this position names as formal' })
  formalAnswers!: string[];
  @ApiProperty({ type: () => ReviewRecommendationResponseI18n })
  i18n!: ReviewRecommendationResponseI18n;
}

export class ReviewClosedResponse {
  @ApiProperty({ type: String })
  closedAt!: string;
  @ApiProperty({ type: String })
  closedBy!: string;
  @ApiProperty({ type: 'integer' })
  membersCount!: number;
  @ApiProperty({ type: 'integer' })
  positionsCount!: number;
  @ApiProperty({ type: () => ReviewResponseConclusionCounts })
  counts!: ReviewResponseConclusionCounts;
  @ApiProperty({ type: String })
  result!: string;
  @ApiProperty({ type: Boolean })
  quorum!: boolean;
  @ApiProperty({ type: [String], description: 'Ids of the remarks whose answers the council found formal' })
  formalAnswers!: string[];
}

export class PositionTranslatedResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  text!: string;
  @ApiProperty({ type: () => [PositionResponseRecommendation] })
  recommendations!: PositionResponseRecommendation[];
  @ApiProperty({ type: () => ReviewRecommendationResponseI18n })
  i18n!: ReviewRecommendationResponseI18n;
}

export class ResponseTranslatedResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: Boolean })
  accepted!: boolean;
  @ApiProperty({ type: String })
  text!: string;
  @ApiProperty({ type: String, nullable: true })
  correctionReason!: string | null;
  @ApiProperty({ type: () => ReviewRecommendationResponseI18n })
  i18n!: ReviewRecommendationResponseI18n;
}
