import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { LocalizedInput } from '../common/i18n/localized-text';
import { LocalizedTextField } from '../common/i18n/localized-text.validation';
import { PROCUREMENT_METHODS, ProcurementMethod } from './plan.entity';
import { PLAN_STATUSES, PlanStatus } from './plan-status';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreatePlanDto {
  @LocalizedTextField(500, { description: "The plan item's name." })
  title: LocalizedInput;

  @LocalizedTextField(20000)
  description: LocalizedInput;

  @ApiProperty({ maxLength: 64, description: 'Procurement subject code (ENS TRU / KTRU)' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  subjectCode: string;

  @ApiProperty({ description: 'Planned amount, whole tenge', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount: number;

  @ApiProperty({ enum: PROCUREMENT_METHODS })
  @IsIn(PROCUREMENT_METHODS)
  method: ProcurementMethod;

  @ApiPropertyOptional({ example: '2027-Q2' })
  @IsOptional()
  @Matches(/^\d{4}-Q[1-4]$/)
  plannedQuarter?: string;

  @IsOptional()
  @LocalizedTextField(500, { required: false })
  deliveryPlace?: LocalizedInput;
}

/** A draft's changes: any field of a new plan; a text sent replaces the draft's text in every language. */
export class UpdatePlanDto {
  @IsOptional()
  @LocalizedTextField(500, { required: false })
  title?: LocalizedInput;

  @IsOptional()
  @LocalizedTextField(20000, { required: false })
  description?: LocalizedInput;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  subjectCode?: string;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount?: number;

  @ApiPropertyOptional({ enum: PROCUREMENT_METHODS })
  @IsOptional()
  @IsIn(PROCUREMENT_METHODS)
  method?: ProcurementMethod;

  @ApiPropertyOptional({ type: 'string', example: '2027-Q2', nullable: true, description: 'Null removes it.' })
  @IsOptional()
  @Matches(/^\d{4}-Q[1-4]$/)
  plannedQuarter?: string | null;

  @IsOptional()
  @LocalizedTextField(500, { required: false, description: 'Null removes it.' })
  deliveryPlace?: LocalizedInput | null;
}

/** Translations of a plan's published texts: only languages they lack (409 TRANSLATION_EXISTS otherwise). */
export class PlanTranslationsDto {
  @IsOptional()
  @LocalizedTextField(500, { required: false })
  title?: LocalizedInput;

  @IsOptional()
  @LocalizedTextField(20000, { required: false })
  description?: LocalizedInput;

  @IsOptional()
  @LocalizedTextField(500, { required: false })
  deliveryPlace?: LocalizedInput;
}

export class ListPlansQuery {
  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ description: 'Search in every language: Russian stemming, or word prefixes with Kazakh letters and case folded' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
