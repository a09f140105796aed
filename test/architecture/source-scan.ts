import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

/** The repository's root folder. */
export const ROOT = join(__dirname, '..', '..');

/** A place in a source file that breaks a rule. */
export interface Finding {
  file: string;
  line: number;
  what: string;
}

/** Every `.ts` file under `folder` (relative to the root), as sorted root-relative paths with `/`. */
export function tsFilesUnder(folder: string): string[] {
  const entries = readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(ROOT.length + 1)
        .split('\\')
        .join('/'),
    )
    .sort();
}

export function parseSource(file: string, text: string = readFileSync(join(ROOT, file), 'utf8')): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Calls `visit` on every node of the file, depth first. `visit` returns false to skip a node's children. */
export function walk(source: ts.SourceFile, visit: (node: ts.Node) => boolean | void): void {
  const step = (node: ts.Node): void => {
    if (visit(node) !== false) ts.forEachChild(node, step);
  };
  ts.forEachChild(source, step);
}

/** 1-based line of a position of the file. */
export function lineAt(source: ts.SourceFile, position: number): number {
  return source.getLineAndCharacterOfPosition(position).line + 1;
}

/** One finding per line, as `file:line: what`; empty when there is none. */
export function report(findings: Finding[]): string {
  return findings.map((f) => `${f.file}:${f.line}: ${f.what}`).join('\n');
}
