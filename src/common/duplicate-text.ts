import { createHash } from 'node:crypto';

/**
 * The key that tells a duplicate remark: the same author's same text on the same plan in the same stage
 * (the unique index remarks_duplicate_uq adds author, plan and stage). The text is compared after
 * Unicode normalization, without invisible characters, in lower case and with runs of white space made
 * one space. A dispute of a commitment has no key: the commitment verdict files one per commitment
 * version, and the same reason may dispute two versions.
 */
export function remarkDuplicateKey(body: string): string {
  const text = body
    .normalize('NFKC')
    .replace(/[\u200b-\u200f\u2060\ufeff\u00ad]/g, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
  return createHash('sha256').update(text).digest('hex');
}
