import { describe, expect, it } from '@jest/globals';
import { renderMarkdown, renderTypedMarkdown } from './render.js';

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
});
