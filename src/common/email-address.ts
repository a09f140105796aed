import { domainToASCII } from 'node:url';

/** The longest address (and key) the users table holds. */
export const EMAIL_MAX_LENGTH = 320;

/** Characters that show nothing and change nothing (zero-width space, word joiner, soft hyphen, variation selectors, ...): removed. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * What must not remain once the ignorable characters are gone: control and format characters,
 * unassigned code points (their normalization may change with Unicode), private use, half surrogate
 * pairs, spaces and separators, and the blank braille pattern (shows as nothing).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}\p{Z}\u2800]/u;

const NON_ASCII = /[^\p{ASCII}]/u;

/** An e-mail address as the service knows it: `address` to write to, `key` to tell accounts apart. */
export interface EmailIdentity {
  /**
   * Where mail goes: compatibility forms composed (NFKC), invisible characters removed, spaces around
   * trimmed, a non-ASCII domain in its ASCII (punycode) form; the case as typed.
   */
  address: string;
  /** One account per key (the unique index users_email_key_uq): the address lower-cased, the domain in ASCII. */
  key: string;
  /** Why the address cannot name an account (what remains is invisible or a control character, or the domain is no domain), or null. */
  refusal: 'invisible' | 'domain' | 'length' | null;
}

/** NFKC without the ignorable characters (removed before composing, and again if NFKC made any), trimmed. */
function clean(text: string): string {
  return text.replace(IGNORABLE, '').normalize('NFKC').replace(IGNORABLE, '').normalize('NFKC').trim();
}

/** The lower-cased local part, composed again (lower-casing can undo NFKC), until it no longer changes. */
function keyOf(local: string): string {
  let key = local;
  for (let i = 0; i < 4; i++) {
    const next = clean(key.toLowerCase());
    if (next === key) break;
    key = next;
  }
  return key;
}

/**
 * The one normalization of an e-mail address, used wherever one is taken (registration, sign-in,
 * password reset, staff accounts, start-up and demo data, the migration that checked existing rows):
 * NFKC, default-ignorable code points removed, lower-cased, the domain as IDNA turns it into ASCII
 * (so `пример.қаз` and `xn--e1afmkfd.xn--80ao21a` are one domain). Idempotent: the key of a key is
 * itself.
 */
export function emailIdentity(input: string): EmailIdentity {
  const cleaned = clean(input);
  const at = cleaned.lastIndexOf('@');
  const local = at < 0 ? cleaned : cleaned.slice(0, at);
  const domain = at < 0 ? '' : cleaned.slice(at + 1);
  const asciiDomain = domainToASCII(domain);
  const address = at < 0 ? cleaned : `${local}@${NON_ASCII.test(domain) ? asciiDomain || domain : domain}`;
  const keyLocal = keyOf(local);
  const key = at < 0 ? keyLocal : `${keyLocal}@${asciiDomain || domain.toLowerCase()}`;
  let refusal: EmailIdentity['refusal'] = null;
  // before IDNA too: punycode would spell an invisible character of the domain in plain letters
  if (INVISIBLE.test(cleaned) || INVISIBLE.test(key)) refusal = 'invisible';
  else if (at < 0 || !asciiDomain) refusal = 'domain';
  else if (address.length > EMAIL_MAX_LENGTH || key.length > EMAIL_MAX_LENGTH) refusal = 'length';
  return { address, key, refusal };
}

/** The account key of an address (sign-in and password reset look accounts up by it). */
export function emailKey(input: string): string {
  return emailIdentity(input).key;
}
