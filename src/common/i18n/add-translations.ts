import type { Locale } from './locale';
import type { LocalizedInput } from './localized-text';
import { LocalizedText } from './localized-text';

/** What a translation write changes: the texts that gained a language, and the languages refused. */
export interface TranslationResult<K extends string> {
  changes: Partial<Record<K, LocalizedText>>;
  /** Languages sent for a text that already has them with another text (409 TRANSLATION_EXISTS). */
  conflicts: Locale[];
  /** The same, as `field.lang` (`description.en`), so a form can show the refusal on that field only. */
  conflictFields: string[];
}

/**
 * Adds translations to several published texts at once (LocalizedText.withTranslations for each): a
 * text that had none gets what was sent; only texts that gained a language appear in `changes`.
 * A string input is in `lang`.
 */
export function addTranslations<K extends string>(
  current: Record<K, LocalizedText | null>,
  input: Partial<Record<K, LocalizedInput | null | undefined>>,
  lang: Locale,
): TranslationResult<K> {
  const changes: Partial<Record<K, LocalizedText>> = {};
  const conflicts = new Set<Locale>();
  const conflictFields: string[] = [];
  for (const field of Object.keys(current) as K[]) {
    const added = LocalizedText.fromInput(input[field], lang);
    if (!added) continue;
    const stored = current[field];
    if (!stored) {
      changes[field] = added;
      continue;
    }
    const result = stored.withTranslations(added);
    for (const conflict of result.conflicts) {
      conflicts.add(conflict);
      conflictFields.push(`${field}.${conflict}`);
    }
    if (result.added.length > 0) changes[field] = result.text;
  }
  return { changes, conflicts: [...conflicts], conflictFields };
}
