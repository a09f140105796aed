import type { Locale } from './locale';
import { LOCALES, isLocale } from './locale';

/** Kazakh and Russian: the languages every plan is published in (Law on Languages, art. 11). */
export const STATE_LANGUAGES = ['kk', 'ru'] as const satisfies readonly Locale[];

/** What a reader gets when their language is missing: kk→ru→en, ru→kk→en, en→ru→kk (api.md). */
export const FALLBACK_ORDER: Record<Locale, readonly Locale[]> = {
  kk: ['kk', 'ru', 'en'],
  ru: ['ru', 'kk', 'en'],
  en: ['en', 'ru', 'kk'],
};

/** A published text as a client may send it: a string in one language, or some of kk, ru and en. */
export type LocalizedInput = string | Partial<Record<Locale, string | null>>;

/** Every version of a text; null where it is absent. The JSON shape of `i18n` and of the database column. */
export type LocalizedVersions = Record<Locale, string | null>;

/** One version of a text picked for a reader: `lang` differs from the reader's language when it is a fallback. */
export interface PickedText {
  text: string;
  lang: Locale;
  /** True when the reader's language is missing and another version is shown. */
  fallback: boolean;
}

/**
 * A text that an organizer, council or administrator publishes, in up to three languages. Stored as
 * jsonb `{kk, ru, en}`; API reads turn it into the reader's version plus `i18n` (localize-response.ts);
 * pages and e-mails pick the reader's version and mark a fallback with its language.
 */
export class LocalizedText {
  private constructor(
    readonly kk: string | null,
    readonly ru: string | null,
    readonly en: string | null,
  ) {}

  /**
   * From the versions given; blank versions count as absent. Null when no version is left. Line breaks
   * are kept as \n (browsers post a textarea's as \r\n), so a prefilled version sent back compares equal.
   */
  static of(versions: Partial<Record<Locale, string | null | undefined>>): LocalizedText | null {
    const clean = (value: string | null | undefined) =>
      typeof value === 'string' && value.trim() !== '' ? value.replace(/\r\n?/g, '\n').trim() : null;
    const text = new LocalizedText(clean(versions.kk), clean(versions.ru), clean(versions.en));
    return text.languages().length > 0 ? text : null;
  }

  /** A text written in one language. */
  static single(text: string, lang: Locale): LocalizedText | null {
    return LocalizedText.of({ [lang]: text });
  }

  /** What a client sent: a string is in `lang` (Content-Language, else the sender's language). */
  static fromInput(input: LocalizedInput | null | undefined, lang: Locale): LocalizedText | null {
    if (input === null || input === undefined) return null;
    return typeof input === 'string' ? LocalizedText.single(input, lang) : LocalizedText.of(input);
  }

  /** From a stored jsonb value (or a legacy plain string, read as `legacyLang`). */
  static fromStored(value: unknown, legacyLang: Locale = 'ru'): LocalizedText | null {
    if (value === null || value === undefined) return null;
    if (value instanceof LocalizedText) return value;
    if (typeof value === 'string') return LocalizedText.single(value, legacyLang);
    if (typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const part = (lang: Locale) => (typeof record[lang] === 'string' ? record[lang] : null);
      return LocalizedText.of({ kk: part('kk'), ru: part('ru'), en: part('en') });
    }
    return null;
  }

  /** Every version passed through `change` (e.g. maskPersonalData); the same object when nothing changes. */
  map(change: (text: string) => string): LocalizedText {
    const kk = this.kk === null ? null : change(this.kk);
    const ru = this.ru === null ? null : change(this.ru);
    const en = this.en === null ? null : change(this.en);
    return kk === this.kk && ru === this.ru && en === this.en ? this : new LocalizedText(kk, ru, en);
  }

  get(lang: Locale): string | null {
    return this[lang];
  }

  has(lang: Locale): boolean {
    return this[lang] !== null;
  }

  /** The languages present, in kk, ru, en order. */
  languages(): Locale[] {
    return LOCALES.filter((lang) => this[lang] !== null);
  }

  /** Which of `required` are absent. */
  missing(required: readonly Locale[] = STATE_LANGUAGES): Locale[] {
    return required.filter((lang) => this[lang] === null);
  }

  /** The reader's version, or the first present one in the fallback order. */
  pick(reader: Locale): PickedText {
    for (const lang of FALLBACK_ORDER[reader]) {
      const text = this[lang];
      if (text !== null) return { text, lang, fallback: lang !== reader };
    }
    /* c8 ignore next */
    throw new Error('A LocalizedText always has a version');
  }

  /** The reader's version as a plain string (for subjects, titles and other places without markup). */
  text(reader: Locale): string {
    return this.pick(reader).text;
  }

  /** Every version joined, for search and duplicate checks. */
  allText(): string {
    return this.languages()
      .map((lang) => this[lang])
      .join('\n');
  }

  /** The longest version (length limits apply to each version). */
  maxLength(): number {
    return Math.max(...this.languages().map((lang) => (this[lang] as string).length));
  }

  /** True when both hold the same versions. */
  equals(other: LocalizedText | null): boolean {
    return other !== null && LOCALES.every((lang) => this[lang] === other[lang]);
  }

  /**
   * Adds translations to a published text: only languages it lacks. A language it already has with a
   * different text is a `conflict` (changing a published text is a correction, not a translation);
   * the same text again changes nothing.
   */
  withTranslations(added: LocalizedText): { text: LocalizedText; added: Locale[]; conflicts: Locale[] } {
    const versions: LocalizedVersions = this.toJSON();
    const addedLangs: Locale[] = [];
    const conflicts: Locale[] = [];
    for (const lang of added.languages()) {
      if (this[lang] === null) {
        versions[lang] = added[lang];
        addedLangs.push(lang);
      } else if (this[lang] !== added[lang]) {
        conflicts.push(lang);
      }
    }
    return { text: LocalizedText.of(versions) as LocalizedText, added: addedLangs, conflicts };
  }

  toJSON(): LocalizedVersions {
    return { kk: this.kk, ru: this.ru, en: this.en };
  }
}

/**
 * Which state language an answer must include (Law on Languages, art. 11): the remark's own when it is
 * Kazakh or Russian; otherwise either of them will do (null: check with `hasStateLanguage`).
 */
export function requiredAnswerLanguage(remarkLanguage: string): Locale | null {
  return remarkLanguage === 'kk' || remarkLanguage === 'ru' ? remarkLanguage : null;
}

/** The missing state language(s) of an answer to a remark in `remarkLanguage`; empty when it may be published. */
export function answerLanguagesMissing(answer: LocalizedText, remarkLanguage: string): Locale[] {
  const required = requiredAnswerLanguage(remarkLanguage);
  if (required) return answer.has(required) ? [] : [required];
  return answer.has('kk') || answer.has('ru') ? [] : [...STATE_LANGUAGES];
}

/** The language named by a Content-Language header ("kk-KZ" → kk), or null. */
export function contentLanguage(header: string | string[] | undefined): Locale | null {
  const value = primaryLanguage(header);
  return isLocale(value) ? value : null;
}

/** The primary subtag of a Content-Language header's first language ("kk-KZ, ru" → kk; "de-AT" → de), or undefined. */
export function primaryLanguage(header: string | string[] | undefined): string | undefined {
  return (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase().split('-')[0] || undefined;
}
