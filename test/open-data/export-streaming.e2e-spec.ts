import { parse } from 'csv-parse/sync';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExportRateLimit } from '../../src/open-data/export/export-rate-limit';
import { RemarkExportRepository } from '../../src/open-data/export/remark-export.repository';
import { RemarkExportService } from '../../src/open-data/export/remark-export.service';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { createPlan, createWorld } from '../reviews/fixtures';

/**
 * Issue 17 item 4: the export streams. 3,000 remarks of about 16 kB each (48 MB) in batches of 150
 * (about 2.4 MB each): the reply's first bytes arrive while most batches are still unread, a client that stops
 * reading holds the reading of batches back, one that disconnects stops it, and a full download is
 * complete, in order, each remark once.
 */

const REMARKS = 3000;
const BATCH = 150;
/** Batches with rows, and the last, empty one that ends the export. */
const ALL_BATCHES = REMARKS / BATCH + 1;

describe('the bulk export streams in batches (issue 17)', () => {
  let t: TestApp;
  let origin: string;
  let batchesRead: () => number;
  let stopCounting: () => void;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    const w = await createWorld(t, 1);
    const author = await createUser(t, 'citizen');
    const plan = await createPlan(t, w);
    // remarks of 8,000 Cyrillic letters; some on the same instant, to test the keyset's tie-break on id
    await t.db.query(
      `INSERT INTO remarks (plan_id, stage, author_id, body, language, created_at, body_hash, answer_due_at)
       SELECT $1, 1, $2, 'Замечание ' || n || ' ' || repeat('ж', 8000), 'ru',
              timestamptz '2027-01-10 10:00:00+05' + (n / 3) * interval '1 second' + (n % 3) * interval '1 microsecond' * (n % 2),
              md5(n::text) || md5(n::text), timestamptz '2027-01-30 10:00:00+05'
         FROM generate_series(1, $3::int) AS n`,
      [plan.id, author.user.id, REMARKS],
    );
    t.app.get(RemarkExportService).batchSize = BATCH;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const spy = jest.spyOn(t.app.get(RemarkExportRepository), 'remarks');
    batchesRead = () => spy.mock.calls.length;
    stopCounting = () => spy.mockRestore();
  });
  afterAll(async () => {
    stopCounting?.();
    await t?.close();
  });

  /** GET `path`, resolved with the response once its headers are in (the body is read by the test). */
  function get(path: string): Promise<{ res: IncomingMessage; abort: () => void }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${origin}${path}`, { agent: false, headers: { connection: 'close' } }, (res) =>
        resolve({ res, abort: () => req.destroy() }),
      );
      req.on('error', reject);
      req.end();
    });
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function readAll(res: IncomingMessage): Promise<{ text: string; batchesAtFirstByte: number }> {
    const chunks: Buffer[] = [];
    let batchesAtFirstByte = -1;
    for await (const chunk of res as AsyncIterable<Buffer>) {
      if (batchesAtFirstByte < 0) batchesAtFirstByte = batchesRead();
      chunks.push(chunk);
    }
    return { text: Buffer.concat(chunks).toString('utf8'), batchesAtFirstByte };
  }

  it('CSV: the first bytes arrive before the last batch is read, and the file is complete, in order, each remark once', async () => {
    const before = batchesRead();
    const { res } = await get('/api/v1/export/remarks.csv');
    expect(res.statusCode).toBe(200);
    const { text, batchesAtFirstByte } = await readAll(res);
    expect(batchesAtFirstByte - before).toBeLessThan(ALL_BATCHES);
    expect(batchesRead() - before).toBe(ALL_BATCHES);
    const rows: { remark_id: string; created_at: string; text: string }[] = parse(text, { bom: true, columns: true });
    expect(rows).toHaveLength(REMARKS);
    expect(new Set(rows.map((r) => r.remark_id)).size).toBe(REMARKS);
    const numbers = rows.map((r) => Number(/^Замечание (\d+) /.exec(r.text)![1]));
    expect(new Set(numbers).size).toBe(REMARKS);
    // oldest first
    const times = rows.map((r) => r.created_at);
    expect([...times].sort()).toEqual(times);
  });

  it('JSON: one valid array of every remark', async () => {
    const { res } = await get('/api/v1/export/remarks.json');
    const { text } = await readAll(res);
    const rows = JSON.parse(text) as { remarkId: string }[];
    expect(rows).toHaveLength(REMARKS);
    expect(new Set(rows.map((r) => r.remarkId)).size).toBe(REMARKS);
  });

  it('a client that stops reading holds the batches back; one that disconnects stops the reading', async () => {
    const before = batchesRead();
    const { res, abort } = await get('/api/v1/export/remarks.json');
    res.pause();
    await sleep(1500);
    const whilePaused = batchesRead() - before;
    // the sockets' buffers hold some MB: far fewer than the 20 batches of about 2.4 MB each
    expect(whilePaused).toBeLessThan(ALL_BATCHES / 2);
    abort();
    await sleep(1500);
    const afterAbort = batchesRead() - before;
    expect(afterAbort).toBeLessThanOrEqual(whilePaused + 1);
    await sleep(500);
    expect(batchesRead() - before).toBe(afterAbort);
  });

  it('streams at most the instance’s concurrent exports: one more is 429 with Retry-After, and the slot comes back when a client leaves', async () => {
    const limit = t.app.get(ExportRateLimit);
    limit.concurrent = 1;
    try {
      const first = await get('/api/v1/export/remarks.csv');
      expect(first.res.statusCode).toBe(200);
      first.res.pause();
      const busy = await get('/api/v1/export/remarks.json');
      expect(busy.res.statusCode).toBe(429);
      expect(busy.res.headers['retry-after']).toBe('30');
      const refusal = JSON.parse((await readAll(busy.res)).text) as { error: { code: string } };
      expect(refusal.error.code).toBe('RATE_LIMITED');
      first.abort();
      await sleep(300);
      const next = await get('/api/v1/export/remarks.json?organizationId=00000000-0000-4000-8000-000000000000');
      expect(next.res.statusCode).toBe(404);
      await readAll(next.res);
      // a refusal gave its slot back too
      const after = await get('/api/v1/export/remarks.json');
      expect(after.res.statusCode).toBe(200);
      expect(JSON.parse((await readAll(after.res)).text)).toHaveLength(REMARKS);
    } finally {
      limit.concurrent = 2;
    }
  });
});
