import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { queryRows } from './query-rows';
import type { Statement } from './statements';
import { namedStatement, statementVariant } from './statements';

/**
 * An entity's selected columns as a SELECT fragment under a table alias, and the mapping of a raw
 * row back to the entity, using TypeORM's own metadata and value conversion (dates, transformers).
 * For hot paths that join several tables in one hand-written statement: the query builder costs
 * several times the round trip there, while the entity shape stays exactly what findOne returns.
 */
export interface EntityRow<T> {
  /** `alias.column AS "alias.property", ...` for every column findOne would select. */
  readonly select: string;
  /** The entity's table followed by the alias, for FROM and JOIN. */
  readonly table: string;
  /** The alias-qualified primary key column. */
  readonly id: string;
  /** The entity from a row that the `select` fragment produced. */
  hydrate(row: Record<string, unknown>): T;
}

const cache = new WeakMap<DataSource, Map<string, EntityRow<unknown>>>();

export function entityRow<T>(db: DataSource, target: EntityTarget<T>, alias: string): EntityRow<T> {
  const metadata = db.getMetadata(target);
  const key = `${metadata.name}\u0000${alias}`;
  let perSource = cache.get(db);
  if (!perSource) cache.set(db, (perSource = new Map<string, EntityRow<unknown>>()));
  const known = perSource.get(key);
  if (known) return known as EntityRow<T>;

  const columns: ColumnMetadata[] = metadata.columns.filter((c) => c.isSelect && !c.relationMetadata?.isLazy);
  const label = (c: ColumnMetadata) => `${alias}.${c.propertyPath}`;
  const select = columns.map((c) => `${alias}."${c.databaseName}" AS "${label(c)}"`).join(', ');
  const driver = db.driver;
  const made: EntityRow<T> = {
    select,
    table: `"${metadata.tablePath}" ${alias}`,
    id: `${alias}."${metadata.primaryColumns[0].databaseName}"`,
    hydrate(row) {
      const entity = metadata.create() as T & Record<string, unknown>;
      for (const c of columns) c.setEntityValue(entity, driver.prepareHydratedValue(row[label(c)], c));
      return entity;
    },
  };
  perSource.set(key, made);
  return made;
}

/** The data source whose metadata builds a statement (an EntityManager's connection). */
type Source = DataSource | EntityManager;
const sourceOf = (db: Source): DataSource => ('connection' in db ? db.connection : db);

/**
 * Entities by primary key, in no particular order, mapped like findBy({ id: In(ids) }): every selected
 * column under alias `t`, named `<table>_by_ids` (a primary-key lookup plans the same for any ids).
 */
export function byIdsStatement<T>(db: Source, target: EntityTarget<T>): Statement {
  const source = sourceOf(db);
  const rows = entityRow(source, target, 't');
  const table = source.getMetadata(target).tableName;
  return namedStatement(`${table}_by_ids`, `SELECT ${rows.select} FROM ${rows.table} WHERE ${rows.id} = ANY($1::uuid[])`);
}

/**
 * Entities whose uuid property is one of the ids, ordered by `order` (ascending), mapped like
 * find({ where: { [property]: In(ids) }, order }). TypeORM's In() writes one placeholder per id, a new
 * text for each count; `= ANY($1::uuid[])` is one text, named `<table>_by_<column>` (a variant: another
 * caller's order is another text under another name).
 */
export function whereInStatement<T>(
  db: Source,
  target: EntityTarget<T>,
  property: keyof T & string,
  order: readonly (keyof T & string)[] = [],
): Statement {
  const source = sourceOf(db);
  const metadata = source.getMetadata(target);
  const rows = entityRow(source, target, 't');
  const column = (name: string) => {
    const found = metadata.findColumnWithPropertyPath(name);
    if (!found) throw new Error(`${metadata.name} has no column ${name}`);
    return `t."${found.databaseName}"`;
  };
  const orderBy = order.length ? ` ORDER BY ${order.map(column).join(', ')}` : '';
  const key = metadata.findColumnWithPropertyPath(property)!.databaseName;
  return statementVariant(
    `${metadata.tableName}_by_${key}`,
    `SELECT ${rows.select} FROM ${rows.table} WHERE ${column(property)} = ANY($1::uuid[])${orderBy}`,
  );
}

/**
 * The entities a statement of `byIdsStatement` or `whereInStatement` selects for `ids`, no statement
 * when there are none. The repositories export their statements, which the benchmark's bare handler runs too.
 */
export async function entitiesOf<T>(db: Source, target: EntityTarget<T>, statement: Statement, ids: readonly string[]): Promise<T[]> {
  if (ids.length === 0) return [];
  const rows = entityRow(sourceOf(db), target, 't');
  const found = await queryRows<Record<string, unknown>>(db, statement, [ids]);
  return found.map((row) => rows.hydrate(row));
}
