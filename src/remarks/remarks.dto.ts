import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { VERDICTS, Verdict } from './answer-verdict.entity';
import { DISPOSITIONS, Disposition } from './answer.entity';

export class CreateRemarkDto {
  @ApiProperty({ minLength: 1, maxLength: 10000, description: '1 to 10,000 characters after trimming' })
  @IsString()
  @MaxLength(10000)
  body: string;
}

/** An answer gives its reasons: at least this many characters after trimming (pages and API alike). */
export const ANSWER_MIN_LENGTH = 20;

export class AnswerDto {
  @ApiProperty({ minLength: ANSWER_MIN_LENGTH, maxLength: 10000, description: `${ANSWER_MIN_LENGTH} to 10,000 characters after trimming` })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(ANSWER_MIN_LENGTH)
  @MaxLength(10000)
  body: string;

  @ApiProperty({ enum: DISPOSITIONS })
  @IsIn(DISPOSITIONS)
  disposition: Disposition;
}

export class CorrectionDto extends AnswerDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class ListRemarksQuery {
  @ApiPropertyOptional({ enum: [1, 2] })
  @IsOptional()
  @Type(() => Number)
  @IsIn([1, 2])
  stage?: 1 | 2;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** A verdict's reason: this many characters after trimming (required for `formal`). */
export const VERDICT_REASON_MIN = 10;
export const VERDICT_REASON_MAX = 2000;

/** The remark author's verdict on the latest answer version (PUT /remarks/{id}/verdict and the verdict forms). */
export class VerdictDto {
  @ApiProperty({ enum: VERDICTS })
  @IsIn(VERDICTS)
  verdict: Verdict;

  @ApiPropertyOptional({
    minLength: VERDICT_REASON_MIN,
    maxLength: VERDICT_REASON_MAX,
    nullable: true,
    description: `${VERDICT_REASON_MIN} to ${VERDICT_REASON_MAX} characters after trimming; required for formal, optional for reasoned`,
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() || undefined : value === null ? undefined : value,
  )
  @ValidateIf((o: VerdictDto) => o.verdict === 'formal' || o.reason !== undefined)
  @IsString()
  @MinLength(VERDICT_REASON_MIN)
  @MaxLength(VERDICT_REASON_MAX)
  reason?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'The answer version judged; 409 ANSWER_VERSION_STALE when it is not the latest' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value === '' ? undefined : value,
  )
  @IsInt()
  @Min(1)
  answerVersion?: number;
}
