import * as ts from 'typescript';
import type { Finding } from './source-scan';
import { lineAt, parseSource, walk } from './source-scan';

/** A table or alias name, quoted or not, or the placeholder of a `${...}` in a template. */
const NAME = '[A-Za-z_"][\\w."]*';
const PLACEHOLDER = '__expr__';

/**
 * Statements in upper case, as this code base writes SQL. Each needs two keywords in SQL order with
 * SQL between them, so prose ("Select a date", "Update the plan", "SELECT — a list") never matches.
 */
const STATEMENTS: { what: string; pattern: RegExp }[] = [
  { what: 'SELECT … FROM', pattern: /\bSELECT\s+[\w"*(][\s\S]*?\bFROM\s+[\w"(]/ },
  { what: 'INSERT INTO', pattern: /\bINSERT\s+INTO\b/ },
  { what: 'UPDATE … SET', pattern: new RegExp(`\\bUPDATE\\s+${NAME}(?:\\s+(?:AS\\s+)?${NAME})?\\s+SET\\b`) },
  { what: 'DELETE FROM', pattern: /\bDELETE\s+FROM\b/ },
  {
    what: 'WITH … AS (',
    pattern: new RegExp(`\\bWITH\\s+(?:RECURSIVE\\s+)?${NAME}\\s*(?:\\([^)]*\\)\\s*)?AS\\s*(?:(?:NOT\\s+)?MATERIALIZED\\s*)?\\(`),
  },
  { what: 'ON CONFLICT', pattern: /\bON\s+CONFLICT\b/ },
];

/** Calls that run SQL or build it: `queryRows(`, `getRepository(`, `x.query(`, `x.createQueryBuilder(`, `x.getRepository(`. */
const FUNCTIONS = new Set(['queryRows', 'getRepository']);
const METHODS = new Set(['query', 'queryRows', 'createQueryBuilder', 'getRepository']);

/** A piece of a string's source text and the line it starts on. */
interface Piece {
  text: string;
  line: number;
}

const isStringLike = (node: ts.Node): boolean =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
const isConcatenation = (node: ts.Node): node is ts.BinaryExpression =>
  ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken;

function templatePieces(source: ts.SourceFile, node: ts.TemplateExpression): Piece[] {
  const piece = (part: ts.TemplateLiteralLikeNode, start: number, end: number): Piece => ({
    text: part.getText(source).slice(start, end),
    line: lineAt(source, part.getStart(source)),
  });
  const pieces = [piece(node.head, 1, -2)];
  for (const span of node.templateSpans) {
    const last = ts.isTemplateTail(span.literal);
    pieces.push({ text: PLACEHOLDER, line: lineAt(source, span.expression.getStart(source)) });
    pieces.push(piece(span.literal, 1, last ? -1 : -2));
  }
  return pieces;
}

/** The source text of a string, a template or a `+` chain of them, non-literal parts as placeholders. */
function piecesOf(source: ts.SourceFile, node: ts.Expression): Piece[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return [{ text: node.getText(source).slice(1, -1), line: lineAt(source, node.getStart(source)) }];
  }
  if (ts.isTemplateExpression(node)) return templatePieces(source, node);
  if (ts.isParenthesizedExpression(node)) return piecesOf(source, node.expression);
  if (isConcatenation(node)) return [...piecesOf(source, node.left), ...piecesOf(source, node.right)];
  return [{ text: PLACEHOLDER, line: lineAt(source, node.getStart(source)) }];
}

function lineOfOffset(pieces: Piece[], offset: number): number {
  let start = 0;
  for (const piece of pieces) {
    if (offset < start + piece.text.length) return piece.line + (piece.text.slice(0, offset - start).match(/\n/g)?.length ?? 0);
    start += piece.text.length;
  }
  return pieces[pieces.length - 1].line;
}

/** The statements found in one string (or `+` chain), with the line of their first keyword. */
export function statementsIn(pieces: Piece[]): { what: string; line: number }[] {
  const text = pieces.map((piece) => piece.text).join('');
  return STATEMENTS.flatMap(({ what, pattern }) => {
    const found = [...text.matchAll(new RegExp(pattern.source, 'g'))];
    return found.map((match) => ({ what, line: lineOfOffset(pieces, match.index) }));
  });
}

function calledName(call: ts.CallExpression): string | null {
  const callee = call.expression;
  if (ts.isIdentifier(callee) && FUNCTIONS.has(callee.text)) return `${callee.text}(`;
  if (ts.isPropertyAccessExpression(callee) && METHODS.has(callee.name.text)) return `.${callee.name.text}(`;
  return null;
}

/** Every SQL statement in a string and every call that runs SQL, in one source file. */
export function findSql(file: string, text?: string): Finding[] {
  const source = parseSource(file, text);
  const findings: Finding[] = [];
  walk(source, (node) => {
    if (ts.isCallExpression(node)) {
      const name = calledName(node);
      if (name) findings.push({ file, line: lineAt(source, node.expression.getEnd()), what: `call ${name}` });
    }
    const chainTop = isConcatenation(node) && !isConcatenation(node.parent);
    const string = isStringLike(node) && !isConcatenation(node.parent);
    if (chainTop || string) {
      const pieces = piecesOf(source, node as ts.Expression);
      if (chainTop && pieces.every((piece) => piece.text === PLACEHOLDER)) return;
      for (const statement of statementsIn(pieces)) findings.push({ file, line: statement.line, what: `SQL ${statement.what}` });
    }
  });
  const unique = new Map(findings.map((f) => [`${f.line} ${f.what}`, f]));
  return [...unique.values()].sort((a, b) => a.line - b.line);
}
