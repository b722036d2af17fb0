import type { Store } from '../store/ports.js';
import type { LiveKnowledgeBase } from '../kb/live-kb.js';
import type { Config } from './config.js';
import { ReviewService } from '../review/service.js';

/** The admins' review queue on the store and CONTENT_DIR (the server and `frontdesk review` share it). */
export function reviewService(config: Config, store: Store, kb: LiveKnowledgeBase): ReviewService {
  return new ReviewService({
    unresolved: store.unresolved,
    marks: store.reviewMarks,
    missingTranslations: store.missingTranslations,
    kb,
    contentDir: config.contentDir,
    defaultLang: config.defaultLang,
    gitCommit: config.reviewGitCommit,
  });
}
