import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The API's groups in the order of the procedure, which Swagger UI follows (a description without
 * `tags` lists them as it meets them in the paths, and `sandbox` came first): the plan and its two
 * stages, then who takes part, then open data, administration and the tools of a test instance.
 */
export const API_TAGS: readonly { name: string; description: string }[] = [
  { name: 'plans', description: 'Plan items: publish, read, follow; the whole record of a plan' },
  { name: 'remarks', description: 'Stage 1 and 2 remarks, their answers, corrections and the authors’ verdicts' },
  { name: 'hearings', description: 'The in-person public hearing: schedule, reschedule, cancel, sign up, protocol' },
  { name: 'council review', description: 'The public council’s review of the protocol, its recommendations and the organizer’s responses' },
  { name: 'stage 2: notice and documentation', description: 'The procurement notice and documentation that open stage 2' },
  {
    name: 'stage 2: commitments',
    description: 'Where the documentation keeps each accepted remark, and the authors’ confirmations and disputes',
  },
  {
    name: 'outcome, report and statistics',
    description: 'The organizer’s decision, the report of how every remark was taken into account, statistics',
  },
  { name: 'moderation', description: 'Reports of remarks, hiding and restoring them, appeals' },
  { name: 'auth', description: 'Registration, sign-in, e-mail verification, passwords, one’s own account' },
  { name: 'organizations', description: 'Organizers and public councils' },
  { name: 'plan-imports', description: 'Drafts from an organizer’s annual procurement plan (CSV)' },
  { name: 'calendar', description: 'Working days, holidays and the administrator’s corrections' },
  { name: 'open data', description: 'Remarks and answers as CSV and JSON, OCDS releases' },
  { name: 'feeds', description: 'Atom feeds and iCalendar files' },
  { name: 'admin', description: 'Administration of organizations, councils and accounts' },
  { name: 'health', description: 'The service’s state for monitoring' },
  { name: 'sandbox', description: 'A test instance only (CLOCK_MODE=manual): read and move the procedure’s clock' },
];

/**
 * The document's `tags` in API_TAGS' order, each with its description. A tag an operation uses but
 * API_TAGS lacks is an error, as an operation without a controller method is: a new group gets its
 * place and description here.
 */
export function orderTags(document: OpenAPIObject): void {
  const used = new Set<string>(
    Object.values(document.paths).flatMap((item) =>
      Object.values(item as Record<string, { tags?: string[] } | undefined>).flatMap((operation) => operation?.tags ?? []),
    ),
  );
  const missing = [...used].filter((tag) => !API_TAGS.some((t) => t.name === tag));
  if (missing.length > 0) throw new Error(`OpenAPI: tags ${missing.join(', ')} have no place in API_TAGS (src/openapi-tags.ts)`);
  document.tags = API_TAGS.filter((t) => used.has(t.name)).map((t) => ({ ...t }));
}
