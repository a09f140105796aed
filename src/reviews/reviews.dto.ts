import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { POSITIONS, PositionKind } from './review-position.entity';

/** How many answers one position may name formal. */
export const FORMAL_ANSWERS_MAX = 500;

export class PositionDto {
  @ApiProperty({ enum: POSITIONS })
  @IsIn(POSITIONS)
  position: PositionKind;

  @ApiProperty({ minLength: 1, maxLength: 10000 })
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  text: string;

  @ApiPropertyOptional({ type: [String], description: 'Required and non-empty for endorse_with_recommendations; allowed with object' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(10000, { each: true })
  recommendations?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: FORMAL_ANSWERS_MAX,
    uniqueItems: true,
    description:
      'Remarks of this plan whose (latest) answer the member finds formal; each must be answered, else 422 FORMAL_ANSWERS_INVALID',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(FORMAL_ANSWERS_MAX)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  formalAnswers?: string[];
}

export class RecommendationResponseDto {
  @ApiProperty()
  @IsBoolean()
  accepted: boolean;

  @ApiProperty({ minLength: 1, maxLength: 10000 })
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  text: string;
}

export class RecommendationResponseCorrectionDto extends RecommendationResponseDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}
