import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
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
import type { LocalizedInput } from '../common/i18n/localized-text';
import { IsLocalizedText, LocalizedTextField, localizedListSchema } from '../common/i18n/localized-text.validation';

/** A blank optional text is no text (the forms send an empty room). */
const blankIsAbsent = Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value));

export class ScheduleHearingDto {
  /** ISO 8601 with offset, e.g. 2027-03-25T10:00:00+05:00 */
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:?\d{2})$/, { message: 'startsAt must carry an offset' })
  startsAt: string;

  @blankIsAbsent
  @IsOptional()
  @LocalizedTextField(200, { required: false, description: 'The room within the venue.' })
  room?: LocalizedInput;

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
  @LocalizedTextField(5000)
  question: LocalizedInput;

  /** Blank when the question was left unanswered at the hearing. */
  @ApiProperty({
    oneOf: [{ type: 'string', maxLength: 10000 }, { type: 'object' }],
    description: 'A string or {kk?, ru?, en?}; may be blank.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value))
  @IsLocalizedText(10000)
  answer?: LocalizedInput;
}

export class ProtocolDto {
  @IsInt()
  @Min(0)
  attendeesCount: number;

  @ApiProperty(localizedListSchema(500, 'Who spoke, one item each.'))
  @IsArray()
  @ArrayMaxSize(500)
  @IsLocalizedText(500, { each: true })
  speakers: LocalizedInput[];

  @ApiPropertyOptional(localizedListSchema(10000, 'Positions voiced at the hearing.'))
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsLocalizedText(10000, { each: true })
  positions?: LocalizedInput[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ProtocolQuestionDto)
  questions?: ProtocolQuestionDto[];

  @LocalizedTextField(50000)
  summary: LocalizedInput;

  @ApiProperty(localizedListSchema(10000, 'The decisions taken.'))
  @IsArray()
  @ArrayMaxSize(500)
  @IsLocalizedText(10000, { each: true })
  decisions: LocalizedInput[];
}

export class ProtocolCorrectionDto extends ProtocolDto {
  @LocalizedTextField(2000, { description: 'Why the protocol is corrected.' })
  reason: LocalizedInput;
}

/** A translation of one list item, by its index; null leaves the item as it is. */
export type ListTranslation = Partial<Record<'kk' | 'ru' | 'en', string | null>> | null;

/**
 * Translations of the latest protocol: every field optional; lists by index (an item may be null to
 * skip it). Only languages a text lacks are added.
 */
export class ProtocolTranslationsDto {
  @IsOptional()
  @LocalizedTextField(50000, { required: false })
  summary?: LocalizedInput;

  @ApiPropertyOptional(localizedListSchema(500, 'Speakers by index; null skips an item.', { nullableItems: true }))
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  speakers?: ListTranslation[];

  @ApiPropertyOptional(localizedListSchema(10000, 'Positions by index; null skips an item.', { nullableItems: true }))
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  positions?: ListTranslation[];

  @ApiPropertyOptional({ type: 'array', description: 'Questions by index: {question?, answer?} each {kk?, ru?, en?}; null skips an item.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  questions?: ({ question?: ListTranslation; answer?: ListTranslation } | null)[];

  @ApiPropertyOptional(localizedListSchema(10000, 'Decisions by index; null skips an item.', { nullableItems: true }))
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  decisions?: ListTranslation[];

  @IsOptional()
  @LocalizedTextField(2000, { required: false, description: "The latest version's correction reason." })
  correctionReason?: LocalizedInput;
}

export class HearingTranslationsDto {
  @IsOptional()
  @LocalizedTextField(200, { required: false, description: 'The room, as {kk?, ru?, en?}: only languages it lacks are added.' })
  room?: LocalizedInput;

  @IsOptional()
  @LocalizedTextField(500, {
    required: false,
    description:
      "The venue (the organizer's address when the hearing was scheduled), as {kk?, ru?, en?}: only languages it lacks are added.",
  })
  venue?: LocalizedInput;
}
