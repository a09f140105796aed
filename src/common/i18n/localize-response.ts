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
  if (value instanceof LocalizedText) return value.text(reader);
  if (Array.isArray(value)) return value.map((item) => localizeResponse(item, reader));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  const versions: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child instanceof LocalizedText) {
      out[key] = child.text(reader);
      versions[key] = child.toJSON();
    } else if (isLocalizedList(child)) {
      out[key] = child.map((item) => item?.text(reader) ?? null);
      versions[key] = child.map((item) => item?.toJSON() ?? null);
    } else {
      out[key] = localizeResponse(child, reader);
    }
  }
  if (Object.keys(versions).length > 0) {
    const existing = isPlainObject(out.i18n) ? out.i18n : {};
    out.i18n = { ...existing, ...versions };
  }
  return out;
}
