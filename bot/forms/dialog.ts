import type { Translator } from '../../common/translator.js';
import type { Choice } from '../../conversation/types.js';
import { visitorLocale, type TurnContext } from '../turn.js';
import type { FieldValue, FormDefinition, FormField, FormSession } from '../../forms/types.js';
import { displayValue, escapeMarkdown, interpolate, maskedValues } from './render.js';
import { comparable, localize } from './options.js';
import { parseValue, type ParsedValue } from './parse-value.js';
import { prefill } from './prefill.js';
import { formCommand } from './commands.js';
import { choice } from '../../conversation/choices.js';

/** After this many invalid answers in a row the bot offers a person. */
export const maxInvalid = 3;

export const formPostback = {
  option: (value: string) => `form:opt:${value}`,
  edit: (name: string) => `form:edit:${name}`,
  skip: 'form:skip',
  cancel: 'form:cancel',
  confirm: 'form:confirm',
  person: 'handoff:request',
} as const;

export interface FormContext {
  readonly ctx: TurnContext;
  readonly form: FormDefinition;
  readonly t: Translator;
}

const setSession = (ctx: TurnContext, form: FormSession | null, details?: Record<string, FieldValue>) => {
  const state = ctx.conversation.state;
  ctx.conversation = {
    ...ctx.conversation,
    state: { ...state, form, ...(details ? { details: { ...state.details, ...details } } : {}) },
  };
};

/** The values without one field's. */
const without = (values: Readonly<Record<string, FieldValue>>, name: string): Record<string, FieldValue> =>
  Object.fromEntries(Object.entries(values).filter(([key]) => key !== name));

const fieldOf = (form: FormDefinition, name: string | null) => form.fields.find((f) => f.name === name);

/** Asks one field: its prompt, the options of an enum, Skip for an optional one. */
function ask(fc: FormContext, session: FormSession, field: FormField, before: string[] = [], first = false) {
  const { ctx, t } = fc;
  const choices: Choice[] = field.options.map((o) =>
    choice(localize(o.label, ctx.lang), formPostback.option(o.value)),
  );
  if (!field.required) choices.push(choice(t.t('form.skip', ctx.lang), formPostback.skip));
  const intro = first ? [t.t('form.intro', ctx.lang)] : [];
  ctx.send({
    text: [...before, ...intro, localize(field.prompt, ctx.lang)].join('\n\n'),
    choices,
    event: first ? 'form' : null,
  });
  setSession(ctx, { ...session, asking: field.name });
}

/** The collected values, with Confirm, one Change per field, and Cancel. */
function summarize(fc: FormContext, session: FormSession, before: string[] = []) {
  const { ctx, form, t } = fc;
  const lines = form.fields.map((f) => {
    const v = session.values[f.name];
    const shown =
      v === undefined
        ? `_${t.t('form.notGiven', ctx.lang)}_`
        : escapeMarkdown(displayValue(f, v, ctx.lang, visitorLocale(ctx)));
    const note = session.prefilled.includes(f.name) ? ` _${t.t('form.fromMessage', ctx.lang)}_` : '';
    return `- **${escapeMarkdown(localize(f.label, ctx.lang))}:** ${shown}${note}`;
  });
  ctx.send({
    text: [
      ...before,
      t.t('form.summary', ctx.lang),
      lines.join('\n'),
      t.t('form.confirmQuestion', ctx.lang),
    ].join('\n\n'),
    choices: [
      choice(t.t('form.confirm', ctx.lang), formPostback.confirm),
      ...form.fields.map((f) =>
        choice(t.t('form.edit', ctx.lang, { field: localize(f.label, ctx.lang) }), formPostback.edit(f.name)),
      ),
      choice(t.t('form.cancel', ctx.lang), formPostback.cancel),
    ],
  });
  setSession(ctx, { ...session, asking: null, editing: false, invalid: 0 });
}

/** The next field without a value (and not skipped), or the summary when there is none. */
function advance(fc: FormContext, session: FormSession, before: string[] = [], first = false) {
  if (session.editing) return summarize(fc, session, before);
  const next = fc.form.fields.find(
    (f) => session.values[f.name] === undefined && !session.skipped.includes(f.name),
  );
  if (next) ask(fc, session, next, before, first);
  else summarize(fc, session, before);
}

/** Starts collecting `form`, pre-filled from the visitor's message. */
export function startForm(fc: FormContext, purpose: FormSession['purpose']): void {
  const values = prefill(fc.form, fc.ctx.visitorMessage.text, fc.ctx.lang);
  const session: FormSession = {
    formId: fc.form.id,
    purpose,
    values,
    prefilled: Object.keys(values),
    skipped: [],
    asking: null,
    editing: false,
    invalid: 0,
  };
  advance(fc, session, [], true);
}

/** Re-asks where the form stands, after a KB answer in the middle of it. */
export function resumeForm(fc: FormContext, session: FormSession): void {
  const before = [fc.t.t('form.resume', fc.ctx.lang)];
  const field = fieldOf(fc.form, session.asking);
  if (field) ask(fc, session, field, before);
  else summarize(fc, session, before);
}

export type FormOutcome =
  | { readonly kind: 'handled' }
  | { readonly kind: 'done'; readonly values: Readonly<Record<string, FieldValue>> }
  | { readonly kind: 'person' }
  /** Not an answer to the form: maybe a question for the KB. */
  | { readonly kind: 'unparsed'; readonly invalid: () => void };

