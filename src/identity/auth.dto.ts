import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { LOCALES, Locale } from '../common/i18n/locale';
import { NoPersonalData } from '../common/no-personal-data.validation';
import { trim } from '../common/transforms';
import { IsAccountEmail, toEmailAddress } from './email-identity';

export class RegisterDto {
  @ApiProperty({
    example: 'aigerim@example.kz',
    description: 'Compared after Unicode normalization (NFKC, invisible characters removed, lower case, IDN domain in ASCII)',
  })
  @IsAccountEmail()
  email: string;

  @ApiProperty({ description: '10 to 128 characters, not a common password', example: 'Tulip-garden-2027' })
  @IsString()
  password: string;

  @ApiProperty({
    description:
      'Shown publicly next to remarks; no identity number, phone number or e-mail address (400 on displayName, constraint noPersonalData)',
    example: 'Aigerim S.',
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @NoPersonalData()
  displayName: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of e-mails; defaults to the request language' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({
    description:
      'Consent to the publication of the display name and remarks (Law on Personal Data); true records when it was given (GET /me consentAt)',
  })
  @IsOptional()
  @IsBoolean()
  consent?: boolean;
}

export class TokenDto {
  @ApiProperty({ description: 'The token from the e-mailed link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}

export class LoginDto {
  @ApiProperty({ example: 'aigerim@example.kz' })
  @Transform(toEmailAddress)
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  password: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({
    example: 'aigerim@example.kz',
    description: 'Compared after Unicode normalization (NFKC, invisible characters removed, lower case, IDN domain in ASCII)',
  })
  @IsAccountEmail()
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token from the e-mailed link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiProperty({ description: '10 to 128 characters, not a common password' })
  @IsString()
  password: string;
}
