import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { LocalizedInput } from '../common/i18n/localized-text';
import { LocalizedTextField } from '../common/i18n/localized-text.validation';
import { Decision, DECISIONS } from './outcome.entity';

export class OutcomeDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision: Decision;

  @LocalizedTextField(20000, { description: 'The decision explained.' })
  summary: LocalizedInput;
}

export class OutcomeCorrectionDto extends OutcomeDto {
  @LocalizedTextField(2000, { description: 'Why the outcome is corrected (shown publicly with the new version).' })
  reason: LocalizedInput;
}

export class OutcomeTranslationsDto {
  @IsOptional()
  @LocalizedTextField(20000, { required: false, description: "Versions of the current outcome's summary to add." })
  summary?: LocalizedInput;

  @IsOptional()
  @LocalizedTextField(2000, { required: false, description: "Versions of the current correction's reason to add." })
  correctionReason?: LocalizedInput;
}
