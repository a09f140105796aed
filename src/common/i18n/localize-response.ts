import type { Locale } from './locale';
import { LocalizedText } from './localized-text';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isLocalizedList(value: unknown): value is (LocalizedText | null)[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => item === null || item instanceof LocalizedText) &&
    value.some((item) => item !== null)
  );
}

/**
 * An API response for one reader (api.md, "Texts in Kazakh and Russian"): every LocalizedText becomes
 * the reader's version (with the fallback order), and each object holding such texts gets `i18n` with
 * every version of them, e.g. `{title: "…", i18n: {title: {kk, ru, en}}}`. A list of texts (protocol
 * decisions) gives a list in both places. Other values pass through; Dates and class instances are
 * left for JSON serialization.
 */
export function localizeResponse(value: unknown, reader: Locale): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof LocalizedText) return value.text(reader);
  if (Array.isArray(value)) {
    const list = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) list[i] = localizeResponse(value[i], reader);
    return list;
  }
  if (!isPlainObject(value)) return value;
  // a loop over keys, not Object.entries: this runs on every API response
  const out: Record<string, unknown> = {};
  let versions: Record<string, unknown> | null = null;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const child = value[key];
    // most values are strings, numbers, null: copied without a call
    if (typeof child !== 'object' || child === null) {
      out[key] = child;
    } else if (child instanceof LocalizedText) {
      out[key] = child.text(reader);
      (versions ??= {})[key] = child.toJSON();
    } else if (isLocalizedList(child)) {
      out[key] = child.map((item) => item?.text(reader) ?? null);
      (versions ??= {})[key] = child.map((item) => item?.toJSON() ?? null);
    } else {
      out[key] = localizeResponse(child, reader);
    }
  }
  if (versions) out.i18n = isPlainObject(out.i18n) ? { ...out.i18n, ...versions } : versions;
  return out;
}
