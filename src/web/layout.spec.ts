import { layout, pageContext, pathWithoutLang, safeNext } from './layout';
import { html } from './html';

describe('layout helpers', () => {
  it('safeNext keeps same-site paths only', () => {
    expect(safeNext('/plans/1?cursor=x')).toBe('/plans/1?cursor=x');
    for (const bad of ['//evil.example', '/\\evil', 'https://evil.example', 'javascript:alert(1)', '', undefined, ['/x'], '/a\nb']) {
      expect(safeNext(bad)).toBe('/');
    }
  });
  it('safeNext refuses what cannot be a Location header: non-ASCII, spaces, control characters', () => {
    for (const bad of ['/к', '/plans/1?q=жол', '/caf\u00e9', '/a b', '/a\tb', '/a\u007fb', '/a\u2028b']) expect(safeNext(bad)).toBe('/');
    expect(safeNext('/plans/1?q=%D0%B6%D0%BE%D0%BB#remark-form')).toBe('/plans/1?q=%D0%B6%D0%BE%D0%BB#remark-form');
  });
  it('pathWithoutLang drops only lang', () => {
    expect(pathWithoutLang('/?lang=kk&q=a')).toBe('/?q=a');
    expect(pathWithoutLang('/plans/1?lang=ru')).toBe('/plans/1');
  });
  it('layout sets html lang, the skip link, switcher links and escapes the title', () => {
    const out = String(layout(pageContext('kk', true, '/plans/1?q=a&b'), { title: '<b>T</b>', body: html`<p>x</p>` }));
    expect(out).toContain('<html lang="kk">');
    expect(out).toContain('href="#main"');
    expect(out).toContain('<body class="lowvision">');
    expect(out).toContain('href="/lang/ru?next=%2Fplans%2F1%3Fq%3Da%26b"');
    expect(out).toContain('&lt;b&gt;T&lt;/b&gt;');
    expect(out).toContain('href="/view/standard?next=');
  });
});
