/** Declarative forms (`content/forms/<id>.yml`), as the bot uses them. */

export const fieldTypes = ['text', 'email', 'phone', 'number', 'integer', 'enum', 'date', 'regex'] as const;
export type FieldType = (typeof fieldTypes)[number];

/** Text per language code, e.g. `{ en: 'Your email?', fi: 'Sähköpostisi?' }`. */
export type Localized = Readonly<Record<string, string>>;

export interface EnumOption {
  readonly value: string;
  readonly label: Localized;
}

export interface FormField {
  readonly name: string;
  readonly type: FieldType;
  readonly required: boolean;
  /** Never written to logs or the unresolved-questions view; masked in `form-done` events. */
  readonly sensitive: boolean;
  /** The field's name as the summary shows it; defaults to the prompt. */
  readonly label: Localized;
  readonly prompt: Localized;
  /** Said after an invalid value; a generic message per type otherwise. */
  readonly hint: Localized;
  /** Characters, for text-like fields (the value is capped at maxLength). */
  readonly minLength?: number;
  readonly maxLength: number;
  /** Range, for number and integer fields. */
  readonly min?: number;
  readonly max?: number;
  /** For enum fields. */
  readonly options: readonly EnumOption[];
  /** For regex fields: the whole value must match (it is searched for in free text when pre-filling). */
  readonly pattern?: string;
  /** For phone fields: the ISO country assumed for numbers without a +prefix. */
  readonly country?: string;
}

export interface FormDefinition {
  readonly id: string;
  readonly title: Localized;
  readonly fields: readonly FormField[];
  readonly file: string;
}

/** A collected value: what is stored and interpolated (ISO date, E.164 phone, enum value, number). */
export type FieldValue = string | number;

/** Where a form in progress stands, stored on the conversation. */
export interface FormSession {
  readonly formId: string;
  /** What completes it: an article's answer, or (later) a ticket. */
  readonly purpose: { readonly kind: 'article'; readonly articleId: string } | { readonly kind: 'ticket' };
  readonly values: Readonly<Record<string, FieldValue>>;
  /** Fields filled from the visitor's free text, confirmed in the summary. */
  readonly prefilled: readonly string[];
  /** Fields the visitor skipped. */
  readonly skipped: readonly string[];
  /** The field being asked, or null at the confirmation summary. */
  readonly asking: string | null;
  /** After an edit from the summary, go back to it rather than on to the next field. */
  readonly editing: boolean;
  /** Invalid answers in a row to the current field. */
  readonly invalid: number;
}

/** The form a KB exposes to the bot. */
export interface FormSource {
  form(id: string): FormDefinition | undefined;
}
