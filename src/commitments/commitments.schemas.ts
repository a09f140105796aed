import { ApiProperty } from '@nestjs/swagger';
import { LocalizedVersions } from '../common/openapi';
import { HiddenStateResponse } from '../remarks/remarks.schemas';

export class CommitmentResponseRemark {
  @ApiProperty({ type: String })
  body!: string;
  @ApiProperty({ type: String })
  authorName!: string;
  @ApiProperty({ type: () => HiddenStateResponse, nullable: true })
  hidden!: HiddenStateResponse | null;
  @ApiProperty({ type: Boolean })
  masked!: boolean;
}

export class CommitmentResponseAnswerI18n {
  @ApiProperty({ type: LocalizedVersions })
  body!: LocalizedVersions;
}

export class CommitmentResponseAnswer {
  @ApiProperty({ type: String })
  body!: string;
  @ApiProperty({ type: String })
  disposition!: string;
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: () => CommitmentResponseAnswerI18n })
  i18n!: CommitmentResponseAnswerI18n;
}

export class CommitmentResponseAuthorVerdict {
  @ApiProperty({ type: String })
  verdict!: string;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  @ApiProperty({ type: String })
  at!: string;
  @ApiProperty({ type: String, nullable: true })
  disputeRemarkId!: string | null;
}

export class CommitmentResponseHistoryItem {
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: String })
  disposition!: string;
  @ApiProperty({ type: String })
  status!: string;
  @ApiProperty({ type: String })
  document!: string;
  @ApiProperty({ type: String })
  location!: string;
  @ApiProperty({ type: String })
  explanation!: string;
  @ApiProperty({ type: String })
  publishedAt!: string;
  @ApiProperty({ type: () => CommitmentResponseAuthorVerdict, nullable: true })
  authorVerdict!: CommitmentResponseAuthorVerdict | null;
}

export class CommitmentResponse {
  @ApiProperty({ type: String })
  remarkId!: string;
  @ApiProperty({ type: () => CommitmentResponseRemark })
  remark!: CommitmentResponseRemark;
  @ApiProperty({ type: () => CommitmentResponseAnswer, nullable: true, description: 'Null while no answer version accepts the remark' })
  answer!: CommitmentResponseAnswer | null;
  @ApiProperty({ type: 'integer', nullable: true })
  version!: number | null;
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
  @ApiProperty({ type: String, nullable: true })
  publishedAt!: string | null;
  @ApiProperty({ type: () => CommitmentResponseAuthorVerdict, nullable: true })
  authorVerdict!: CommitmentResponseAuthorVerdict | null;
  @ApiProperty({ type: Boolean })
  pending!: boolean;
  @ApiProperty({ type: String, nullable: true })
  verdictClosesAt!: string | null;
  @ApiProperty({ type: Boolean })
  verdictOpen!: boolean;
  @ApiProperty({ type: () => [CommitmentResponseHistoryItem] })
  history!: CommitmentResponseHistoryItem[];
}

export class CommitmentsPublishedResponsePublishedItem {
  @ApiProperty({ type: String })
  remarkId!: string;
  @ApiProperty({ type: 'integer' })
  version!: number;
}

export class CommitmentsPublishedResponse {
  @ApiProperty({ type: () => [CommitmentsPublishedResponsePublishedItem] })
  published!: CommitmentsPublishedResponsePublishedItem[];
}

export class CommitmentVerdictResponse {
  @ApiProperty({ type: String })
  remarkId!: string;
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: String })
  verdict!: string;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  @ApiProperty({ type: String })
  at!: string;
  @ApiProperty({ type: String, nullable: true })
  disputeRemarkId!: string | null;
}
