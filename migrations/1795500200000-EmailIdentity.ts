import { Logger } from '@nestjs/common';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { emailIdentity } from '../src/common/email-address';

/** A users row as the old rules stored it (email_key: the address trimmed and lower-cased). */
export interface StoredEmail {
  id: string;
  email: string;
  email_key: string;
}

/** What the migration does with the existing accounts under the new e-mail normalization. */
export interface EmailIdentityReport {
  /** Accounts whose address or key changes and whose new key no other account has: normalized. */
  normalized: { id: string; email: string; key: string }[];
  /** Accounts that are one mailbox under the new rules: left as they are, for a person to resolve. */
  conflicts: { key: string; accounts: { id: string; email: string }[] }[];
  /** Accounts whose address the new rules refuse (an invisible or control character remains): left as they are. */
  refused: { id: string; email: string }[];
}

/**
 * Sorts the existing accounts: the new key (src/common/email-address.ts) of each stored address,
 * grouped. A group of two or more is a conflict; its accounts keep their rows, since merging
 * accounts (remarks, roles, sign-in) is a person's decision. A single account whose key or address
 * changes is normalized: no other account has that key, so the unique index holds.
 */
export function sortStoredEmails(rows: StoredEmail[]): EmailIdentityReport {
  const byKey = new Map<string, { row: StoredEmail; address: string }[]>();
  const report: EmailIdentityReport = { normalized: [], conflicts: [], refused: [] };
  for (const row of rows) {
    const { address, key, refusal } = emailIdentity(row.email);
    if (refusal) report.refused.push({ id: row.id, email: row.email });
    byKey.set(key, [...(byKey.get(key) ?? []), { row, address }]);
  }
  const refused = new Set(report.refused.map((r) => r.id));
  const storedKeys = new Map(rows.map((row) => [row.email_key, row]));
  for (const [key, group] of byKey) {
    // another account still holding this key under the old rules is one mailbox too
    const holder = storedKeys.get(key);
    if (holder && !group.some(({ row }) => row.id === holder.id)) group.push({ row: holder, address: holder.email });
    if (group.length > 1) {
      report.conflicts.push({ key, accounts: group.map(({ row }) => ({ id: row.id, email: row.email })) });
      continue;
    }
    const [{ row, address }] = group;
    if (!refused.has(row.id) && (row.email_key !== key || row.email !== address))
      report.normalized.push({ id: row.id, email: address, key });
  }
  const inConflict = new Set(report.conflicts.flatMap((c) => c.accounts.map((a) => a.id)));
  report.normalized = report.normalized.filter((n) => !inConflict.has(n.id));
  return report;
}

/** An address for the log, quoted, with every invisible or control character spelled out (\u{200b}). */
function shown(address: string): string {
  return `"${address.replace(/[\p{Default_Ignorable_Code_Point}\p{C}\p{Z}"\\]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`)}"`;
}

/**
 * E-mail identity (issue 13): addresses are now compared after NFKC, with default-ignorable code
 * points removed, lower-cased, the domain in ASCII. Before, `olga@example.kz` followed by a
 * zero-width space was a second account for the same mailbox. This migration finds the existing
 * accounts that are one mailbox under the new rules and reports them (a warning listing ids and
 * addresses) without merging or changing them; accounts that collide with none are normalized. No
 * schema change: the unique index users_email_key_uq on the key stays and now holds the new key.
 */
export class EmailIdentity1795500200000 implements MigrationInterface {
  name = 'EmailIdentity1795500200000';

  /** Where the report goes; a test replaces it. */
  static logger: Pick<Logger, 'warn' | 'log'> = new Logger('Migration EmailIdentity');

  public async up(q: QueryRunner): Promise<void> {
    const rows = (await q.query(`SELECT id, email, email_key FROM users ORDER BY created_at, id`)) as StoredEmail[];
    const report = sortStoredEmails(rows);
    for (const n of report.normalized) {
      await q.query(`UPDATE users SET email = $2, email_key = $3 WHERE id = $1`, [n.id, n.email, n.key]);
    }
    const log = EmailIdentity1795500200000.logger;
    if (report.normalized.length > 0) log.log(`normalized the e-mail address of ${report.normalized.length} account(s)`);
    for (const c of report.conflicts) {
      const accounts = c.accounts.map((a) => `${a.id} ${shown(a.email)}`).join(', ');
      log.warn(`one mailbox, several accounts (left unchanged, resolve by hand): ${shown(c.key)}: ${accounts}`);
    }
    for (const r of report.refused) {
      log.warn(`account ${r.id} has an address the new rules refuse (left unchanged): ${shown(r.email)}`);
    }
  }

  public async down(): Promise<void> {
    // Nothing to undo: a normalized key is still trimmed and lower-cased, as the old rules wanted.
  }
}
