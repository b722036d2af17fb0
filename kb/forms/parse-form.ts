import { isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';
import { fieldTypes, type FormDefinition, type FormField } from '../../forms/types.js';
import { fieldRegex } from '../../forms/pattern.js';
import { parseYaml } from '../front-matter.js';
import type { KbProblem } from '../types.js';

const localized = z.record(
  z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'language codes look like en, fi, ar'),
  z.string().trim().min(1, 'must not be empty'),
);
const count = z.number().int().min(0);

const fieldSchema = z.object({
  name: z.string().regex(/^[A-Za-z_]\w{0,63}$/, 'name must be a letter or _ then letters, digits or _'),
  type: z.enum(fieldTypes, { error: `type must be one of ${fieldTypes.join(', ')}` }),
  required: z.boolean().default(true),
  sensitive: z.boolean().default(false),
  label: localized,
  prompt: localized,
  hint: localized.default({}),
  minLength: count.optional(),
  maxLength: count.min(1).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  options: z.array(z.object({ value: z.string().trim().min(1), label: localized })).default([]),
  pattern: z.string().min(1).optional(),
  country: z.string().optional(),
});

const formSchema = z.object({
  id: z.string().optional(),
  title: localized.default({}),
  fields: z.array(z.unknown()).min(1, 'a form needs at least one field'),
});

const knownFieldKeys = new Set(Object.keys(fieldSchema.shape));
const knownFormKeys = new Set(Object.keys(formSchema.shape));

/** Longest value kept, by type, when the form does not say. */
const defaultMaxLength = (type: FormField['type']): number => (type === 'text' ? 1000 : 200);

export interface ParsedForm {
  readonly form: FormDefinition | null;
  readonly problems: KbProblem[];
}

/**
 * Parses `content/forms/<id>.yml`; never throws. Every problem names the file and line: YAML errors, an
 * unknown type, a regex that does not compile, enum options missing, ranges upside down. A form with
 * any error is left out.
 */
export function parseForm(file: string, id: string, source: string): ParsedForm {
  const problems: KbProblem[] = [];
  const problem = (line: number, code: string, message: string, severity: KbProblem['severity'] = 'error') =>
    problems.push({ severity, code, file, line, message });
  const yaml = parseYaml(source.replace(/^\uFEFF/, ''), 1);
  for (const e of yaml.errors) problem(e.line, 'yaml-invalid', e.message);
  if (yaml.errors.length > 0) return { form: null, problems };

  const top = formSchema.safeParse(yaml.value);
  if (!top.success) {
    for (const issue of top.error.issues)
      problem(
        yaml.lineOf(issue.path.map(String)),
        'form-invalid',
        `${issue.path.join('.') || 'form'}: ${issue.message}`,
      );
    return { form: null, problems };
  }
  const raw = yaml.value as Record<string, unknown>;
  for (const key of Object.keys(raw))
    if (!knownFormKeys.has(key))
      problem(yaml.lineOf([key]), 'key-unknown', `unknown key "${key}"`, 'warning');
  if (top.data.id !== undefined && top.data.id !== id)
    problem(yaml.lineOf(['id']), 'form-id', `id "${top.data.id}" must match the file name ("${id}")`);

  const fields: FormField[] = [];
  const names = new Set<string>();
  top.data.fields.forEach((rawField, i) => {
    const at = (...path: Array<string | number>) => yaml.lineOf(['fields', i, ...path]);
    const parsed = fieldSchema.safeParse(rawField);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
        problem(
          at(...path),
          'field-invalid',
          `field ${i + 1}${path.length ? ` ${path.join('.')}` : ''}: ${issue.message}`,
        );
      }
      return;
    }
    const f = parsed.data;
    if (typeof rawField === 'object' && rawField !== null)
      for (const key of Object.keys(rawField))
        if (!knownFieldKeys.has(key))
          problem(at(key), 'key-unknown', `unknown key "${key}" in field "${f.name}"`, 'warning');
    const before = problems.filter((p) => p.severity === 'error').length;
    if (names.has(f.name)) problem(at('name'), 'field-duplicate', `field name "${f.name}" is used twice`);
    names.add(f.name);
    if (f.type === 'regex') {
      if (!f.pattern)
        problem(at('type'), 'field-invalid', `field "${f.name}": a regex field needs a pattern`);
      else if (!fieldRegex(f.pattern)) {
        let reason = 'it does not compile';
        try {
          new RegExp(f.pattern, 'u');
        } catch (err) {
          reason = err instanceof Error ? err.message : reason;
        }
        problem(at('pattern'), 'regex-invalid', `field "${f.name}": bad regex: ${reason}`);
      } else if (fieldRegex(f.pattern)?.test(''))
        problem(at('pattern'), 'regex-invalid', `field "${f.name}": the pattern matches an empty value`);
    } else if (f.pattern)
      problem(at('pattern'), 'field-invalid', `field "${f.name}": pattern only applies to regex fields`);
    if (f.type === 'enum') {
      if (f.options.length < 2)
        problem(at('options'), 'field-invalid', `field "${f.name}": an enum needs at least two options`);
      const values = f.options.map((o) => o.value);
      if (new Set(values).size !== values.length)
        problem(at('options'), 'field-invalid', `field "${f.name}": option values must be unique`);
    } else if (f.options.length > 0)
      problem(at('options'), 'field-invalid', `field "${f.name}": options only apply to enum fields`);
    if (f.min !== undefined && f.max !== undefined && f.min > f.max)
      problem(at('min'), 'field-invalid', `field "${f.name}": min (${f.min}) is greater than max (${f.max})`);
    if (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength)
      problem(at('minLength'), 'field-invalid', `field "${f.name}": minLength is greater than maxLength`);
    if (f.country !== undefined && (f.type !== 'phone' || !isSupportedCountry(f.country)))
      problem(
        at('country'),
        'field-invalid',
        `field "${f.name}": country must be an ISO code like FI, on a phone field`,
      );
    if (problems.filter((p) => p.severity === 'error').length > before) return;
    const { minLength, maxLength, min, max, pattern, country, ...rest } = f;
    fields.push({
      ...rest,
      maxLength: maxLength ?? defaultMaxLength(f.type),
      ...(minLength !== undefined ? { minLength } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(pattern !== undefined ? { pattern } : {}),
      ...(country !== undefined ? { country } : {}),
    });
  });
  if (problems.some((p) => p.severity === 'error')) return { form: null, problems };
  return { form: { id, title: top.data.title, fields, file }, problems };
}

/** Languages a form speaks completely: every field has a label and a prompt, every option a label. */
export function formLanguages(form: FormDefinition): Set<string> {
  const sets = form.fields.flatMap((f) => [f.label, f.prompt, ...f.options.map((o) => o.label)]);
  const all = new Set(sets.flatMap((s) => Object.keys(s)));
  return new Set([...all].filter((lang) => sets.every((s) => s[lang] !== undefined)));
}
