/**
 * The text given to websearch_to_tsquery. It reads every "-" as NOT, and a long run of them (33 or
 * more) nests NOTs past PostgreSQL's tsquery stack and fails the query ("tsquery stack too small").
 * Minus signs in a row, with or without spaces between them, mean no more than one does.
 */
export function searchText(q: string): string {
  return q.replace(/-[\s-]*-/g, '-');
}
