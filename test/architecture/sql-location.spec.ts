import { report, tsFilesUnder } from './source-scan';
import { findSql } from './sql-matcher';

/** Where SQL may be written: a feature's repositories, and the database helpers (queryRows, migrations runner). */
const mayHoldSql = (file: string): boolean =>
  file.endsWith('.repository.ts') || file.startsWith('src/database/') || file.endsWith('.spec.ts');

const found = (code: string): string[] => findSql('example.ts', code).map((f) => `${f.line}: ${f.what}`);

describe('SQL lives in repositories', () => {
  it('no SQL statement and no query call in src outside *.repository.ts and src/database', () => {
    const files = tsFilesUnder('src').filter((file) => !mayHoldSql(file));
    expect(files.length).toBeGreaterThan(50);
    expect(report(files.flatMap((file) => findSql(file)))).toBe('');
  });

  describe('the matcher', () => {
    it('finds statements in strings, templates and concatenations, on the line of their first keyword', () => {
      expect(found(`const a = 'SELECT id FROM plans WHERE id = $1';`)).toEqual(['1: SQL SELECT … FROM']);
      expect(found('const b = `\n  INSERT INTO remarks (id)\n  VALUES ($1) ON CONFLICT DO NOTHING`;')).toEqual([
        '2: SQL INSERT INTO',
        '3: SQL ON CONFLICT',
      ]);
      expect(found('const c = `UPDATE plans p SET x = 1`, d = `UPDATE "plans" SET x = 1`, e = `UPDATE ${table} SET x = 1`;')).toEqual([
        '1: SQL UPDATE … SET',
      ]);
      expect(found(`const f = 'DELETE FROM ' + table + ' WHERE id = $1';`)).toEqual(['1: SQL DELETE FROM']);
      expect(found('const g = `WITH inserted AS (\n  SELECT 1 FROM x)`;')).toEqual(['1: SQL WITH … AS (', '2: SQL SELECT … FROM']);
      expect(found('const h = `WITH RECURSIVE t(n) AS MATERIALIZED (VALUES (1))`, k = `WITH x AS(SELECT 1)`;')).toEqual([
        '1: SQL WITH … AS (',
      ]);
      expect(found('const i = sql`SELECT ${columns}\n FROM plans`;')).toEqual(['1: SQL SELECT … FROM']);
      expect(found("const j = 'SELECT a ' +\n  'FROM b';")).toEqual(['1: SQL SELECT … FROM']);
    });

    it('finds the calls that run or build SQL', () => {
      const code = [
        'await queryRows(db, sql);',
        'await em.query(sql);',
        'this.db\n  .createQueryBuilder()',
        'em.getRepository(Plan).find();',
        'getRepository(Plan);',
      ].join('\n');
      expect(found(code)).toEqual([
        '1: call queryRows(',
        '2: call .query(',
        '4: call .createQueryBuilder(',
        '5: call .getRepository(',
        '6: call getRepository(',
      ]);
    });

    it('leaves prose, HTML and lower-case words alone', () => {
      const code = [
        "const a = 'Select a date from the calendar';",
        "const b = 'Update the plan, then delete from the list';",
        "const c = 'Выберите дату. SELECT — кнопка; FROM — поле';",
        'const d = html`<select name="org"><option>With as (many)</option></select>`;',
        "const e = 'the hearing was held FOR UPDATE SKIP LOCKED reasons';",
        "const f = { select: false, update: 'set', where: 'id' };",
        'const g = request.query;',
        '// SELECT id FROM plans: a comment is not a statement',
        "const h = 'INSERT' + ' a row INTO' + x;",
      ].join('\n');
      expect(found(code)).toEqual([]);
    });
  });
});
