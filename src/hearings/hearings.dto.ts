import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class ScheduleHearingDto {
  /** ISO 8601 with offset, e.g. 2027-03-25T10:00:00+05:00 */
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:?\d{2})$/, { message: 'startsAt must carry an offset' })
  startsAt: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  room?: string;

  /** https URL of a livestream */
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(500)
  livestreamUrl?: string;
}

export class CancelHearingDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class ProtocolQuestionDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  question: string;

  @IsString()
  @MaxLength(10000)
  answer: string;
}

export class ProtocolDto {
  @IsInt()
  @Min(0)
  attendeesCount: number;

  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  speakers: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(10000, { each: true })
  positions?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ProtocolQuestionDto)
  questions?: ProtocolQuestionDto[];

  @IsString()
  @IsNotEmpty()
  @MaxLength(50000)
  summary: string;

  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(10000, { each: true })
  decisions: string[];
}

export class ProtocolCorrectionDto extends ProtocolDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
