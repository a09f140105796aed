import { ValidationError } from 'class-validator';
import { Locale, Localized } from '../i18n/locale';
import { AppError } from './app-error';

/** What went wrong with one field, in words a person understands. */
const CONSTRAINT_MESSAGES: Record<string, Localized> = {
  isNotEmpty: { en: 'is required', ru: 'обязательно', kk: 'міндетті' },
  isDefined: { en: 'is required', ru: 'обязательно', kk: 'міндетті' },
  isString: { en: 'must be text', ru: 'должно быть текстом', kk: 'мәтін болуы керек' },
  isEmail: { en: 'must be an e-mail address', ru: 'должно быть адресом электронной почты', kk: 'электрондық пошта мекенжайы болуы керек' },
  maxLength: { en: 'is too long', ru: 'слишком длинное', kk: 'тым ұзын' },
  minLength: { en: 'is too short', ru: 'слишком короткое', kk: 'тым қысқа' },
  isIn: { en: 'has a value that is not allowed', ru: 'содержит недопустимое значение', kk: 'рұқсат етілмеген мәні бар' },
  isEnum: { en: 'has a value that is not allowed', ru: 'содержит недопустимое значение', kk: 'рұқсат етілмеген мәні бар' },
  isInt: { en: 'must be a whole number', ru: 'должно быть целым числом', kk: 'бүтін сан болуы керек' },
  min: { en: 'is too small', ru: 'слишком мало', kk: 'тым аз' },
  max: { en: 'is too large', ru: 'слишком велико', kk: 'тым үлкен' },
  matches: { en: 'has the wrong format', ru: 'имеет неверный формат', kk: 'пішімі қате' },
  isUrl: { en: 'must be a link (https://...)', ru: 'должно быть ссылкой (https://...)', kk: 'сілтеме болуы керек (https://...)' },
  isUUID: { en: 'must be an identifier', ru: 'должно быть идентификатором', kk: 'идентификатор болуы керек' },
  isBoolean: { en: 'must be true or false', ru: 'должно быть true или false', kk: 'true немесе false болуы керек' },
  isArray: { en: 'must be a list', ru: 'должно быть списком', kk: 'тізім болуы керек' },
  arrayMaxSize: { en: 'has too many items', ru: 'содержит слишком много элементов', kk: 'элементтері тым көп' },
  arrayMinSize: { en: 'has too few items', ru: 'содержит слишком мало элементов', kk: 'элементтері тым аз' },
  isISO8601: { en: 'must be a date and time like 2027-03-01T10:00:00+05:00', ru: 'должно быть датой и временем вида 2027-03-01T10:00:00+05:00', kk: '2027-03-01T10:00:00+05:00 сияқты күн мен уақыт болуы керек' },
  isDateString: { en: 'must be a date and time', ru: 'должно быть датой и временем', kk: 'күн мен уақыт болуы керек' },
  whitelistValidation: { en: 'is not expected', ru: 'не ожидается', kk: 'күтілмеген' },
  isObject: { en: 'must be an object', ru: 'должно быть объектом', kk: 'объект болуы керек' },
};
const FALLBACK: Localized = { en: 'is invalid', ru: 'заполнено неверно', kk: 'қате толтырылған' };

export interface FieldError {
  field: string;
  constraint: string;
  message: Localized;
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const constraint of Object.keys(error.constraints ?? {})) {
      out.push({ field, constraint, message: CONSTRAINT_MESSAGES[constraint] ?? FALLBACK });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** A VALIDATION_FAILED error whose message lists each field and whose details carry them. */
export function validationError(fields: FieldError[]): AppError {
  const list = (locale: Locale) => fields.map((f) => `${f.field} ${f.message[locale]}`).join('; ');
  return new AppError('VALIDATION_FAILED', { details: { en: list('en'), ru: list('ru'), kk: list('kk') } }, fields);
}
