import type { LanguageIdentifier } from '../bot/ports.js';
import type { LiveKnowledgeBase } from '../kb/live-kb.js';
import { renderMarkdown } from '../channels/web/render.js';
import { handshakeSchema, sendPayloadSchema } from '../channels/web/validate.js';

/**
 * Runs the parts of a visitor's turn that are slow on first use once before the server listens: the
 * Markdown pipeline, the payload schemas (zod compiles each on its first parse), the language detector
 * and the matcher, with one article of each KB language as the probe. In the flood benchmark on a
 * loaded machine the first turn after a start took 60–430 ms of its own without this, 30–70 ms with it.
 * Reads only: nothing is stored and no conversation is started.
 */
export async function warmUpTurnPath(parts: {
  kb: Pick<LiveKnowledgeBase, 'languages' | 'articles' | 'match'>;
  languages: LanguageIdentifier;
}): Promise<void> {
  sendPayloadSchema.safeParse({ id: 'warm-up', text: 'warm-up' });
  handshakeSchema.safeParse({});
  for (const lang of parts.kb.languages()) {
    const article = parts.kb.articles(lang)[0];
    if (!article) continue;
    try {
      renderMarkdown(article.body);
      parts.languages.detect(article.title, { current: null, hints: [lang] });
      await parts.kb.match(article.title, lang);
    } catch {
      // Only a warm-up: whatever fails here fails, and is reported, in the visitor's turn instead.
    }
  }
}
