import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength, ValidateBy } from 'class-validator';
import type { FieldError } from '../common/errors/validation';
import { validationError } from '../common/errors/validation';
import { EMAIL_MAX_LENGTH, emailIdentity } from '../common/email-address';

export type { EmailIdentity } from '../common/email-address';
export { EMAIL_MAX_LENGTH, emailIdentity, emailKey } from '../common/email-address';

const REFUSED: FieldError['message'] = (t) => t.errors.fields.constraints.visibleEmail;

/** The address and key of a new account, or VALIDATION_FAILED on the field `email` (for callers without a DTO: start-up data). */
export function accountEmail(input: string): { address: string; key: string } {
  const { address, key, refusal } = emailIdentity(input);
  if (refusal) throw validationError([{ field: 'email', constraint: 'visibleEmail', message: REFUSED }]);
  return { address, key };
}

/**
 * For class-transformer's @Transform: a text becomes its normalized address (what the rate limits
 * and the services see); one the rules refuse stays as it was, for the validator to refuse.
 */
export const toEmailAddress = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const identity = emailIdentity(value);
  return identity.refusal ? value : identity.address;
};

/**
 * The e-mail field of a request DTO that names an account: normalized, then a valid address with
 * nothing invisible or control left in it (`visibleEmail`), at most 320 characters.
 */
export function IsAccountEmail(): PropertyDecorator {
  return applyDecorators(
    Transform(toEmailAddress),
    IsEmail(),
    MaxLength(EMAIL_MAX_LENGTH),
    ValidateBy({
      name: 'visibleEmail',
      validator: { validate: (value: unknown) => typeof value === 'string' && emailIdentity(value).refusal === null },
    }),
  );
}
