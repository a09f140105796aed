import fc from 'fast-check';
import { htmlText, xmlAttribute, xmlText } from './xml';

/** What XML 1.0 allows in a document (2.2: Char), less the discouraged controls the writer also drops. */
const XML_CHARS = /^[\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

describe('xml escaping of the feeds', () => {
  it('escapes markup in text and attributes, and keeps tabs and line breaks of an attribute as references', () => {
    expect(xmlText('</title><script>a & b</script>]]>')).toBe('&lt;/title&gt;&lt;script&gt;a &amp; b&lt;/script&gt;]]&gt;');
    expect(xmlAttribute(`a"b'c<d>&\te\nf\rg`)).toBe('a&quot;b&apos;c&lt;d&gt;&amp;&#9;e&#10;f&#13;g');
  });

  it('drops what XML 1.0 forbids (controls, U+FFFE/FFFF, lone surrogates) and the C1 controls, keeping every other character', () => {
    expect(xmlText('a\u0000b\u0008c\u000bd\u001fe\u007ff\u0085g\ufffeh\uffffi\ud800j\udc00k')).toBe('abcdefghijk');
    expect(xmlText('Қазақ тілі 😀\t\n\r')).toBe('Қазақ тілі 😀\t\n\r');
  });

  it('writes a text as HTML for type="html": escaped, line breaks as <br>', () => {
    expect(htmlText(`<b>"x" & 'y'</b>\nnext\r\nlast`)).toBe('&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;<br>next<br>last');
  });

  it('leaves no character XML forbids and no markup, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        for (const out of [xmlText(text), xmlAttribute(text), xmlText(htmlText(text))]) {
          expect(out).toMatch(XML_CHARS);
          expect(out).not.toMatch(/[<>]/);
          expect(out.replace(/&(amp|lt|gt|quot|apos|#9|#10|#13|#39);/g, '')).not.toContain('&');
        }
        expect(xmlAttribute(text)).not.toMatch(/["'\t\n\r]/);
      }),
      { numRuns: 500 },
    );
  });
});
