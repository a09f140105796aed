import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { POSITIONS, PositionKind } from './review-position.entity';

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
