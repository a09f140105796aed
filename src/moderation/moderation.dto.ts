import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { HIDE_REASONS, HideReason, REPORT_REASONS, ReportReason } from '../remarks/remark-moderation';
import { MODERATION_ACTIONS, ModerationAction } from './moderation-decision.entity';

/** POST /remarks/{id}/reports. */
export class ReportDto {
  @ApiProperty({ enum: REPORT_REASONS })
  @IsIn(REPORT_REASONS)
  reason: ReportReason;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, description: 'What the moderators should know (seen by moderators only)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  text?: string | null;
}

/** POST /remarks/{id}/moderation. */
export class DecisionDto {
  @ApiProperty({ enum: MODERATION_ACTIONS, description: 'hide, or keep public (on a hidden remark or its appeal: restore it)' })
  @IsIn(MODERATION_ACTIONS)
  action: ModerationAction;

  @ApiPropertyOptional({ enum: HIDE_REASONS, nullable: true, description: 'Required to hide' })
  @ValidateIf((o: DecisionDto) => o.action === 'hide' || (o.reason !== undefined && o.reason !== null))
  @IsIn(HIDE_REASONS)
  reason?: HideReason | null;

  @ApiPropertyOptional({ minLength: 1, maxLength: 2000, nullable: true, description: "Required to hide; e-mailed to the remark's author" })
  @ValidateIf((o: DecisionDto) => o.action === 'hide' || (o.note !== undefined && o.note !== null))
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string | null;
}

/** POST /remarks/{id}/appeal. */
export class AppealDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, description: "The author's reasons (1 to 2000 characters after trimming)" })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text: string;
}

export class QueueQuery {
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
  @MaxLength(500)
  cursor?: string;
}
