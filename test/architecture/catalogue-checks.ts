import * as ts from 'typescript';
import type { Finding } from './source-scan';
import { lineAt, parseSource, walk } from './source-scan';

const LANGUAGES = ['kk', 'ru', 'en'];

// null is an absent text ("use the default"), so it may stand where another language has a string.
const kindOf = (value: unknown): string => (value === null ? 'string' : Array.isArray(value) ? 'array' : typeof value);

/** Where `other` differs from the English catalogue in keys or kinds of value, and every empty text of either. */
export function catalogueDifferences(english: unknown, other: unknown, language: string, path: string[] = []): string[] {
  const here = path.join('.') || '(root)';
  if (kindOf(english) !== kindOf(other)) return [`${language} ${here}: ${kindOf(other)} where en has ${kindOf(english)}`];
  if (typeof english === 'string') {
    return [english === '' ? `en ${here}: empty` : null, other === '' ? `${language} ${here}: empty` : null].filter((d) => d !== null);
  }
  if (kindOf(english) !== 'object' && kindOf(english) !== 'array') return [];
  const a = english as Record<string, unknown>;
  const b = other as Record<string, unknown>;
  const missing = Object.keys(a).filter((key) => !(key in b));
  const extra = Object.keys(b).filter((key) => !(key in a));
  return [
    ...missing.map((key) => `${language} ${[...path, key].join('.')}: missing`),
    ...extra.map((key) => `${language} ${[...path, key].join('.')}: not in en`),
    ...Object.keys(a)
      .filter((key) => key in b)
      .flatMap((key) => catalogueDifferences(a[key], b[key], language, [...path, key])),
  ];
}

const propertyName = (property: ts.ObjectLiteralElementLike): string | null => {
  const name = property.name;
  if (!name) return null;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : null;
};

/** A map from each language to its locale tag ({ kk: 'kk-KZ', ... }) is configuration, not a text. */
const onlyLocaleTags = (object: ts.ObjectLiteralExpression): boolean =>
  object.properties.every(
    (p) => ts.isPropertyAssignment(p) && ts.isStringLiteral(p.initializer) && /^[a-z]{2}(-[A-Z]{2})?$/.test(p.initializer.text),
  );

/** Object literals that hold a text per language: keys kk, ru and en all present. */
export function inlineTexts(file: string, text?: string): Finding[] {
  const source = parseSource(file, text);
  const findings: Finding[] = [];
  walk(source, (node) => {
    if (!ts.isObjectLiteralExpression(node)) return;
    const names = new Set(node.properties.map(propertyName));
    if (LANGUAGES.every((language) => names.has(language)) && !onlyLocaleTags(node)) {
      findings.push({ file, line: lineAt(source, node.getStart(source)), what: 'inline {kk, ru, en} texts' });
    }
  });
  return findings;
}
