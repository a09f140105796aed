import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { COMMITMENT_VERDICTS, type CommitmentVerdictKind } from './commitment-verdict.entity';
import { COMMITMENT_STATUSES, type CommitmentStatus } from './commitment.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * What the organizer says of one commitment. Fields left out or empty make it unfinished
 * (422 COMMITMENTS_INCOMPLETE lists it), not malformed.
 */
export class CommitmentInputDto {
  @ApiProperty({ format: 'uuid', description: 'The stage-1 remark whose latest answer is accepted or partially_accepted' })
  @IsUUID()
  remarkId: string;

  @ApiProperty({ enum: COMMITMENT_STATUSES })
  @IsOptional()
  @IsIn(COMMITMENT_STATUSES)
  status?: CommitmentStatus;

  @ApiPropertyOptional({ maxLength: 500, description: "For implemented: the title of one of the notice's documents" })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  document?: string | null;

  @ApiPropertyOptional({ maxLength: 500, description: 'For implemented: section, clause or page in that document' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  location?: string | null;

  @ApiProperty({ maxLength: 5000, description: 'How the documentation keeps it, or why it does not' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  explanation?: string | null;
}

export class CommitmentsDto {
  @ApiProperty({ type: [CommitmentInputDto], minItems: 1, maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => CommitmentInputDto)
  commitments: CommitmentInputDto[];
}

export const COMMITMENT_REASON_MIN = 10;
export const COMMITMENT_REASON_MAX = 2000;

export class CommitmentVerdictDto {
  @ApiProperty({ enum: COMMITMENT_VERDICTS })
  @IsIn(COMMITMENT_VERDICTS)
  verdict: CommitmentVerdictKind;

  @ApiPropertyOptional({
    minLength: COMMITMENT_REASON_MIN,
    maxLength: COMMITMENT_REASON_MAX,
    description: 'Required for disputed (it becomes the text of the dispute, a stage-2 remark)',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value))
  @ValidateIf((o: CommitmentVerdictDto) => o.verdict === 'disputed' || o.reason !== undefined)
  @IsString()
  @MinLength(COMMITMENT_REASON_MIN)
  @MaxLength(COMMITMENT_REASON_MAX)
  reason?: string;
}
