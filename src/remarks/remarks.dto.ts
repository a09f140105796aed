import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, registerDecorator, ValidateIf } from 'class-validator';
import { fastPath, isRecord, onlyKeys } from '../common/errors/validation-pipe';
import type { LocalizedInput } from '../common/i18n/localized-text';
import { LocalizedTextField } from '../common/i18n/localized-text.validation';
import { VERDICTS, Verdict } from './answer-verdict.entity';
import { DISPOSITIONS, Disposition } from './answer.entity';

/** A remark's language: an ISO 639-1/2 code (`und` when the author chose "another language"). */
export const REMARK_LANGUAGE = /^[a-z]{2,3}$/;

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A language code the ICU data knows (kk, ru, en, de, uz, ...), or `und`; not merely two or three letters. */
export function isLanguageCode(code: string): boolean {
  return REMARK_LANGUAGE.test(code) && (code === 'und' || LANGUAGE_NAMES.of(code) !== undefined);
}

/** class-validator: a known language code (constraint `matches`, "has the wrong format"). */
function IsLanguageCode(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'matches',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: { validate: (value: unknown) => typeof value === 'string' && isLanguageCode(value) },
    });
}

export class CreateRemarkDto {
  @ApiProperty({ minLength: 1, maxLength: 10000, description: '1 to 10,000 characters after trimming' })
  @IsString()
  @MaxLength(10000)
  body: string;

  @ApiPropertyOptional({
    pattern: REMARK_LANGUAGE.source,
    example: 'kk',
    description:
      "The language the remark is written in, an ISO 639 code (kk, ru, en, another; und when unknown); default: the Content-Language header, else the author's account language. It decides the answer's language.",
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @IsLanguageCode()
  language?: string;
}

const REMARK_FIELDS = new Set(['body', 'language']);

// A submission's usual body, {body} or {body, language} with a known code, without class-validator.
fastPath(CreateRemarkDto, (value) => {
  if (!isRecord(value) || !onlyKeys(value, REMARK_FIELDS)) return undefined;
  const { body, language } = value;
  // MaxLength counts a surrogate pair as one character: a UTF-16 length within the limit is always within it
  if (typeof body !== 'string' || body.length > 10000) return undefined;
  const dto = new CreateRemarkDto();
  dto.body = body;
  if (language !== undefined) {
    if (typeof language !== 'string') return undefined;
    const code = language.trim().toLowerCase();
    if (!isLanguageCode(code)) return undefined;
    dto.language = code;
  }
  return dto;
});

/** An answer gives its reasons: at least this many characters after trimming (pages and API alike). */
export const ANSWER_MIN_LENGTH = 20;

/** Each version given of a published text (a string, or each of {kk, ru, en} present) has at least `min` characters after trimming. */
function LocalizedMinLength(min: number): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      target: target.constructor,
      propertyName: propertyName as string,
      name: 'minLength',
      constraints: [min],
      validator: {
        validate: (value: unknown) => {
          if (typeof value === 'string') return value.trim().length >= min;
          if (typeof value !== 'object' || value === null) return true;
          return Object.values(value as Record<string, unknown>).every(
            (v) => typeof v !== 'string' || v.trim() === '' || v.trim().length >= min,
          );
        },
      },
    });
}

export class AnswerDto {
  @LocalizedTextField(10000, {
    description: `Each version ${ANSWER_MIN_LENGTH} to 10,000 characters after trimming. Must include the remark's language when that is kk or ru, otherwise kk or ru (Law on Languages, art. 11): 422 TRANSLATION_REQUIRED {missing: ['body.kk']}.`,
  })
  @LocalizedMinLength(ANSWER_MIN_LENGTH)
  body: LocalizedInput;

  @ApiProperty({ enum: DISPOSITIONS })
  @IsIn(DISPOSITIONS)
  disposition: Disposition;
}

export class CorrectionDto extends AnswerDto {
  @LocalizedTextField(2000, { description: "The reason for the correction, in the answer's languages as the body." })
  reason: LocalizedInput;
}

/**
 * Translations added to the latest answer version (PUT /remarks/{id}/answer/translations): only languages
 * it lacks; no new version, no verdict reset, no e-mail.
 */
export class AnswerTranslationsDto {
  @IsOptional()
  @LocalizedTextField(10000, { required: false, description: 'Missing versions of the answer text.' })
  @LocalizedMinLength(ANSWER_MIN_LENGTH)
  body?: LocalizedInput;

  @IsOptional()
  @LocalizedTextField(2000, { required: false, description: "Missing versions of the latest correction's reason." })
  correctionReason?: LocalizedInput;
}

export class ListRemarksQuery {
  @ApiPropertyOptional({ enum: [1, 2] })
  @IsOptional()
  @Type(() => Number)
  @IsIn([1, 2])
  stage?: 1 | 2;

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
  @MaxLength(200)
  cursor?: string;
}

const PAGE_FIELDS = new Set(['stage', 'limit', 'cursor']);
const LIMIT = /^(?:[1-9]\d?|100)$/;

// A remark page's usual query (stage 1 or 2, a limit of 1-100, a cursor), without class-transformer and class-validator.
fastPath(ListRemarksQuery, (value) => {
  if (!isRecord(value) || !onlyKeys(value, PAGE_FIELDS)) return undefined;
  const { stage, limit, cursor } = value;
  const query = new ListRemarksQuery();
  if (stage !== undefined) {
    if (stage !== '1' && stage !== '2') return undefined;
    query.stage = stage === '1' ? 1 : 2;
  }
  if (limit !== undefined) {
    if (typeof limit !== 'string' || !LIMIT.test(limit)) return undefined;
    query.limit = Number(limit);
  }
  if (cursor !== undefined) {
    if (typeof cursor !== 'string' || cursor.length > 200) return undefined;
    query.cursor = cursor;
  }
  return query;
});

/** A verdict's reason: this many characters after trimming (required for `formal`). */
export const VERDICT_REASON_MIN = 10;
export const VERDICT_REASON_MAX = 2000;

/** The remark author's verdict on the latest answer version (PUT /remarks/{id}/verdict and the verdict forms). */
export class VerdictDto {
  @ApiProperty({ enum: VERDICTS })
  @IsIn(VERDICTS)
  verdict: Verdict;

  @ApiPropertyOptional({
    minLength: VERDICT_REASON_MIN,
    maxLength: VERDICT_REASON_MAX,
    nullable: true,
    description: `${VERDICT_REASON_MIN} to ${VERDICT_REASON_MAX} characters after trimming; required for formal, optional for reasoned`,
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() || undefined : value === null ? undefined : value,
  )
  @ValidateIf((o: VerdictDto) => o.verdict === 'formal' || o.reason !== undefined)
  @IsString()
  @MinLength(VERDICT_REASON_MIN)
  @MaxLength(VERDICT_REASON_MAX)
  reason?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'The answer version judged; 409 ANSWER_VERSION_STALE when it is not the latest' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value === '' ? undefined : value,
  )
  @IsInt()
  @Min(1)
  answerVersion?: number;
}
