import { ApiProperty } from '@nestjs/swagger';
import { DISPOSITIONS } from '../../remarks/answer.entity';
import { VERDICTS } from '../../remarks/answer-verdict.entity';
import { HIDE_REASONS } from '../../remarks/remark-moderation';
import { ApiAnswerDueAt } from '../../remarks/remarks.schemas';

/** A text in each language it was published in (null where absent). */
export class ExportLocalizedText {
  @ApiProperty({ type: String, nullable: true }) kk!: string | null;
  @ApiProperty({ type: String, nullable: true }) ru!: string | null;
  @ApiProperty({ type: String, nullable: true }) en!: string | null;
}

export class ExportVerdict {
  @ApiProperty({ enum: VERDICTS }) verdict!: string;
  @ApiProperty({ type: String, nullable: true, description: "The author's reason (formal verdicts), personal data masked" })
  reason!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ExportAnswerVersion {
  @ApiProperty({ description: '1 is the answer; higher versions are public corrections' }) version!: number;
  @ApiProperty({ type: ExportLocalizedText, description: 'Personal data masked' }) text!: ExportLocalizedText;
  @ApiProperty({ enum: DISPOSITIONS }) disposition!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ description: 'Published after the answer deadline or after the hearing started' }) late!: boolean;
  @ApiProperty({ type: ExportLocalizedText, nullable: true }) correctionReason!: ExportLocalizedText | null;
  @ApiProperty({ type: ExportVerdict, nullable: true, description: "The remark author's current verdict on this version" })
  verdict!: ExportVerdict | null;
}

export class ExportModeration {
  @ApiProperty({
    enum: ['visible', 'masked', 'hidden'],
    description: 'masked: personal data in the text is masked, as on every public page; hidden: a moderator withheld the text',
  })
  state!: string;
  @ApiProperty({ enum: HIDE_REASONS, nullable: true }) hiddenReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) hiddenAt!: string | null;
}

/** One public remark of the bulk export (GET /export/remarks.json is an array of these). No author. */
export class ExportedRemarkSchema {
  @ApiProperty({ format: 'uuid' }) remarkId!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ type: ExportLocalizedText }) planTitle!: ExportLocalizedText;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ type: ExportLocalizedText }) organizationName!: ExportLocalizedText;
  @ApiProperty({ enum: [1, 2] }) stage!: number;
  @ApiProperty({ description: 'The language the remark is written in (ISO 639 code)' }) language!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    format: 'date-time',
    description: 'The latest of creation, answer versions, verdicts, and moderation decisions that hid or restored it',
  })
  changedAt!: string;
  @ApiAnswerDueAt()
  answerDueAt!: string | null;
  @ApiProperty({ type: ExportModeration }) moderation!: ExportModeration;
  @ApiProperty({ type: String, nullable: true, description: 'As the public reads it: null when hidden, personal data masked' })
  text!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'A dispute of a commitment: the stage-1 remark it disputes' })
  disputesRemarkId!: string | null;
  @ApiProperty({ type: [ExportAnswerVersion], description: 'Every answer version, latest first; empty while unanswered' })
  answers!: ExportAnswerVersion[];
}
