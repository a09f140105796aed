import { DataSource } from 'typeorm';
import { LocalizedText } from '../../src/common/i18n/localized-text';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { noticesOfPlansSql } from '../../src/documentation/documentation.repository';
import { ENTITIES } from '../../src/entities';
import { changesOfHearingsSql, hearingsOfPlansSql, protocolsOfPlansSql } from '../../src/hearings/hearings.repository';
import { outcomesOfPlansSql } from '../../src/outcomes/outcomes.repository';
import { isHearingOverdue, planStatus } from '../../src/plans/plan-status';
import { organizationsByIdsSql, plansByIdsSql, REMARK_COUNTS_SQL } from '../../src/plans/plans.repository';
import type { Statement } from '../../src/database/statements';

/**
 * The service's statements of the listing's batched reads by id, built as the service builds them:
 * their texts list every column of the entity (TypeORM's metadata, read once here without a
 * connection); the bare handler maps their rows itself.
 */
export async function listingStatements() {
  const metadata = new DataSource(dataSourceOptions('postgres://metadata-only', { entities: ENTITIES }));
  await (metadata as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return {
    plans: plansByIdsSql(metadata),
    organizations: organizationsByIdsSql(metadata),
    remarkCounts: REMARK_COUNTS_SQL,
    hearings: hearingsOfPlansSql(metadata),
    hearingChanges: changesOfHearingsSql(metadata),
    protocols: protocolsOfPlansSql(metadata),
    notices: noticesOfPlansSql(metadata),
    outcomes: outcomesOfPlansSql(metadata),
  };
}

export type ListingStatements = Awaited<ReturnType<typeof listingStatements>>;

/** A row of a `<table>_by_...` statement: its columns are labelled `t.<property>`. */
type Row = Record<string, unknown>;
type Run = (sql: Statement, params: unknown[]) => Promise<{ rows: Row[] }>;

const iso = (d: unknown) => (d ? (d as Date).toISOString() : null);

/** A `date` column as TypeORM reads it: pg gives a Date at local midnight, TypeORM its local YYYY-MM-DD. */
function dateColumn(value: unknown): string | null {
  if (!(value instanceof Date)) return (value as string | null) ?? null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

const text = (stored: unknown) => LocalizedText.fromStored(stored);
const texts = (stored: unknown) => (Array.isArray(stored) ? stored.map(text).filter((t): t is LocalizedText => t !== null) : []);

/**
 * `plain` with each of `localized` as a Russian reader gets it and every version under `i18n`, what
 * the service's localizeResponse makes of an object holding texts (an empty list gets no versions).
 */
function inRussian(plain: Row, localized: Record<string, LocalizedText | LocalizedText[] | null>): Row {
  const out: Row = { ...plain };
  let i18n: Row | null = null;
  for (const key in localized) {
    const value = localized[key];
    if (value === null) out[key] = null;
    else if (Array.isArray(value)) {
      out[key] = value.map((t) => t.text('ru'));
      if (value.length) (i18n ??= {})[key] = value.map((t) => t.toJSON());
    } else {
      out[key] = value.text('ru');
      (i18n ??= {})[key] = value.toJSON();
    }
  }
  return i18n ? { ...out, i18n } : out;
}

function groupBy(rows: Row[], key: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const id = row[key] as string;
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}

/** The latest version with every version, oldest first (protocol, notice, outcome). */
function withVersions(versions: Row[], view: (row: Row) => Row): Row {
  const all = versions.map(view);
  return { ...all[all.length - 1], versions: all };
}

function hearingItem(h: Row, changes: Row[]): Row {
  return inRussian(
    {
      id: h['t.id'],
      startsAt: iso(h['t.startsAt']),
      endsAt: iso(h['t.endsAt']),
      localDate: dateColumn(h['t.localDate']),
      livestreamUrl: h['t.livestreamUrl'],
      status: h['t.status'],
      sequence: h['t.sequence'],
      cancelReason: h['t.cancelReason'],
      icsUrl: `/api/v1/plans/${h['t.planId'] as string}/hearing.ics`,
      history: changes.map((c) =>
        inRussian(
          {
            action: c['t.action'],
            sequence: c['t.sequence'],
            startsAt: iso(c['t.startsAt']),
            livestreamUrl: c['t.livestreamUrl'],
            reason: c['t.reason'],
            at: iso(c['t.createdAt']),
          },
          { room: text(c['t.room']) },
        ),
      ),
    },
    { venue: text(h['t.venue']), room: text(h['t.room']) },
  );
}

const protocolVersion = (p: Row): Row =>
  inRussian(
    {
      version: p['t.version'],
      attendeesCount: p['t.attendeesCount'],
      questions: (p['t.questions'] as { question: unknown; answer: unknown }[]).map((q) =>
        inRussian({}, { question: text(q.question), answer: text(q.answer) }),
      ),
      publishedAt: iso(p['t.publishedAt']),
      late: p['t.late'],
    },
    {
      speakers: texts(p['t.speakers']),
      positions: texts(p['t.positions']),
      summary: text(p['t.summary']),
      decisions: texts(p['t.decisions']),
      correctionReason: text(p['t.correctionReason']),
    },
  );

const noticeVersion = (n: Row): Row =>
  inRussian(
    {
      version: n['t.version'],
      noticeNumber: n['t.noticeNumber'],
      documents: (n['t.documents'] as { title: unknown; url: string; sha256: string }[]).map((d) =>
        inRussian({ url: d.url, sha256: d.sha256 }, { title: text(d.title) }),
      ),
      publishedAt: iso(n['t.publishedAt']),
    },
    { correctionReason: text(n['t.correctionReason']) },
  );

const outcomeVersion = (o: Row): Row =>
  inRussian(
    { version: o['t.version'], decision: o['t.decision'], publishedAt: iso(o['t.publishedAt']) },
    { summary: text(o['t.summary']), correctionReason: text(o['t.correctionReason']) },
  );

/** A plan row as the pure status rules read it. */
const timestamps = (p: Row) => ({
  publishedAt: p['t.publishedAt'] as Date | null,
  stage1ClosesAt: p['t.stage1ClosesAt'] as Date | null,
  hearingDeadlineDate: dateColumn(p['t.hearingDeadlineDate']),
  hearingOverdueAt: p['t.hearingOverdueAt'] as Date | null,
  protocolPublishedAt: p['t.protocolPublishedAt'] as Date | null,
  stage2OpensAt: p['t.stage2OpensAt'] as Date | null,
  stage2ClosesAt: p['t.stage2ClosesAt'] as Date | null,
  outcomePublishedAt: p['t.outcomePublishedAt'] as Date | null,
});

/**
 * The items of a listing page for a Russian reader, from the plans' ids in page order: the service's
 * statements (plans, organizations, remark counts, then hearings and their changes, protocols,
 * notices and outcomes at once), each item mapped straight to its JSON.
 */
export async function listingItems(run: Run, sql: ListingStatements, ids: string[], now: Date): Promise<Row[]> {
  if (ids.length === 0) return [];
  const plans = (await run(sql.plans, [ids])).rows;
  const byId = new Map(plans.map((p) => [p['t.id'] as string, p]));
  const orgIds = [...new Set(plans.map((p) => p['t.organizationId'] as string))];
  const orgById = new Map((await run(sql.organizations, [orgIds])).rows.map((o) => [o['t.id'] as string, o]));
  const counts = (await run(sql.remarkCounts, [ids])).rows;
  const countById = new Map(counts.map((c) => [c.plan_id as string, { remarks: Number(c.remarks), answered: Number(c.answered) }]));
  const [hearingRows, protocols, notices, outcomes] = await Promise.all([
    (async () => {
      const hearings = (await run(sql.hearings, [ids])).rows;
      const hearingIds = hearings.map((h) => h['t.id'] as string);
      const changes = hearingIds.length ? (await run(sql.hearingChanges, [hearingIds])).rows : [];
      const changesOf = groupBy(changes, 't.hearingId');
      return new Map(hearings.map((h) => [h['t.planId'] as string, hearingItem(h, changesOf.get(h['t.id'] as string) ?? [])]));
    })(),
    run(sql.protocols, [ids]).then((r) => groupBy(r.rows, 't.planId')),
    run(sql.notices, [ids]).then((r) => groupBy(r.rows, 't.planId')),
    run(sql.outcomes, [ids]).then((r) => groupBy(r.rows, 't.planId')),
  ]);
  return ids.map((id) => {
    const p = byId.get(id)!;
    const o = orgById.get(p['t.organizationId'] as string)!;
    const at = timestamps(p);
    const stage2 = at.stage2OpensAt && at.stage2ClosesAt ? { opensAt: iso(at.stage2OpensAt)!, closesAt: iso(at.stage2ClosesAt)! } : null;
    const noticeVersions = notices.get(id);
    const protocolVersions = protocols.get(id);
    const outcomeVersions = outcomes.get(id);
    return inRussian(
      {
        id,
        organization: inRussian({ id: o['t.id'] }, { name: text(o['t.name']) }),
        subjectCode: p['t.subjectCode'],
        planPointNumber: p['t.planPointNumber'] ?? null,
        amount: Number(p['t.amount']),
        method: p['t.method'],
        plannedQuarter: p['t.plannedQuarter'],
        status: planStatus(at, now),
        hearingOverdue: isHearingOverdue(at, now, o['t.timeZone'] as string),
        publishedAt: iso(at.publishedAt),
        stage1:
          at.publishedAt && at.stage1ClosesAt
            ? { opensAt: iso(at.publishedAt), closesAt: iso(at.stage1ClosesAt), closeDate: dateColumn(p['t.stage1CloseDate']) }
            : null,
        hearingDeadlineDate: at.hearingDeadlineDate,
        stage2,
        counts: countById.get(id) ?? { remarks: 0, answered: 0 },
        hearing: hearingRows.get(id) ?? null,
        protocol: protocolVersions ? withVersions(protocolVersions, protocolVersion) : null,
        notice: noticeVersions ? { ...withVersions(noticeVersions, noticeVersion), stage2 } : null,
        outcome: outcomeVersions ? withVersions(outcomeVersions, outcomeVersion) : null,
      },
      { title: text(p['t.title']), description: text(p['t.description']), deliveryPlace: text(p['t.deliveryPlace']) },
    );
  });
}
