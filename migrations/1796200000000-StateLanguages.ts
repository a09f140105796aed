import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the entity declares for plans.search_vector (Plan.searchVector); TypeORM compares it with typeorm_metadata. */
const OLD_EXPRESSION = 'plan_search_vector(title, subject_code, description)';
const EXPRESSION = 'plan_search_vector_i18n(title, subject_code, description)';

/** The language of a text without an author, by its letters (talqylau_detect_language, created in up()). */
const DETECTED = (column: string) => `talqylau_detect_language(${column})`;

/**
 * Kazakh when Kazakh-specific letters make at least 3% of the Cyrillic ones (and at least two of them),
 * or any of them in a word or two ("Иә"); a single "Ә" in a Russian address ("ул. Әуезова, 5") is not
 * enough. Other Cyrillic is Russian; anything else English.
 */
export const DETECT_FUNCTION = `CREATE FUNCTION talqylau_detect_language(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN (kk >= 2 AND kk * 100 >= 3 * cyr) OR (kk >= 1 AND cyr <= 5) THEN 'kk' WHEN cyr > 0 THEN 'ru' ELSE 'en' END
  FROM (SELECT length(t) - length(translate(t, 'ӘәҒғҚқҢңӨөҰұҮүҺһІі', '')) AS kk,
               length(t) - length(regexp_replace(t, '[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]', '', 'g')) AS cyr) c
$$`;

/** The language of an account (users.locale), ru when it is not one of kk, ru, en. */
const ACCOUNT = (alias: string) => `CASE WHEN ${alias}.locale IN ('kk','ru','en') THEN ${alias}.locale ELSE 'ru' END`;

/** Text columns that become {kk, ru, en} jsonb, with the SQL giving the language their existing text is in. */
interface Move {
  table: string;
  columns: string[];
  /**
   * Where the author's account is found: the FROM clause of a subquery giving `lang` (`t` is the
   * table itself); '' when the text has no author.
   */
  from: string;
  /** The language of the existing text, from the row (`t`) or the text itself (`column`, quoted). */
  lang: string | ((column: string) => string);
}

const MOVES: Move[] = [
  { table: 'plans', columns: ['title', 'description', 'delivery_place'], from: 'users u WHERE u.id = t.created_by', lang: ACCOUNT('u') },
  { table: 'organizations', columns: ['name', 'address'], from: '', lang: DETECTED },
  { table: 'councils', columns: ['name'], from: '', lang: DETECTED },
  // The venue is a copy of the organization's address when the hearing was scheduled: the address's language.
  { table: 'hearings', columns: ['venue'], from: '', lang: DETECTED },
  {
    table: 'hearings',
    columns: ['room'],
    from: 'plans p JOIN users u ON u.id = p.created_by WHERE p.id = t.plan_id',
    lang: ACCOUNT('u'),
  },
  { table: 'hearing_changes', columns: ['room'], from: 'users u WHERE u.id = t.author_id', lang: ACCOUNT('u') },
  { table: 'answers', columns: ['body', 'correction_reason'], from: 'users u WHERE u.id = t.author_id', lang: ACCOUNT('u') },
  { table: 'protocols', columns: ['summary', 'correction_reason'], from: 'users u WHERE u.id = t.author_id', lang: ACCOUNT('u') },
  { table: 'review_positions', columns: ['text'], from: 'users u WHERE u.id = t.member_id', lang: ACCOUNT('u') },
  {
    table: 'recommendations',
    columns: ['text'],
    from: 'review_positions rp JOIN users u ON u.id = rp.member_id WHERE rp.id = t.position_id',
    lang: ACCOUNT('u'),
  },
  {
    table: 'recommendation_responses',
    columns: ['text', 'correction_reason'],
    from: 'users u WHERE u.id = t.author_id',
    lang: ACCOUNT('u'),
  },
  { table: 'notices', columns: ['correction_reason'], from: 'users u WHERE u.id = t.author_id', lang: ACCOUNT('u') },
  { table: 'outcomes', columns: ['summary', 'correction_reason'], from: 'users u WHERE u.id = t.author_id', lang: ACCOUNT('u') },
];

