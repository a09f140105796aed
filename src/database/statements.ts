import { createHash } from 'node:crypto';

/**
 * A statement PostgreSQL parses and plans once per connection: sent under its name, pg skips the
 * Parse on a connection that has seen the name, and after five executions PostgreSQL may keep a
 * generic plan. So only statements whose generic plan is as good as their custom ones (checked with
 * EXPLAIN under both `plan_cache_mode`s) are named; the others are sent as text. `name` is undefined
 * for a statement that must stay unnamed.
 */
export interface Statement {
  readonly name: string | undefined;
  readonly text: string;
}

/** Each connection holds at most this many statements of one family (see `statementVariant`). */
export const MAX_VARIANTS = 32;

const textByName = new Map<string, string>();
const variantsByFamily = new Map<string, Map<string, Statement>>();

/**
 * A fixed statement under a stable name. Two different texts under one name would make pg refuse
 * the second on a connection that prepared the first, so that is an error at start-up.
 */
export function namedStatement(name: string, text: string): Statement {
  const known = textByName.get(name);
  if (known !== undefined && known !== text) throw new Error(`statement name ${name} is already used for another text`);
  textByName.set(name, text);
  return { name, text };
}

/**
 * One of the few texts a builder makes (a page with or without a cursor, a filter set), named
 * `family_<hash of the text>`: the same text has the same name in every process. A builder that made
 * more than MAX_VARIANTS texts of one family (which would mean values written into its text) gets
 * them unnamed from then on, so no connection collects statements without bound.
 */
export function statementVariant(family: string, text: string): Statement {
  let variants = variantsByFamily.get(family);
  if (!variants) variantsByFamily.set(family, (variants = new Map<string, Statement>()));
  const known = variants.get(text);
  if (known) return known;
  if (variants.size >= MAX_VARIANTS) return { name: undefined, text };
  const made = namedStatement(`${family}_${createHash('sha1').update(text).digest('hex').slice(0, 10)}`, text);
  variants.set(text, made);
  return made;
}

/** A statement sent as text every time: its plan depends on its parameters (search, skewed filters). */
export function unnamedStatement(text: string): Statement {
  return { name: undefined, text };
}

/** The statement names this process has handed out (for tests and the benchmark's notes). */
export function statementNames(): string[] {
  return [...textByName.keys()];
}
