import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { OutboxService } from '../../src/notifications/outbox.service';
import { renderEmail } from '../../src/notifications/email-layout';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('foundation: health, errors, sandbox clock, outbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports the database and the outbox on /health', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' }, outbox: { pending: 0, failed: 0 } });
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it("answers in the reader's language with Content-Language and Vary on the controllers' routes only (not Swagger UI's files)", async () => {
    const api = await t.http.get('/api/v1/plans').set('accept-language', 'kk').expect(200);
    expect(api.headers['content-language']).toBe('kk');
    expect(api.headers.vary).toMatch(/^accept-language, cookie/);
    const invalid = await t.http.get('/api/v1/plans?limit=0').set('accept-language', 'en').expect(400);
    expect(invalid.headers['content-language']).toBe('en');
    for (const path of ['/api/docs-json', '/api/docs/swagger-ui.css']) {
      const res = await t.http.get(path).set('accept-language', 'kk').expect(200);
      expect(res.headers['content-language']).toBeUndefined();
    }
  });

  it.each([
    ['an API answer', '/api/v1/plans', 200],
    ['a page', '/', 200],
    ['an error', '/api/v1/does-not-exist', 404],
  ])('sends the security headers with %s', async (_what, path, status) => {
    const res = await t.http.get(path).expect(status);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("form-action 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each([
    ['en', 'Not found.'],
    ['ru-RU,ru;q=0.9', 'Не найдено.'],
    ['kk', 'Табылмады.'],
  ])('answers unknown routes with NOT_FOUND in %s', async (lang, message) => {
    const res = await t.http.get('/api/v1/does-not-exist').set('Accept-Language', lang).expect(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message } });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await t.http.put('/api/v1/sandbox/clock').set('content-type', 'application/json').send('{"now":').expect(400);
    expect(res.body.error.code).toBe('MALFORMED_JSON');
  });

  describe('requests the HTTP parser refuses', () => {
    /** Sends raw bytes to the listening service and returns everything it answers before closing. */
    async function raw(request: string): Promise<{ head: string; body: unknown }> {
      const server = t.app.getHttpServer();
      if (!server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = server.address() as AddressInfo;
      const answer = await new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        const socket = connect(port, '127.0.0.1', () => socket.write(request));
        socket.on('data', (c) => chunks.push(c));
        socket.on('error', (e) => (chunks.length ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(e)));
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
      });
      const [head, body] = answer.split('\r\n\r\n');
      return { head, body: JSON.parse(body) };
    }

    it('answers headers over 16 KiB with 431 HEADERS_TOO_LARGE in the error shape and the language asked for', async () => {
      const res = await raw(`GET /api/v1/plans HTTP/1.1\r\nHost: x\r\nAccept-Language: kk\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(res.head).toMatch(/^HTTP\/1\.1 431 /);
      expect(res.head).toMatch(/content-type: application\/json/i);
      expect(res.body).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: 'Сұраныстың тақырыптары немесе мекенжайы тым ұзын.' } });
    });

    it('answers an address over 16 KiB the same way', async () => {
      const res = await raw(
        `GET /api/v1/plans?q=${encodeURIComponent('ж'.repeat(4_000))} HTTP/1.1\r\nHost: x\r\nAccept-Language: ru\r\n\r\n`,
      );
      expect(res.head).toMatch(/^HTTP\/1\.1 431 /);
      expect(res.body).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: 'Заголовки или адрес запроса слишком длинные.' } });
    });

    it('answers a request that is not HTTP with 400 MALFORMED_REQUEST', async () => {
      const res = await raw('HELLO THERE\r\n\r\n');
      expect(res.head).toMatch(/^HTTP\/1\.1 400 /);
      expect(res.body).toEqual({ error: { code: 'MALFORMED_REQUEST', message: 'The request is not valid HTTP.' } });
    });
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.http
      .put('/api/v1/sandbox/clock')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ now: 'x'.repeat(300 * 1024) }))
      .expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('validates bodies with field details in the request language', async () => {
    const res = await t.http.put('/api/v1/sandbox/clock').set('Accept-Language', 'ru').send({ now: 'tomorrow', extra: 1 }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['extra', 'now']);
    expect(res.body.error.message).toMatch(/^Некоторые поля/);
  });

  it('moves the sandbox clock in manual mode', async () => {
    await t.http.put('/api/v1/sandbox/clock').send({ now: '2027-05-01T09:00:00+05:00' }).expect(200);
    const res = await t.http.get('/api/v1/sandbox/clock').expect(200);
    expect(res.body.now).toBe('2027-05-01T04:00:00.000Z');
    expect(t.clock.now().toISOString()).toBe('2027-05-01T04:00:00.000Z');
  });

  it('serves the OpenAPI description', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/v1/sandbox/clock');
  });

  it('sends a queued e-mail once through real SMTP, also with two dispatchers at once', async () => {
    const outbox = t.app.get(OutboxService);
    await t.db.transaction(async (em) => {
      const mail = renderEmail({
        locale: 'en',
        subject: 'Hello <you>',
        paragraphs: ['Line & more'],
        link: { label: 'Open', url: 'http://x.test/a?b=1&c=2' },
      });
      await outbox.enqueue(em, [{ dedupeKey: 'test:1', kind: 'verify_email', recipient: 'someone@example.test', locale: 'en', ...mail }]);
      // the same event again changes nothing
      expect(
        await outbox.enqueue(em, [{ dedupeKey: 'test:1', kind: 'verify_email', recipient: 'someone@example.test', locale: 'en', ...mail }]),
      ).toBe(0);
    });
    await Promise.all([t.dispatcher.drain(), t.dispatcher.runOnce(), t.flushMail()]);
    await t.smtp.waitFor((m) => m.length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(t.smtp.to('someone@example.test')).toHaveLength(1);
    const [mail] = t.smtp.to('someone@example.test');
    expect(mail.subject).toBe('Hello <you>');
    expect(mail.text).toContain('Line & more');
    expect(mail.html).toContain('Line &amp; more');
    const [row] = await t.db.query(`SELECT status, attempts FROM outbox_messages WHERE dedupe_key = 'test:1'`);
    expect(row).toEqual({ status: 'sent', attempts: 1 });
  });

  it('keeps a message and retries it later when the SMTP server refuses', async () => {
    const outbox = t.app.get(OutboxService);
    t.smtp.refuse = true;
    await t.db.transaction((em) =>
      outbox.enqueue(em, [
        {
          dedupeKey: 'test:2',
          kind: 'verify_email',
          recipient: 'retry@example.test',
          locale: 'en',
          subject: 's',
          text: 't',
          html: '<p>t</p>',
        },
      ]),
    );
    await t.flushMail();
    let [row] = await t.db.query(
      `SELECT status, attempts, last_error, next_attempt_at > now() AS later FROM outbox_messages WHERE dedupe_key = 'test:2'`,
    );
    expect(row).toMatchObject({ status: 'pending', attempts: 1, later: true });
    expect(row.last_error).toMatch(/421/);
    t.smtp.refuse = false;
    await t.db.query(`UPDATE outbox_messages SET next_attempt_at = now() WHERE dedupe_key = 'test:2'`); // the backoff has passed
    await t.flushMail();
    [row] = await t.db.query(`SELECT status, attempts FROM outbox_messages WHERE dedupe_key = 'test:2'`);
    expect(row).toEqual({ status: 'sent', attempts: 2 });
    expect(t.smtp.to('retry@example.test')).toHaveLength(1);
  });
});