function invalidAnswer(fc: FormContext, session: FormSession, field: FormField, parsed: ParsedValue) {
  const { ctx, t } = fc;
  const reason = parsed.ok ? 'invalid' : parsed.reason;
  const invalid = session.invalid + 1;
  // A specific reason (out of range, no country code) says it all; a plain "invalid" gets the type's hint.
  const hint =
    localize(field.hint, ctx.lang) ||
    (reason === 'invalid' ? t.t(`form.typeHint.${field.type}`, ctx.lang) : '');
  const why = t.t(`form.invalid.${reason}`, ctx.lang, { min: field.min ?? '', max: field.max ?? '' });
  if (invalid >= maxInvalid) {
    ctx.send({
      text: [why, hint, t.t('form.offerPerson', ctx.lang)].filter(Boolean).join(' '),
      choices: [
        choice(t.t('form.person', ctx.lang), formPostback.person),
        choice(t.t('form.keepTrying', ctx.lang), 'form:retry'),
        choice(t.t('form.cancel', ctx.lang), formPostback.cancel),
      ],
    });
    setSession(ctx, { ...session, invalid });
    return;
  }
  ask(fc, { ...session, invalid }, field, [[why, hint].filter(Boolean).join(' ')]);
}

/** Finishes: the values go on the conversation; the caller sends what completes the purpose. */
function complete(fc: FormContext, session: FormSession): FormOutcome {
  setSession(fc.ctx, null, { ...session.values });
  return { kind: 'done', values: session.values };
}

/** The answer that completes an article's form: its body with the values filled in. */
export function completedArticle(
  fc: FormContext,
  body: string,
  values: Readonly<Record<string, FieldValue>>,
) {
  return {
    text: interpolate(body, fc.form, values, fc.ctx.lang, visitorLocale(fc.ctx)),
    event: 'form-done' as const,
    form: { id: fc.form.id, values: maskedValues(fc.form, values) },
  };
}

/** One visitor message while a form is open. */
export function continueForm(fc: FormContext, session: FormSession): FormOutcome {
  const { ctx, form, t } = fc;
  const postback = ctx.input.postback ?? '';
  const text = ctx.visitorMessage.text;
  const command = postback.startsWith('form:') ? null : formCommand(text, ctx.lang, t);
  const field = fieldOf(form, session.asking);

  if (postback === formPostback.person) {
    setSession(ctx, null, { ...session.values });
    return { kind: 'person' };
  }
  if (
    postback === formPostback.cancel ||
    command === 'cancel' ||
    comparable(text, ctx.lang) === comparable(t.t('form.cancel', ctx.lang), ctx.lang)
  ) {
    setSession(ctx, null);
    ctx.send({ text: t.t('form.cancelled', ctx.lang) });
    return { kind: 'handled' };
  }
  if (postback === 'form:retry') {
    if (field) ask(fc, { ...session, invalid: 0 }, field);
    else summarize(fc, session);
    return { kind: 'handled' };
  }
  if (command === 'back') {
    const index = field ? form.fields.indexOf(field) : form.fields.length;
    const previous = form.fields
      .slice(0, index)
      .reverse()
      .find((f) => session.values[f.name] !== undefined || session.skipped.includes(f.name));
    if (!previous) {
      if (field) ask(fc, session, field, [t.t('form.atStart', ctx.lang)]);
      return { kind: 'handled' };
    }
    const values = without(session.values, previous.name);
    ask(
      fc,
      { ...session, values, skipped: session.skipped.filter((n) => n !== previous.name), invalid: 0 },
      previous,
    );
    return { kind: 'handled' };
  }

  if (!field) {
    // At the summary.
    const edit = postback.startsWith('form:edit:')
      ? fieldOf(form, postback.slice('form:edit:'.length))
      : undefined;
    if (edit) {
      ask(fc, { ...session, editing: true, invalid: 0 }, edit);
      return { kind: 'handled' };
    }
    // A channel without buttons: the choice's label typed out (or its number, which the channel maps).
    const typed = comparable(text, ctx.lang);
    const label = (key: string, vars?: Record<string, string>) =>
      comparable(t.t(key, ctx.lang, vars), ctx.lang);
    if (postback === formPostback.confirm || command === 'yes' || typed === label('form.confirm'))
      return complete(fc, session);
    const typedEdit = form.fields.find(
      (f) => typed === label('form.edit', { field: localize(f.label, ctx.lang) }),
    );
    if (typedEdit) {
      ask(fc, { ...session, editing: true, invalid: 0 }, typedEdit);
      return { kind: 'handled' };
    }
    return { kind: 'unparsed', invalid: () => summarize(fc, session, [t.t('form.pickOne', ctx.lang)]) };
  }

  if (postback === formPostback.skip || command === 'skip') {
    if (field.required) {
      ask(fc, session, field, [t.t('form.required', ctx.lang)]);
      return { kind: 'handled' };
    }
    const values = without(session.values, field.name);
    advance(fc, { ...session, values, skipped: [...session.skipped, field.name], invalid: 0 });
    return { kind: 'handled' };
  }

  const option = postback.startsWith('form:opt:')
    ? field.options.find((o) => o.value === postback.slice('form:opt:'.length))
    : undefined;
  const parsed: ParsedValue = option
    ? { ok: true, value: option.value }
    : parseValue(field, text, ctx.lang, undefined, visitorLocale(ctx));
  if (!parsed.ok) return { kind: 'unparsed', invalid: () => invalidAnswer(fc, session, field, parsed) };
  const before = parsed.capped ? [t.t('form.capped', ctx.lang, { max: field.maxLength })] : [];
  advance(
    fc,
    {
      ...session,
      values: { ...session.values, [field.name]: parsed.value },
      prefilled: session.prefilled.filter((n) => n !== field.name),
      skipped: session.skipped.filter((n) => n !== field.name),
      invalid: 0,
    },
    before,
  );
  return { kind: 'handled' };
}
