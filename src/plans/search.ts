/**
 * The text given to websearch_to_tsquery. It reads every "-" as NOT, and a long run of them (33 or
 * more) nests NOTs past PostgreSQL's tsquery stack and fails the query ("tsquery stack too small").
 * Minus signs in a row, with or without spaces between them, mean no more than one does.
 */
export function searchText(q: string): string {
  return q.replace(/-[\s-]*-/g, '-');
}

/**
 * The search condition on plans aliased `alias`, for the text bound at `param` (a placeholder such as
 * `$2`, holding searchText(q)): Russian stemming or the language-neutral 'simple' words, which also
 * serve Kazakh, against the stored plans.search_vector (indexed by plans_search_idx).
 */
export function planSearchSql(param: string, alias = 'p'): string {
  return `${alias}.search_vector @@ (websearch_to_tsquery('russian', ${param}) || websearch_to_tsquery('simple', ${param}))`;
}
