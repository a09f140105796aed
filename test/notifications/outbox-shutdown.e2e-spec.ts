import { queueNumberedEmails } from '../support/outbox';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

describe('outbox: shutdown', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('records what it sent and gives back what it claimed but never sent: due again at once, the attempt not counted', async () => {
    await queueNumberedEmails(t, 'shutdown', 80, 'Письмо');
    // a slow mail server: the shutdown comes while most of the claimed batch is still queued here
    t.smtp.delayMs = 300;
    const run = t.dispatcher.runOnce(80);
    await t.smtp.waitFor((messages) => messages.length >= 1);
    await t.dispatcher.onModuleDestroy();
    await run;
    t.smtp.delayMs = 0;

    const rows: { status: string; attempts: number; locked_by: string | null; due: boolean }[] = await t.db.query(
      `SELECT status, attempts, locked_by, next_attempt_at <= now() AS due FROM outbox_messages WHERE dedupe_key LIKE 'shutdown:%'`,
    );
    const sent = rows.filter((row) => row.status === 'sent');
    const givenBack = rows.filter((row) => row.status === 'pending');
    const received = t.smtp.messages.filter((m) => m.subject?.startsWith('Письмо'));
    expect(sent.length).toBe(received.length);
    expect(new Set(received.map((m) => m.subject)).size).toBe(received.length);
    expect(sent.length).toBeGreaterThan(0);
    expect(givenBack.length).toBeGreaterThan(0);
    expect(sent.length + givenBack.length).toBe(80);
    for (const row of givenBack) expect(row).toEqual({ status: 'pending', attempts: 0, locked_by: null, due: true });
  });
});
