import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseForm } from './parse-form.js';
import { loadKb } from '../load.js';

const good = `title: { en: Order }
fields:
  - name: orderNumber
    type: regex
    pattern: '\\d{5}'
    label: { en: Order number }
    prompt: { en: Your order number? }
  - name: topic
    type: enum
    required: false
    label: { en: Topic }
    prompt: { en: About? }
    options:
      - { value: a, label: { en: A } }
      - { value: b, label: { en: B } }
`;

describe('parseForm', () => {
  it('reads fields with their defaults', () => {
    const { form, problems } = parseForm('order.yml', 'order', good);
    expect(problems).toEqual([]);
    expect(form?.fields.map((f) => [f.name, f.type, f.required, f.sensitive, f.maxLength])).toEqual([
      ['orderNumber', 'regex', true, false, 200],
      ['topic', 'enum', false, false, 200],
    ]);
  });

  it('names the file and line of an unknown type', () => {
    const { form, problems } = parseForm('f.yml', 'f', good.replace('type: regex', 'type: postcode'));
    expect(form).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'f.yml',
        line: 4,
        message: expect.stringMatching(/type must be one of text, email/),
      }),
    ]);
  });

  it('names the line of a regex that does not compile, with the reason', () => {
    const { problems } = parseForm('f.yml', 'f', good.replace("'\\d{5}'", "'(\\d{5}'"));
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'regex-invalid',
        line: 5,
        message: expect.stringMatching(/bad regex: .*(unterminated|missing)/i),
      }),
    ]);
  });

  it('reports YAML errors, a single-option enum, upside-down ranges and unknown keys', () => {
    expect(parseForm('f.yml', 'f', 'fields: [\n').problems[0]).toMatchObject({
      code: 'yaml-invalid',
      line: 2,
    });
    const oneOption = good.replace('      - { value: b, label: { en: B } }\n', '');
    expect(parseForm('f.yml', 'f', oneOption).problems[0]).toMatchObject({
      line: 14,
      message: expect.stringMatching(/at least two options/),
    });
    const range = good
      .replace('    type: regex\n', '    type: integer\n    min: 5\n    max: 1\n')
      .replace("    pattern: '\\d{5}'\n", '');
    expect(parseForm('f.yml', 'f', range).problems[0]).toMatchObject({
      line: 5,
      message: expect.stringMatching(/min \(5\) is greater than max \(1\)/),
    });
    const unknown = parseForm('f.yml', 'f', good.replace('    required: false\n', '    requird: false\n'));
    expect(unknown.form?.fields[1]?.required).toBe(true);
    expect(unknown.problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        line: 10,
        message: 'unknown key "requird" in field "topic"',
      }),
    );
  });
});

describe('forms in the KB', () => {
  const kbWith = (form: string, articleForm = 'order') => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fd-forms-'));
    mkdirSync(path.join(dir, 'kb', 'en'), { recursive: true });
    mkdirSync(path.join(dir, 'kb', 'fi'), { recursive: true });
    mkdirSync(path.join(dir, 'forms'));
    writeFileSync(path.join(dir, 'forms', 'order.yml'), form);
    for (const lang of ['en', 'fi'])
      writeFileSync(
        path.join(dir, 'kb', lang, 'a.md'),
        `---\nid: a\ntitle: Broken lamp ${lang}\nquestions: [my lamp broke]\nform: ${articleForm}\n---\nOrder {{orderNumber}}.\n`,
      );
    return dir;
  };

  it('loads them and checks every article’s form exists and speaks its language', async () => {
    const kb = await loadKb(kbWith(good));
    expect([...kb.forms.keys()]).toEqual(['order']);
    expect(kb.problems).toEqual([
      expect.objectContaining({
        code: 'form-language',
        line: 5,
        message: expect.stringMatching(/form "order" .* no fi label or prompt/),
      }),
    ]);
  });

  it('reports an article whose form is missing or broken', async () => {
    const missing = await loadKb(kbWith(good, 'nope'));
    expect(missing.problems.filter((p) => p.code === 'form-missing')).toHaveLength(2);
    const broken = await loadKb(kbWith(good.replace('type: regex', 'type: zip')));
    expect(broken.forms.size).toBe(0);
    expect(broken.problems.filter((p) => p.code === 'form-missing')[0]?.message).toBe(
      'form "order" has errors',
    );
  });
});
