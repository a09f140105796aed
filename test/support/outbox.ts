import { renderEmail } from '../../src/notifications/email-layout';
import { OutboxService } from '../../src/notifications/outbox.service';
import type { TestApp } from './test-app';

/** Queues `count` e-mails in one transaction, keys `{prefix}:{i}`, to p{i}@example.test, subjects `{subject} {i}`. */
export async function queueNumberedEmails(t: TestApp, prefix: string, count: number, subject: string): Promise<void> {
  const outbox = t.app.get(OutboxService);
  await t.db.transaction((em) =>
    outbox.enqueue(
      em,
      Array.from({ length: count }, (_, i) => ({
        dedupeKey: `${prefix}:${i}`,
        kind: 'verify_email',
        recipient: `p${i}@example.test`,
        locale: 'ru' as const,
        ...renderEmail({ locale: 'ru', subject: `${subject} ${i}`, paragraphs: ['Текст'] }),
      })),
    ),
  );
}
