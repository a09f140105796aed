import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { LocalizedInput } from '../common/i18n/localized-text';
import { IsLocalizedText, LocalizedTextField, localizedTextSchema } from '../common/i18n/localized-text.validation';
import { POSITIONS, PositionKind } from './review-position.entity';

const LOCALIZED_ITEM = localizedTextSchema(10000);

/** How many answers one position may name formal. */
export const FORMAL_ANSWERS_MAX = 500;

export class PositionDto {
  @ApiProperty({ enum: POSITIONS })
  @IsIn(POSITIONS)
  position: PositionKind;

  @LocalizedTextField(10000, { description: 'The reasoning of the position.' })
  text: LocalizedInput;

  @ApiPropertyOptional({
    type: 'array',
    items: LOCALIZED_ITEM,
    description:
      "Required and non-empty for endorse_with_recommendations; allowed with object. Each a string (in the language of Content-Language, else the sender's) or {kk?, ru?, en?}",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsLocalizedText(10000, { each: true })
  recommendations?: LocalizedInput[];

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

  @LocalizedTextField(10000, { description: 'The reasoned response.' })
  text: LocalizedInput;
}

export class RecommendationResponseCorrectionDto extends RecommendationResponseDto {
  @LocalizedTextField(2000, { description: 'Why the response is corrected.' })
  reason: LocalizedInput;
}

/** Missing languages of the member's own position and its recommendations (by index, oldest first; null skips one). */
export class PositionTranslationsDto {
  @IsOptional()
  @LocalizedTextField(10000, { required: false })
  text?: LocalizedInput;

  @ApiPropertyOptional({
    type: 'array',
    items: localizedTextSchema(10000, { nullable: true }),
    description: 'By index; null skips an item',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  recommendations?: (LocalizedInput | null)[];
}

/** Missing languages of the latest response version. */
export class ResponseTranslationsDto {
  @IsOptional()
  @LocalizedTextField(10000, { required: false })
  text?: LocalizedInput;

  @IsOptional()
  @LocalizedTextField(2000, { required: false })
  correctionReason?: LocalizedInput;
}