/**
 * The language of a moved text: its author's account language; when the text has no author, or the
 * author's account is gone (several author columns have no foreign key), the language its letters show.
 */
function languageOf(move: Move, text: string): string {
  const detected = typeof move.lang === 'string' ? DETECTED(text) : move.lang(text);
  return typeof move.lang === 'string' && move.from ? `coalesce((SELECT ${move.lang} FROM ${move.from}), ${detected})` : detected;
}

/** Column types before this migration, for down(); the others were text. */
const ORIGINAL_TYPES: Record<string, string> = {
  'plans.title': 'character varying(500)',
  'plans.delivery_place': 'character varying(500)',
  'organizations.name': 'character varying(300)',
  'organizations.address': 'character varying(500)',
  'councils.name': 'character varying(300)',
  'hearings.venue': 'character varying(500)',
  'hearings.room': 'character varying(200)',
  'hearing_changes.room': 'character varying(200)',
};

/** Lists of texts inside jsonb columns: protocols' speakers, positions and decisions. */
const PROTOCOL_LISTS = ['speakers', 'positions', 'decisions'];

/**
 * Two state languages (issue 15). Every text an organizer, council or administrator publishes becomes
 * jsonb `{kk, ru, en}` (null where absent); the existing text moves, unchanged, into its author's
 * account language; organization and council names and hearing venues (which have no author), and
 * texts whose author's account is gone, into the language their letters show. Remarks record the
 * language they are written in (by their letters, else their author's). The plan search indexes
 * every version: Russian stemming for ru and en, and a language-neutral vector of every version in
 * which case and the Kazakh letters are folded (plan_search_fold), so that Kazakh never depends on
 * Russian stemming and "ҚАЗАҚ", "қазақ" and "казак" all find the same plan.
 */
