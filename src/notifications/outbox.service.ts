import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxAttachment } from './outbox-message.entity';
import { RenderedEmail } from './email-layout';

export interface NewEmail extends RenderedEmail {
  /** Unique per event and recipient, e.g. `answer:<answerId>`; a repeat is ignored. */
  dedupeKey: string;
  kind: string;
  recipient: string;
  locale: string;
  attachments?: OutboxAttachment[];
}

/** Writes e-mails into the outbox inside the caller's transaction; the dispatcher sends them later. */
@Injectable()
export class OutboxService {
  /** Returns how many new messages were queued (repeats of a dedupe key are skipped). */
  async enqueue(manager: EntityManager, emails: NewEmail[]): Promise<number> {
    let queued = 0;
    for (let start = 0; start < emails.length; start += 500) {
      const batch = emails.slice(start, start + 500);
      const values: unknown[] = [];
      const rows = batch.map((e, i) => {
        values.push(e.dedupeKey, e.kind, e.recipient, e.locale, e.subject, e.text, e.html ?? null, JSON.stringify(e.attachments ?? []));
        const p = i * 8;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8}::jsonb)`;
      });
      const inserted: unknown[] = await manager.query(
        `INSERT INTO outbox_messages (dedupe_key, kind, recipient, locale, subject, text_body, html_body, attachments)
         VALUES ${rows.join(', ')} ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        values,
      );
      queued += inserted.length;
    }
    return queued;
  }
}
