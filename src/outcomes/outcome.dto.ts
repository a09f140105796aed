import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { Decision, DECISIONS } from './outcome.entity';

export class OutcomeDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision: Decision;

  @ApiProperty({ minLength: 1, maxLength: 20000 })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  summary: string;
}

export class OutcomeCorrectionDto extends OutcomeDto {
  @ApiProperty({ description: 'Why the outcome is corrected (shown publicly with the new version)', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
