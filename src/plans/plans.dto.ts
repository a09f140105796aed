import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PROCUREMENT_METHODS, ProcurementMethod } from './plan.entity';
import { PLAN_STATUSES, PlanStatus } from './plan-status';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreatePlanDto {
  @ApiProperty({ maxLength: 500 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;

  @ApiProperty({ maxLength: 20000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  description: string;

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

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  deliveryPlace?: string;
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

  @ApiPropertyOptional({ description: 'Full-text search (Russian and simple dictionaries)' })
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
