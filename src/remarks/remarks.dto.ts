import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
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
