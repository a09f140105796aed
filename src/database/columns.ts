import type { ValueTransformer } from 'typeorm';
import { LocalizedText } from '../common/i18n/localized-text';

/** PostgreSQL bigint arrives as a string; amounts in tenge fit safely in a JS number. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A published text in kk/ru/en, stored as jsonb `{kk, ru, en}` (common/i18n/localized-text.ts). */
export const localizedText: ValueTransformer = {
  to: (value: LocalizedText | null | undefined) => (value === undefined ? undefined : (value?.toJSON() ?? null)),
  from: (value: unknown) => LocalizedText.fromStored(value),
};

/** A list of published texts (a protocol's speakers or decisions), stored as a jsonb array of `{kk, ru, en}`. */
export const localizedTextList: ValueTransformer = {
  to: (value: (LocalizedText | null)[] | undefined) => value?.map((text) => text?.toJSON() ?? null),
  from: (value: unknown) => (Array.isArray(value) ? value.map((item) => LocalizedText.fromStored(item)) : []),
};
