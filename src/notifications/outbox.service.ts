import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isLocale } from '../common/i18n/locale';
import { APP_CONFIG, AppConfig } from '../config/config';
import { EmailKind, emailClassOf } from './email-kinds';
import { RenderedEmail, withUnsubscribeFooter } from './email-layout';
import { OutboxAttachment } from './outbox-message.entity';
import { OutboxInsert, OutboxRepository } from './outbox.repository';
import { UnsubscribeList, UnsubscribeTokens } from './unsubscribe-token';

export interface NewEmail extends RenderedEmail {
  /** Unique per event and recipient, e.g. `answer:<answerId>`; a repeat is ignored. */
  dedupeKey: string;
  /** Its class (email-kinds.ts) says whether it may carry an unsubscribe link. */
  kind: EmailKind;
  recipient: string;
  locale: string;
  attachments?: OutboxAttachment[];
  /**
   * For news of a plan (class `news`): the person and plan whose news this is. The e-mail then gets
   * List-Unsubscribe and List-Unsubscribe-Post (RFC 2369, RFC 8058) and the link in its footer. Never
   * on an account or procedure e-mail (refused), and left out where a news kind goes to an official.
   */
  unsubscribe?: UnsubscribeList;
}

/** Writes e-mails into the outbox inside the caller's transaction; the dispatcher sends them later. */
@Injectable()
export class OutboxService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly tokens: UnsubscribeTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns how many new messages were queued (repeats of a dedupe key are skipped). */
  async enqueue(manager: EntityManager, emails: NewEmail[]): Promise<number> {
    return this.outbox.insert(
      manager,
      emails.map((e) => this.toRow(e)),
    );
  }

  /** The link of the unsubscribe page and of the one-click POST (RFC 8058) for this list; the page opens in the e-mail's language. */
  unsubscribeUrl(list: UnsubscribeList, locale?: string): string {
    const lang = locale !== undefined && isLocale(locale) ? `&lang=${locale}` : '';
    return `${this.config.publicUrl}/unsubscribe?token=${this.tokens.sign(list)}${lang}`;
  }

  private toRow(e: NewEmail): OutboxInsert {
    const row = {
      dedupeKey: e.dedupeKey,
      kind: e.kind,
      recipient: e.recipient,
      locale: e.locale,
      attachments: e.attachments ?? [],
    };
    if (!e.unsubscribe) return { ...row, subject: e.subject, text: e.text, html: e.html ?? null, headers: {} };
    if (emailClassOf(e.kind) !== 'news') throw new Error(`an e-mail of kind ${e.kind} is required and may not offer unsubscribing`);
    const locale = isLocale(e.locale) ? e.locale : this.config.defaultLocale;
    const url = this.unsubscribeUrl(e.unsubscribe, locale);
    const mail = withUnsubscribeFooter(e, locale, url);
    return {
      ...row,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  }
}
