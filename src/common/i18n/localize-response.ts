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
 * left for JSON serialization. Copy on write: an object or list with no text in it, however deep, is
 * returned as it is (the handler's own objects are never changed).
 */
export function localizeResponse(value: unknown, reader: Locale): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof LocalizedText) return value.text(reader);
  if (Array.isArray(value)) {
    let list: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const localized = localizeResponse(item, reader);
      if (localized !== item && list === null) list = value.slice(0, i);
      if (list !== null) list.push(localized);
    }
    return list ?? value;
  }
  if (!isPlainObject(value)) return value;
  // a loop over keys, not Object.entries: this runs on every API response
  let out: Record<string, unknown> | null = null;
  let versions: Record<string, unknown> | null = null;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const child = value[key];
    // most values are strings, numbers, null: kept without a call
    if (typeof child !== 'object' || child === null) {
      if (out !== null) out[key] = child;
      continue;
    }
    let localized: unknown;
    if (child instanceof LocalizedText) {
      localized = child.text(reader);
      (versions ??= {})[key] = child.toJSON();
    } else if (isLocalizedList(child)) {
      localized = child.map((item) => item?.text(reader) ?? null);
      (versions ??= {})[key] = child.map((item) => item?.toJSON() ?? null);
    } else {
      localized = localizeResponse(child, reader);
    }
    if (localized !== child && out === null) out = copyUntil(value, key);
    if (out !== null) out[key] = localized;
  }
  if (out === null) return value;
  if (versions) out.i18n = isPlainObject(out.i18n) ? { ...out.i18n, ...versions } : versions;
  return out;
}

/** The own keys of `value` before `stop`, in order. */
function copyUntil(value: Record<string, unknown>, stop: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (key === stop) break;
    if (Object.hasOwn(value, key)) out[key] = value[key];
  }
  return out;
}
