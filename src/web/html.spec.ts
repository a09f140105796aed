import { escapeHtml, html, htmlMessage, join, raw, SafeHtml } from './html';

describe('html tagged template', () => {
  it('escapes every interpolation', () => {
    const user = `<script>alert(1)</script>" onmouseover='x' & \``;
    const out = html`<p title="${user}">${user}</p>`.toString();
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&#39;x&#39; &amp; &#96;">&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&#39;x&#39; &amp; &#96;</p>',
    );
    expect(out).not.toContain('<script>');
  });

  it('keeps nested templates and arrays of templates as HTML', () => {
    const items = ['a<b', 'c&d'];
    const out = html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(String(out)).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    expect(String(html`${null}${undefined}${false}${0}${42}${true}`)).toBe('042true');
  });

  it('escapes strings inside arrays', () => {
    expect(String(html`${['<i>', html`<b>`]}`)).toBe('&lt;i&gt;<b>');
  });

  it('raw marks trusted markup; join escapes its parts', () => {
    expect(String(html`${raw('<hr>')}`)).toBe('<hr>');
    expect(String(join(['<a>', html`<br>`], html`, `))).toBe('&lt;a&gt;, <br>');
  });

  it('escapeHtml leaves ordinary text (Cyrillic, Kazakh) alone', () => {
    expect(escapeHtml('Қоғамдық талқылау — общественное обсуждение')).toBe('Қоғамдық талқылау — общественное обсуждение');
  });
});

describe('htmlMessage', () => {
  it('escapes the message and its text parameters, keeps markup parameters', () => {
    const out = htmlMessage('Remark by {name} on {time} & more', {
      name: '<b>Eve</b>',
      time: html`<time datetime="2027-03-03">3 March</time>`,
    });
    expect(out.toString()).toBe('Remark by &lt;b&gt;Eve&lt;/b&gt; on <time datetime="2027-03-03">3 March</time> &amp; more');
  });

  it('fills a message function, passing numbers through', () => {
    const message = (p: { n: number; time: string }) => `${p.n === 1 ? 'one' : 'many'} until ${p.time}`;
    expect(htmlMessage(message, { n: 1, time: html`<time datetime="2027-03-03">x</time>` }).toString()).toBe(
      'one until <time datetime="2027-03-03">x</time>',
    );
  });

  it('a person’s text cannot name a markup slot', () => {
    const out = htmlMessage('{a} {b}', { a: '\uE0000\uE001', b: html`<i>x</i>` }).toString();
    expect(out).toBe('0 <i>x</i>');
  });
});
