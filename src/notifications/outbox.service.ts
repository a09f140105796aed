import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RenderedEmail } from './email-layout';
import { OutboxAttachment } from './outbox-message.entity';
import { OutboxRepository } from './outbox.repository';

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
  constructor(private readonly outbox: OutboxRepository) {}

  /** Returns how many new messages were queued (repeats of a dedupe key are skipped). */
  enqueue(manager: EntityManager, emails: NewEmail[]): Promise<number> {
    return this.outbox.insert(
      manager,
      emails.map((e) => ({ ...e, html: e.html ?? null, attachments: e.attachments ?? [] })),
    );
  }
}
