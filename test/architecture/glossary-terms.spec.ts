import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kk } from '../../src/common/i18n/kk';
import { ru } from '../../src/common/i18n/ru';
import type { Finding } from './source-scan';
import { report, ROOT, tsFilesUnder } from './source-scan';

/**
 * The glossary (/work/shared/glossary.md, from the study the procedure follows) names the in-person
 * public hearing "бетпе-бет көпшілік тыңдаулар" / "очные публичные слушания". Pages, e-mails, the
 * iCalendar, the OCDS and the feeds once also said "Жария тыңдау", "Қоғамдық тыңдаулар" and
 * "Общественные слушания" (a "қоғамдық/общественный" is the council's word, not the hearing's).
 */
const NOT_GLOSSARY: readonly { term: RegExp; use: string }[] = [
  { term: /(жария|қоғамдық|ашық)\s+тыңдау/iu, use: 'көпшілік тыңдаулар' },
  { term: /(общественн|открыт)\p{L}*\s+слушани/iu, use: 'публичные слушания' },
];

function findings(file: string, text: string): Finding[] {
  return text.split('\n').flatMap((line, index) =>
    NOT_GLOSSARY.filter(({ term }) => term.test(line)).map(({ term, use }) => ({
      file,
      line: index + 1,
      what: `"${term.exec(line)![0]}": the glossary says "${use}"`,
    })),
  );
}

/** Every string a catalogue holds, functions called with placeholder parameters. */
function catalogueTexts(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (typeof node === 'function') {
    const sample = new Proxy({}, { get: (_target, key) => `{${String(key)}}` });
    return [[path, String((node as (p: unknown) => unknown)(sample))]];
  }
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([key, value]) => catalogueTexts(value, path ? `${path}.${key}` : key));
  return [];
}

describe('the hearing is named as the glossary says, in Kazakh and Russian', () => {
  it('in the kk and ru catalogues (pages, e-mails, iCalendar, OCDS, feeds, API messages)', () => {
    const found = Object.entries({ kk, ru }).flatMap(([locale, catalogue]) =>
      catalogueTexts(catalogue).flatMap(([key, text]) => findings(`${locale}.${key}`, text)),
    );
    expect(report(found)).toBe('');
  });

  it('in every source file: the catalogues, the e-mail templates, the demo content', () => {
    const files = tsFilesUnder('src').filter((file) => !file.endsWith('.spec.ts'));
    expect(files).toEqual(expect.arrayContaining(['src/common/i18n/kk/hearings.ts', 'src/notifications/emails/hearing.email.ts']));
    expect(report(files.flatMap((file) => findings(file, readFileSync(join(ROOT, file), 'utf8'))))).toBe('');
  });

  it('the check finds the variants it is for, and not the glossary terms', () => {
    const text = ['Жария тыңдау', 'Қоғамдық тыңдаулар', 'ертең қоғамдық тыңдаулар', 'Общественные слушания', 'об общественных слушаниях'];
    expect(text.map((line) => findings('x', line).length)).toEqual([1, 1, 1, 1, 1]);
    const fine = [
      'Көпшілік тыңдаулар',
      'бетпе-бет көпшілік тыңдаулар',
      'Қоғамдық кеңес тыңдаулар хаттамасын',
      'Публичные слушания',
      'общественный совет',
    ];
    expect(fine.flatMap((line) => findings('x', line))).toEqual([]);
  });
});
