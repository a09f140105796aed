import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { LocalizedInput, LocalizedText } from '../common/i18n/localized-text';
import { LocalizedTextField } from '../common/i18n/localized-text.validation';
import { trim } from '../common/transforms';

export class CreateCouncilDto {
  @LocalizedTextField(300, { description: 'e.g. {"kk": "Алматы қаласының қоғамдық кеңесі", "ru": "Общественный совет города Алматы"}.' })
  name: LocalizedInput;
}

export class CreateOrganizationDto {
  @LocalizedTextField(300, { description: 'e.g. {"kk": "Алматы қаласының әкімдігі", "ru": "Акимат города Алматы"}.' })
  name: LocalizedInput;

  @ApiProperty({ description: '12 digits with a valid check digit', example: '940240000438' })
  @Transform(trim)
  @IsString()
  bin: string;

  @LocalizedTextField(500, { description: 'The hearing venue.' })
  address: LocalizedInput;

  @ApiProperty({ description: 'IANA time zone', example: 'Asia/Almaty' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  timeZone: string;

  @ApiProperty({ description: 'The overseeing public council' })
  @IsUUID()
  councilId: string;
}

/** Translations of an organization's name and address: only languages they lack (409 TRANSLATION_EXISTS otherwise). */
export class OrganizationTranslationsDto {
  @IsOptional()
  @LocalizedTextField(300, { required: false })
  name?: LocalizedInput;

  @IsOptional()
  @LocalizedTextField(500, { required: false })
  address?: LocalizedInput;
}

/** Translations of a council's name: only languages it lacks (409 TRANSLATION_EXISTS otherwise). */
export class CouncilTranslationsDto {
  @IsOptional()
  @LocalizedTextField(300, { required: false })
  name?: LocalizedInput;
}

/** LocalizedText fields: API reads give the reader's version and every version under `i18n`. */
export interface OrganizationView {
  id: string;
  name: LocalizedText;
  bin: string;
  address: LocalizedText;
  timeZone: string;
  councilId: string;
}

export interface CouncilView {
  id: string;
  name: LocalizedText;
  createdAt: string;
}