export class StateLanguages1796200000000 implements MigrationInterface {
  name = 'StateLanguages1796200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION talqylau_localized(t text, lang text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN t IS NULL THEN NULL ELSE jsonb_build_object(
        'kk', CASE WHEN lang = 'kk' THEN t END, 'ru', CASE WHEN lang = 'ru' THEN t END, 'en', CASE WHEN lang = 'en' THEN t END) END
    $$`);

    await q.query(DETECT_FUNCTION);
    await q.query(`DROP INDEX "plans_search_idx"`);
    await q.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'plans' AND "name" = 'search_vector'`);
    await q.query(`ALTER TABLE "plans" DROP COLUMN "search_vector"`);
    await q.query(`DROP FUNCTION plan_search_vector(text, text, text)`);
    await q.query(`DROP INDEX "organizations_name_idx"`);
    await q.query(`DROP INDEX "councils_name_idx"`);

    // One UPDATE per table for all its columns: each UPDATE rewrites every row of the table once.
    for (const table of [...new Set(MOVES.map((move) => move.table))]) {
      const moves = MOVES.filter((move) => move.table === table);
      const columns = moves.flatMap((move) => move.columns.map((column) => ({ move, column })));
      for (const { column } of columns) await q.query(`ALTER TABLE "${table}" ADD "${column}_i18n" jsonb`);
      const sets = columns.map(
        ({ move, column }) => `"${column}_i18n" = talqylau_localized(t."${column}", ${languageOf(move, `t."${column}"`)})`,
      );
      await q.query(`UPDATE "${table}" t SET ${sets.join(', ')}`);
      for (const { column } of columns) {
        const notNull = (await q.query(
          `SELECT is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
          [table, column],
        )) as { is_nullable: string }[];
        await q.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
        await q.query(`ALTER TABLE "${table}" RENAME COLUMN "${column}_i18n" TO "${column}"`);
        if (notNull[0]?.is_nullable === 'NO') await q.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" SET NOT NULL`);
      }
    }

    const authorLang = (text: string) => `coalesce((SELECT ${ACCOUNT('u')} FROM users u WHERE u.id = t.author_id), ${DETECTED(text)})`;
    const lists = PROTOCOL_LISTS.map(
      (
        list,
      ) => `"${list}" = (SELECT coalesce(jsonb_agg(talqylau_localized(e.value, ${authorLang('e.value')}) ORDER BY e.ordinality), '[]'::jsonb)
        FROM jsonb_array_elements_text(t."${list}") WITH ORDINALITY e)`,
    );
    await q.query(`UPDATE "protocols" t SET ${lists.join(', ')}, "questions" = (
      SELECT coalesce(jsonb_agg(jsonb_build_object(
        'question', talqylau_localized(e.value->>'question', ${authorLang("(e.value->>'question')")}),
        'answer', talqylau_localized(e.value->>'answer', ${authorLang("(e.value->>'answer')")})) ORDER BY e.ordinality), '[]'::jsonb)
      FROM jsonb_array_elements(t."questions") WITH ORDINALITY e)`);
    await q.query(`UPDATE "notices" t SET "documents" = (
      SELECT coalesce(jsonb_agg(jsonb_set(e.value, '{title}', talqylau_localized(e.value->>'title', ${authorLang("(e.value->>'title')")})) ORDER BY e.ordinality), '[]'::jsonb)
      FROM jsonb_array_elements(t."documents") WITH ORDINALITY e)`);

    await q.query(`ALTER TABLE "remarks" ADD "language" character varying(8)`);
    // A remark's language decides its answer's (Law on Languages, art. 11), so its letters count before
    // its author's account language: a Kazakh-speaking account may well have written in Russian.
    await q.query(`UPDATE "remarks" t SET "language" = CASE WHEN t.body ~ '[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]' THEN ${DETECTED('t.body')}
      WHEN t.body ~ '[A-Za-z]' THEN 'en' ELSE ${authorLang('t.body')} END`);
    await q.query(`ALTER TABLE "remarks" ALTER COLUMN "language" SET NOT NULL`);
    await q.query(`ALTER TABLE "remarks" ADD CONSTRAINT "remarks_language_ck" CHECK (language ~ '^[a-z]{2,3}$')`);

    await q.query(`DROP FUNCTION talqylau_localized(text, text)`);
    await q.query(`DROP FUNCTION talqylau_detect_language(text)`);

    await q.query(`CREATE FUNCTION plan_search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT lower(translate(coalesce(t, ''),
        'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІәғқңөұүһіё',
        'абвгдеежзийклмнопрстуфхцчшщъыьэюяагкноуухиагкноуухие'))
    $$`);
    await q.query(`CREATE FUNCTION plan_search_vector_i18n(title jsonb, code text, description jsonb) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('russian'::regconfig, coalesce(title->>'ru', '') || ' ' || coalesce(title->>'en', '')), 'A') ||
               setweight(to_tsvector('simple'::regconfig, plan_search_fold(
                 coalesce(title->>'kk', '') || ' ' || coalesce(title->>'ru', '') || ' ' || coalesce(title->>'en', ''))), 'A') ||
               setweight(to_tsvector('russian'::regconfig,
                 coalesce(code, '') || ' ' || coalesce(description->>'ru', '') || ' ' || coalesce(description->>'en', '')), 'B') ||
               setweight(to_tsvector('simple'::regconfig, plan_search_fold(coalesce(code, '') || ' ' ||
                 coalesce(description->>'kk', '') || ' ' || coalesce(description->>'ru', '') || ' ' || coalesce(description->>'en', ''))), 'B')
      $$`);
    // A query's words as prefixes in the folded 'simple' vector: Kazakh adds suffixes ("мектеп",
    // "мектептер", "мектепке"), and without a Kazakh stemmer a prefix is what finds them.
    await q.query(`CREATE FUNCTION plan_search_query(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT websearch_to_tsquery('russian'::regconfig, q) ||
             regexp_replace(websearch_to_tsquery('simple'::regconfig, plan_search_fold(q))::text, '''(\\s|\\)|$)', ''':*\\1', 'g')::tsquery
    $$`);
    await q.query(`ALTER TABLE "plans" ADD "search_vector" tsvector GENERATED ALWAYS AS (${EXPRESSION}) STORED`);
    await q.query(
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), 'plans', 'GENERATED_COLUMN', 'search_vector', $1)`,
      [EXPRESSION],
    );
    await q.query(`CREATE INDEX "plans_search_idx" ON "plans" USING GIN ("search_vector")`);
    await q.query(`CREATE INDEX "organizations_name_idx" ON "organizations" ("name", "id") `);
    await q.query(`CREATE INDEX "councils_name_idx" ON "councils" ("name", "id") `);
    // The rewritten tables' statistics, for the planner from the first request on (VACUUM needs its own
    // run). Not for an empty table: statistics of an empty table make the planner expect it to stay empty.
    for (const table of [...new Set([...MOVES.map((move) => move.table), 'remarks'])]) {
      const [row] = (await q.query(`SELECT EXISTS (SELECT 1 FROM "${table}") AS filled`)) as { filled: boolean }[];
      if (row.filled) await q.query(`ANALYZE "${table}"`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    // Back to one language per text: the Russian version, else the Kazakh, else the English one.
    const one = (column: string) => `coalesce(${column}->>'ru', ${column}->>'kk', ${column}->>'en')`;
    await q.query(`DROP INDEX "plans_search_idx"`);
    await q.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'plans' AND "name" = 'search_vector'`);
    await q.query(`ALTER TABLE "plans" DROP COLUMN "search_vector"`);
    await q.query(`DROP FUNCTION plan_search_query(text)`);
    await q.query(`DROP FUNCTION plan_search_vector_i18n(jsonb, text, jsonb)`);
    await q.query(`DROP FUNCTION plan_search_fold(text)`);
    await q.query(`DROP INDEX "organizations_name_idx"`);
    await q.query(`DROP INDEX "councils_name_idx"`);
    await q.query(`ALTER TABLE "remarks" DROP CONSTRAINT "remarks_language_ck"`);
    await q.query(`ALTER TABLE "remarks" DROP COLUMN "language"`);
    for (const list of PROTOCOL_LISTS) {
      await q.query(`UPDATE "protocols" t SET "${list}" = (
        SELECT coalesce(jsonb_agg(to_jsonb(${one('e.value')}) ORDER BY e.ordinality), '[]'::jsonb) FROM jsonb_array_elements(t."${list}") WITH ORDINALITY e)`);
    }
    await q.query(`UPDATE "protocols" t SET "questions" = (
      SELECT coalesce(jsonb_agg(jsonb_build_object('question', ${one("(e.value->'question')")}, 'answer', ${one("(e.value->'answer')")}) ORDER BY e.ordinality), '[]'::jsonb)
      FROM jsonb_array_elements(t."questions") WITH ORDINALITY e)`);
    await q.query(`UPDATE "notices" t SET "documents" = (
      SELECT coalesce(jsonb_agg(jsonb_set(e.value, '{title}', to_jsonb(${one("(e.value->'title')")})) ORDER BY e.ordinality), '[]'::jsonb)
      FROM jsonb_array_elements(t."documents") WITH ORDINALITY e)`);
    for (const move of MOVES) {
      for (const column of move.columns) {
        const type = ORIGINAL_TYPES[`${move.table}.${column}`] ?? 'text';
        await q.query(`ALTER TABLE "${move.table}" ALTER COLUMN "${column}" TYPE ${type} USING ${one(`"${column}"`)}`);
      }
    }
    await q.query(`CREATE FUNCTION plan_search_vector(title text, code text, description text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('russian'::regconfig, coalesce(title, '')), 'A') ||
               setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') ||
               setweight(to_tsvector('russian'::regconfig, coalesce(code, '') || ' ' || coalesce(description, '')), 'B') ||
               setweight(to_tsvector('simple'::regconfig, coalesce(code, '') || ' ' || coalesce(description, '')), 'B')
      $$`);
    await q.query(`ALTER TABLE "plans" ADD "search_vector" tsvector GENERATED ALWAYS AS (${OLD_EXPRESSION}) STORED`);
    await q.query(
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), 'plans', 'GENERATED_COLUMN', 'search_vector', $1)`,
      [OLD_EXPRESSION],
    );
    await q.query(`CREATE INDEX "plans_search_idx" ON "plans" USING GIN ("search_vector")`);
    await q.query(`CREATE INDEX "organizations_name_idx" ON "organizations" ("name", "id") `);
    await q.query(`CREATE INDEX "councils_name_idx" ON "councils" ("name", "id") `);
  }
}
