import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedVersions } from '../common/openapi';
import { CommitmentResponseAuthorVerdict } from '../commitments/commitments.schemas';
import { HiddenStateResponse } from '../remarks/remarks.schemas';

export class OutcomeVersionResponseI18n {
  @ApiProperty({ type: LocalizedVersions })
  summary!: LocalizedVersions;
  @ApiPropertyOptional({ type: LocalizedVersions })
  correctionReason?: LocalizedVersions;
}

export class OutcomeVersionResponse {
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: String })
  decision!: string;
  @ApiProperty({ type: String })
  summary!: string;
  @ApiProperty({ type: String })
  publishedAt!: string;
  @ApiProperty({ type: String, nullable: true })
  correctionReason!: string | null;
  @ApiProperty({ type: () => OutcomeVersionResponseI18n })
  i18n!: OutcomeVersionResponseI18n;
}

export class OutcomeResponse {
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: String })
  decision!: string;
  @ApiProperty({ type: String })
  summary!: string;
  @ApiProperty({ type: String })
  publishedAt!: string;
  @ApiProperty({ type: String, nullable: true })
  correctionReason!: string | null;
  @ApiProperty({ type: () => [OutcomeVersionResponse] })
  versions!: OutcomeVersionResponse[];
  @ApiProperty({ type: () => OutcomeVersionResponseI18n })
  i18n!: OutcomeVersionResponseI18n;
}

export class ReportResponsePlanI18n {
  @ApiProperty({ type: LocalizedVersions })
  title!: LocalizedVersions;
}

export class ReportResponsePlan {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  title!: string;
  @ApiProperty({ type: () => ReportResponsePlanI18n })
  i18n!: ReportResponsePlanI18n;
}

export class ReportResponseRemarkVerdict {
  @ApiProperty({ type: String })
  verdict!: string;
  @ApiProperty({ type: String })
  reason!: string;
  @ApiProperty({ type: 'integer' })
  answerVersion!: number;
  @ApiProperty({ type: String })
  at!: string;
}

export class ReportResponseRemarkI18n {
  @ApiProperty({ type: LocalizedVersions })
  answer!: LocalizedVersions;
}

export class ReportResponseRemark {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: 'integer' })
  stage!: number;
  @ApiProperty({ type: String })
  authorName!: string;
  @ApiProperty({ type: String, nullable: true })
  body!: string | null;
  @ApiProperty({ type: () => HiddenStateResponse, nullable: true })
  hidden!: HiddenStateResponse | null;
  @ApiProperty({ type: String })
  createdAt!: string;
  @ApiProperty({ type: String, nullable: true })
  disposition!: string | null;
  @ApiProperty({ type: String, nullable: true })
  answer!: string | null;
  @ApiProperty({ type: String, nullable: true })
  answeredAt!: string | null;
  @ApiProperty({ type: Boolean })
  late!: boolean;
  @ApiProperty({ type: () => ReportResponseRemarkVerdict, nullable: true })
  verdict!: ReportResponseRemarkVerdict | null;
  @ApiPropertyOptional({ type: () => ReportResponseRemarkI18n })
  i18n?: ReportResponseRemarkI18n;
}

export class ReportResponseRecommendationI18n {
  @ApiProperty({ type: LocalizedVersions })
  text!: LocalizedVersions;
  @ApiPropertyOptional({ type: LocalizedVersions })
  response?: LocalizedVersions;
}

export class ReportResponseRecommendation {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  memberName!: string;
  @ApiProperty({ type: String })
  text!: string;
  @ApiProperty({ type: Boolean, nullable: true })
  accepted!: boolean | null;
  @ApiProperty({ type: String, nullable: true })
  response!: string | null;
  @ApiProperty({ type: String, nullable: true })
  respondedAt!: string | null;
  @ApiProperty({ type: Boolean })
  late!: boolean;
  @ApiProperty({ type: () => ReportResponseRecommendationI18n })
  i18n!: ReportResponseRecommendationI18n;
}

export class ReportResponseCommitment {
  @ApiProperty({ type: String })
  remarkId!: string;
  @ApiProperty({ type: String })
  authorName!: string;
  @ApiProperty({ type: String })
  remark!: string;
  @ApiProperty({ type: () => HiddenStateResponse, nullable: true })
  hidden!: HiddenStateResponse | null;
  @ApiProperty({ type: String })
  disposition!: string;
  @ApiProperty({ type: String })
  status!: string;
  @ApiProperty({ type: String, nullable: true })
  document!: string | null;
  @ApiProperty({ type: String, nullable: true })
  location!: string | null;
  @ApiProperty({ type: String, nullable: true })
  explanation!: string | null;
  @ApiProperty({ type: 'integer', nullable: true })
  version!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt!: string | null;
  @ApiProperty({ type: () => CommitmentResponseAuthorVerdict, nullable: true })
  authorVerdict!: CommitmentResponseAuthorVerdict | null;
}

export class ReportResponse {
  @ApiProperty({ type: () => ReportResponsePlan })
  plan!: ReportResponsePlan;
  @ApiProperty({ type: () => [ReportResponseRemark] })
  remarks!: ReportResponseRemark[];
  @ApiProperty({ type: () => [ReportResponseRecommendation] })
  recommendations!: ReportResponseRecommendation[];
  @ApiProperty({ type: () => [ReportResponseCommitment] })
  commitments!: ReportResponseCommitment[];
  @ApiProperty({ type: () => OutcomeResponse, nullable: true })
  outcome!: OutcomeResponse | null;
}
