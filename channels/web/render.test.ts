import { describe, expect, it } from '@jest/globals';
import { messageHtml, renderMarkdown, renderTypedMarkdown } from './render.js';

describe('Markdown rendering for the widget', () => {
  it('shows an agent’s image as a link with its words, never as a remote <img>', () => {
    const html = renderTypedMarkdown('Look: ![x](https://tracker.example/p.gif)');
    expect(html).not.toMatch(/<img/);
    expect(html).toBe(
      '<p>Look: <a href="https://tracker.example/p.gif">x (https://tracker.example/p.gif)</a></p>',
    );
  });
  it('shows a bot article’s images, reference images and images inside links as words', () => {
    expect(renderMarkdown('![](https://cdn.example/a.png)')).toBe(
      '<p><a href="https://cdn.example/a.png">https://cdn.example/a.png</a></p>',
    );
    expect(renderMarkdown('![logo][l]\n\n[l]: https://cdn.example/l.png')).toBe(
      '<p><a href="https://cdn.example/l.png">logo (https://cdn.example/l.png)</a></p>',
    );
    expect(renderMarkdown('[![badge](https://t.example/b.svg)](https://shop.example)')).toBe(
      '<p><a href="https://shop.example">badge (https://t.example/b.svg)</a></p>',
    );
  });
  it('still drops a javascript: image URL (the words stay, inert)', () => {
    expect(renderMarkdown('![x](javascript:alert(1))')).toBe('<p><a>x (javascript:alert(1))</a></p>');
  });
  it('leaves other Markdown as it was', () => {
    expect(renderMarkdown('**hi** [shop](https://shop.example)')).toBe(
      '<p><strong>hi</strong> <a href="https://shop.example">shop</a></p>',
    );
  });
  it('shows Markdown nested deeper than 32 levels as the characters typed, at once, never throwing', () => {
    // 1,000 nested list items in one 2,000-character line overflowed remark's stack (an agent's reply, a
    // ticket comment); 600 indented levels took 5 s to parse.
    const started = performance.now();
    expect(messageHtml('agent', '+ '.repeat(1000))).toBe(`<p>${'+ '.repeat(999)}+</p>`);
    expect(messageHtml('agent', `a < b & c\n${'- '.repeat(40)}`)).toBe(
      `<p>a &lt; b &amp; c<br>\n${'- '.repeat(39)}-</p>`,
    );
    expect(renderMarkdown('> '.repeat(40) + '<b>x</b> & "y"')).toBe(
      `<p>${'&gt; '.repeat(40)}&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;</p>`,
    );
    const indented = Array.from({ length: 600 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n');
    expect(renderMarkdown(indented)).toMatch(/^<p>- x<br>\n {2}- x<br>/);
    expect(performance.now() - started).toBeLessThan(2000); // was seconds, then a RangeError
  });
  it('still renders lists nested to the limit', () => {
    const html = renderMarkdown(
      Array.from({ length: 32 }, (_, i) => `${' '.repeat(2 * i)}- level ${i + 1}`).join('\n'),
    );
    expect(html.match(/<ul>/g)).toHaveLength(32);
    expect(html).toContain('<li>level 32</li>');
  });
  it('shows text with more emphasis marks than it can resolve quickly as typed', () => {
    // "a**b" 20,000 times stopped the event loop for 10 s.
    const started = performance.now();
    const html = renderMarkdown('a**b'.repeat(20_000));
    expect(html).toBe(`<p>${'a**b'.repeat(20_000)}</p>`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
