import { LRUCache } from 'lru-cache';
import { kzCheckDigit } from './kz-check-digit';

/**
 * Personal data kept out of public view (Law on Personal Data): individual identity numbers (IIN),
 * Kazakh phone numbers and e-mail addresses in citizens' and organizers' texts are masked in every
 * public output. Company BINs are public facts and stay: a BIN's 5th digit is 4-6, so its "day" is 40
 * or more and it is never a real date, which is how an IIN is told from it.
 *
 * Masking replaces each digit with a bullet (separators stay, so the reader sees that a number was
 * there) and an e-mail address with `•••@•••`. It is idempotent and never reveals a digit of what it
 * masks. The stored texts keep the original for their author, the plan's organizer and moderators.
 */
export const MASK = '•';

/**
 * What may stand between the digits of a number as people type or paste it: up to three of spaces
 * (also no-break and thin ones), dashes of every kind, dots, soft hyphens and zero-width characters.
 */
const SEP = String.raw`[\s\u00a0\u2009\u202f\u00ad\u200b-\u200d\u2060.\-\u2010-\u2015\u2212]{0,3}`;

/**
 * IIN candidates: 12 digits in one run, not touching another digit (a number next to it after a space
 * or a dot, as in "п. 3 850115300001", is another number); or 12 digits grouped by separators, then with
 * no other digits joined to them by a separator either, so that an amount grouped in thousands
 * ("5 663 850 702 488 200") is never read as one.
 */
const IIN_CANDIDATES = [
  new RegExp(String.raw`(?<!\d)\d{12}(?!\d)`, 'g'),
  new RegExp(String.raw`(?<!\d${SEP})\d(?:${SEP}\d){11}(?!${SEP}\d)`, 'g'),
];

/**
 * A Kazakh number: an optional +7, 7 or 8, then the 10-digit national number, which starts with 7
 * (mobile 70x/74x/75x/77x and every city code), grouped 3-3-2-2, 3-3-4 or 4-2-2-2 with the area code
 * in optional parentheses. Amounts grouped in thousands (87 000 000 000) do not fit these groupings.
 */
const AREA3 = String.raw`(?:\(${SEP}7\d{2}${SEP}\)|7\d{2})`;
const AREA4 = String.raw`(?:\(${SEP}7\d{3}${SEP}\)|7\d{3})`;
const NATIONAL = [
  String.raw`${AREA3}${SEP}\d{3}${SEP}\d{2}${SEP}\d{2}`,
  String.raw`${AREA3}${SEP}\d{3}${SEP}\d{4}`,
  String.raw`${AREA4}${SEP}\d{2}${SEP}\d{2}${SEP}\d{2}`,
].join('|');
const PHONE = new RegExp(String.raw`(?<![\d+])(?:(?:\+${SEP}7|8|7)${SEP})?(?:${NATIONAL})(?!\d)`, 'g');

/** An e-mail address as people write it, Unicode letters included, a full-width ＠ and a space around it too (the domain needs a dot). */
const EMAIL = String.raw`[\p{L}\p{N}._%+-]+ ?[@＠] ?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`;
/** EMAIL tried at one position only. */
const EMAIL_HERE = new RegExp(EMAIL, 'uy');
/**
 * EMAIL starting where a run of the local part's characters starts. Every start inside one run leads
 * to the same '@' and the same domain, so trying each (as a plain global search does) only repeats
 * the first one's work: that made a long word without an address cost time quadratic in its length
 * (20 ms for 2,000 letters; seconds for a 10,000-character remark).
 */
const EMAIL_RUN = new RegExp(String.raw`(?<![\p{L}\p{N}._%+-])${EMAIL}`, 'gu');

/**
 * Every e-mail address masked, the same matches as `text.replace(EMAIL, ...)` in linear time: after
 * a match the search goes on from its end, also inside a run (EMAIL_HERE), then from the next run's start.
 */
function maskEmails(text: string): string {
  if (!/[@＠]/.test(text)) return text;
  let masked = '';
  let done = 0;
  while (done < text.length) {
    EMAIL_HERE.lastIndex = done;
    let found = EMAIL_HERE.exec(text);
    if (!found) {
      EMAIL_RUN.lastIndex = done + 1;
      found = EMAIL_RUN.exec(text);
    }
    if (!found) break;
    masked += text.slice(done, found.index) + `${MASK.repeat(3)}@${MASK.repeat(3)}`;
    done = found.index + found[0].length;
  }
  return masked + text.slice(done);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * An individual identity number: YYMMDD a real date (the century from the 7th digit: 1-2 the 1800s,
 * 3-4 the 1900s, 5-6 the 2000s), the 7th digit 1-6, and a correct check digit.
 */
export function isValidIin(iin: string): boolean {
  if (!/^\d{12}$/.test(iin)) return false;
  const digits = [...iin].map(Number);
  const centuryDigit = digits[6];
  if (centuryDigit < 1 || centuryDigit > 6) return false;
  const year = 1800 + 100 * Math.floor((centuryDigit - 1) / 2) + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1];
  if (day > days) return false;
  return kzCheckDigit(digits.slice(0, 11)) === digits[11];
}

const maskDigits = (text: string) => text.replace(/\d/g, MASK);

/** Every valid IIN among one kind of candidate; a candidate that is no IIN does not hide one it overlaps. */
function maskIins(text: string, pattern: RegExp): string {
  const candidates = new RegExp(pattern.source, 'g');
  let masked = '';
  let done = 0;
  for (let found = candidates.exec(text); found !== null; found = candidates.exec(text)) {
    if (isValidIin(found[0].replace(/\D/g, ''))) {
      masked += text.slice(done, found.index) + maskDigits(found[0]);
      done = found.index + found[0].length;
    } else {
      candidates.lastIndex = found.index + 1;
    }
  }
  return masked + text.slice(done);
}

/**
 * Texts already masked, by their text: every reader of a public page gets the same remarks and answers,
 * so each text's regular expressions run once rather than on every request (about 40 texts on a page of
 * ten answered remarks). Bounded by characters held (keys and values), never by trust in the input.
 */
const maskedTexts = new LRUCache<string, string>({
  maxSize: 4_000_000,
  maxEntrySize: 40_000,
  sizeCalculation: (masked, text) => masked.length + text.length,
});

/** The text with every IIN, Kazakh phone number and e-mail address masked. */
export function maskPersonalData(text: string): string {
  if (!/[\d@＠]/.test(text)) return text;
  const known = maskedTexts.get(text);
  if (known !== undefined) return known;
  const masked = IIN_CANDIDATES.reduce(maskIins, maskEmails(text)).replace(PHONE, maskDigits);
  maskedTexts.set(text, masked);
  return masked;
}

/** Whether maskPersonalData would change the text (the author is told that the public sees it masked). */
export function containsPersonalData(text: string): boolean {
  return maskPersonalData(text) !== text;
}
