import { OutboxService } from '../../src/notifications/outbox.service';
import { backoffSeconds, MAX_ATTEMPTS } from '../../src/notifications/outbox.dispatcher';
import { queueNumberedEmails } from '../support/outbox';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('outbox: several instances on one database', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp();
    // A second instance of the service on the same database, sending to the same SMTP server.
    b = await startTestApp({ databaseUrl: a.config.databaseUrl!, env: { SMTP_URL: a.smtp.url } });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('sends each of 300 messages exactly once while two instances dispatch at the same time', async () => {
    await queueNumberedEmails(a, 'bulk', 300, 'Сообщение');
    await Promise.all([a.flushMail(), b.flushMail(), a.dispatcher.runOnce(), b.dispatcher.runOnce()]);
    await a.smtp.waitFor((m) => m.length >= 300);
    await new Promise((r) => setTimeout(r, 300));
    const subjects = a.smtp.messages.map((m) => m.subject);
    expect(subjects).toHaveLength(300);
    expect(new Set(subjects).size).toBe(300);
    const [{ sent }] = await a.db.query(`SELECT count(*)::int AS sent FROM outbox_messages WHERE status = 'sent' AND attempts = 1`);
    expect(sent).toBe(300);
  });

  it('queues and sends an e-mail whose subject ends in half an emoji (a template cut it), with U+FFFD in its place', async () => {
    const outbox = a.app.get(OutboxService);
    const cut = 'Ответ на замечание 😀'.slice(0, -1);
    await a.db.transaction((em) =>
      outbox.enqueue(em, [
        { dedupeKey: 'cut-emoji', kind: 'verify_email', recipient: 'cut@example.test', locale: 'ru', subject: cut, text: cut, html: '' },
      ]),
    );
    const [row] = await a.db.query(`SELECT subject, text_body FROM outbox_messages WHERE dedupe_key = 'cut-emoji'`);
    expect(row).toEqual({ subject: 'Ответ на замечание \uFFFD', text_body: 'Ответ на замечание \uFFFD' });
  });

  it('gives up on a permanent refusal (5xx) after the last attempt and keeps the message with its error', async () => {
    const outbox = a.app.get(OutboxService);
    a.smtp.refuse = true;
    a.smtp.refuseCode = 550;
    await a.db.transaction((em) =>
      outbox.enqueue(em, [
        { dedupeKey: 'doomed', kind: 'verify_email', recipient: 'x@example.test', locale: 'en', subject: 's', text: 't', html: '' },
      ]),
    );
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await a.db.query(`UPDATE outbox_messages SET next_attempt_at = now() WHERE dedupe_key = 'doomed'`);
      await a.flushMail();
    }
    a.smtp.refuse = false;
    a.smtp.refuseCode = 421;
    const [row] = await a.db.query(`SELECT status, attempts, last_error FROM outbox_messages WHERE dedupe_key = 'doomed'`);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(row.last_error).toMatch(/550/);
    const health = await a.http.get('/health').expect(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.outbox.failed).toBe(1);
  });

  it('never gives up while the mail server is only away (421, refused connection): the message is sent when it is back', async () => {
    const outbox = a.app.get(OutboxService);
    a.smtp.refuse = true;
    await a.db.transaction((em) =>
      outbox.enqueue(em, [
        {
          dedupeKey: 'patient',
          kind: 'verify_email',
          recipient: 'patient@example.test',
          locale: 'en',
          subject: 'patient',
          text: 't',
          html: '',
        },
      ]),
    );
    for (let i = 0; i < MAX_ATTEMPTS + 3; i++) {
      await a.db.query(`UPDATE outbox_messages SET next_attempt_at = now() WHERE dedupe_key = 'patient'`);
      await a.flushMail();
    }
    const [waiting] = await a.db.query(`SELECT status, attempts, last_error FROM outbox_messages WHERE dedupe_key = 'patient'`);
    expect(waiting).toMatchObject({ status: 'pending', attempts: MAX_ATTEMPTS + 3 });
    expect(waiting.last_error).toMatch(/421/);
    a.smtp.refuse = false;
    await a.db.query(`UPDATE outbox_messages SET next_attempt_at = now() WHERE dedupe_key = 'patient'`);
    await a.flushMail();
    expect(a.smtp.to('patient@example.test')).toHaveLength(1);
    const [sent] = await a.db.query(`SELECT status FROM outbox_messages WHERE dedupe_key = 'patient'`);
    expect(sent.status).toBe('sent');
  });

  it('backs off exponentially up to an hour', () => {
    expect([1, 2, 3, 4, 10, 20].map(backoffSeconds)).toEqual([10, 20, 40, 80, 3600, 3600]);
  });
});
