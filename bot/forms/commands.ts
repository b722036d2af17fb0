import type { Translator } from '../../common/translator.js';
import { comparable, comparableList } from './options.js';

export type FormCommand = 'skip' | 'cancel' | 'back' | 'yes';

const commands: readonly FormCommand[] = ['cancel', 'back', 'skip', 'yes'];

/**
 * A typed command inside a form ("skip", "cancel"/"stop", "back", "yes"), in the visitor's language or
 * English: the whole message must be one of the words listed in `form.words.<command>` (| separated).
 */
export function formCommand(text: string, lang: string, t: Translator): FormCommand | null {
  const typed = comparable(text, lang);
  if (typed === '') return null;
  for (const command of commands) {
    for (const l of new Set([lang, 'en'])) {
      if (comparableList(t.t(`form.words.${command}`, l), l).includes(typed)) return command;
    }
  }
  return null;
}
