import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedVersions } from '../common/openapi';

/** A remark's answer deadline, as every answer that shows a remark documents it. */
export const ApiAnswerDueAt = () =>
  ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      "When the organizer's answer is due; null while the remark is hidden (a hidden remark needs no answer; restored, it is due again)",
  });

export class RemarkCreatedResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: 'integer' })
  stage!: number;
  @ApiProperty({ type: String })
  createdAt!: string;
}

export class AnswerCreatedResponse {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  remarkId!: string;
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: String })
  disposition!: string;
  @ApiProperty({ type: String })
  publishedAt!: string;
  @ApiProperty({ type: Boolean })
  late!: boolean;
}

export class HiddenStateResponse {
  @ApiProperty({ type: String })
  reason!: string;
  @ApiProperty({ type: String })
  at!: string;
}

export class AnswerVerdictResponse {
  @ApiProperty({ type: String })
  verdict!: string;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  @ApiProperty({ type: String })
  at!: string;
  @ApiProperty({ type: 'integer' })
  answerVersion!: number;
}

export class AnswerVersionResponseI18n {
  @ApiProperty({ type: LocalizedVersions })
  body!: LocalizedVersions;
}

export class AnswerVersionResponse {
  @ApiProperty({ type: String })
  body!: string;
  @ApiProperty({ type: String })
  disposition!: string;
  @ApiProperty({ type: String })
  publishedAt!: string;
  @ApiProperty({ type: Boolean })
  late!: boolean;
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: String, nullable: true })
  correctionReason!: string | null;
  @ApiProperty({ type: () => AnswerVerdictResponse, nullable: true })
  verdict!: AnswerVerdictResponse | null;
  @ApiProperty({ type: () => AnswerVersionResponseI18n })
  i18n!: AnswerVersionResponseI18n;
}

export class AnswerResponseI18n {
  @ApiProperty({ type: LocalizedVersions })
  body!: LocalizedVersions;
  @ApiPropertyOptional({ type: LocalizedVersions })
  correctionReason?: LocalizedVersions;
}

export class AnswerResponse {
  @ApiProperty({ type: String })
  body!: string;
  @ApiProperty({ type: String })
  disposition!: string;
  @ApiProperty({ type: String })
  publishedAt!: string;
  @ApiProperty({ type: Boolean })
  late!: boolean;
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: String, nullable: true })
  correctionReason!: string | null;
  @ApiProperty({ type: () => AnswerVerdictResponse, nullable: true })
  verdict!: AnswerVerdictResponse | null;
  @ApiProperty({ type: String })
  verdictClosesAt!: string;
  @ApiProperty({ type: () => [AnswerVersionResponse] })
  history!: AnswerVersionResponse[];
  @ApiProperty({ type: () => AnswerResponseI18n })
  i18n!: AnswerResponseI18n;
}

export class RemarkResponse {
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
  @ApiProperty({ type: Boolean })
  personalDataMasked!: boolean;
  @ApiProperty({ type: String })
  language!: string;
  @ApiProperty({ type: String })
  createdAt!: string;
  @ApiAnswerDueAt()
  answerDueAt!: string | null;
  @ApiProperty({ type: () => AnswerResponse, nullable: true })
  answer!: AnswerResponse | null;
  @ApiProperty({ type: String, nullable: true })
  disputes!: string | null;
}

export class RemarkListResponse {
  @ApiProperty({ type: () => [RemarkResponse] })
  items!: RemarkResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class VerdictResponse {
  @ApiProperty({ type: String })
  remarkId!: string;
  @ApiProperty({ type: 'integer' })
  answerVersion!: number;
  @ApiProperty({ type: String })
  verdict!: string;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  @ApiProperty({ type: String })
  at!: string;
  @ApiProperty({ type: String })
  closesAt!: string;
}

/** What PUT /remarks/{id}/answer/translations did to the latest answer version. */
export class AnswerTranslatedResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  remarkId!: string;
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ type: String })
  body!: string;
  @ApiProperty({ type: String, nullable: true })
  correctionReason!: string | null;
  @ApiProperty({ type: [String], description: 'The versions added, as `field.lang` (empty when every version sent was there already)' })
  added!: string[];
  @ApiProperty({ type: () => AnswerResponseI18n })
  i18n!: AnswerResponseI18n;
}
