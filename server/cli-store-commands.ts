import path from 'node:path';
import type { Config } from './config.js';
import type { Output } from './commands/output.js';
import { usage, type CliValues } from './cli-options.js';
import type { CliStreams } from './cli-streams.js';

const openStore = async (config: Config) => (await import('../store/open-store.js')).openStore(config);

/** A command line, parsed. */
export interface CliCommand {
  readonly command: string;
  readonly sub: string | undefined;
  readonly rest: readonly string[];
  readonly values: CliValues;
  readonly config: Config;
  readonly contentDir: string;
  readonly out: Output;
  readonly io: CliStreams;
}

/**
 * The commands that work on the store (agents, API keys, visitors' data, the review queue) and the Teams
 * manifest; each imports what it uses when it runs. Null: not one of these commands.
 */
export async function runStoreCommand(c: CliCommand): Promise<number | null> {
  const { command, sub, rest, values, config, contentDir, out, io } = c;
  if (command === 'agents' && (sub === 'add' || sub === 'list' || sub === 'disable') && rest.length === 0) {
    const { agentsAdd, agentsDisable, agentsList, readPassword } = await import('./commands/agents.js');
    const store = await openStore(config);
    try {
      if (sub === 'list') return await agentsList(store.agents, out);
      if (sub === 'disable') return await agentsDisable(store.agents, values.email, out);
      const { email, name, languages, skills, role, capacity } = values;
      const flags = Object.fromEntries(
        Object.entries({ email, name, languages, skills, role, capacity }).filter(([, v]) => v !== undefined),
      );
      return await agentsAdd(
        store.agents,
        flags,
        () => readPassword(io.stdin, out),
        out,
        (await import('../kb/load.js')).kbLanguageDirs(contentDir),
      );
    } finally {
      await store.close();
    }
  }
  if (
    command === 'apikeys' &&
    (sub === 'create' || sub === 'list' || sub === 'revoke') &&
    rest.length === 0
  ) {
    const { apiKeysCreate, apiKeysList, apiKeysRevoke } = await import('./commands/api-keys.js');
    const store = await openStore(config);
    try {
      if (sub === 'create') return await apiKeysCreate(store.apiKeys, values.name, out);
      if (sub === 'revoke') return await apiKeysRevoke(store.apiKeys, values.id, out);
      return await apiKeysList(store.apiKeys, out);
    } finally {
      await store.close();
    }
  }
  if (command === 'teams' && sub === 'manifest' && rest.length === 0) {
    const { teamsManifestCommand } = await import('./commands/teams.js');
    return teamsManifestCommand(
      { appId: values['app-id'], name: values.name, website: values.website, out: values.out },
      { appId: config.teams?.app?.id, publicUrl: config.publicUrl },
      out,
    );
  }
  if (command === 'visitors' && (sub === 'export' || sub === 'erase') && rest.length === 0) {
    const { visitorsErase, visitorsExport } = await import('./commands/visitors.js');
    const store = await openStore(config);
    try {
      const deps = { privacy: store.privacy, conversations: store.conversations, tickets: store.tickets };
      if (sub === 'export')
        return await visitorsExport(
          deps,
          values.visitor,
          values.out ? path.resolve(values.out) : undefined,
          out,
        );
      return await visitorsErase(deps, values.visitor, values.yes, out);
    } finally {
      await store.close();
    }
  }
  if (command === 'review' && (sub === 'list' || sub === 'add' || sub === 'dismiss') && rest.length === 0) {
    if (values.sort !== undefined && values.sort !== 'newest' && values.sort !== 'frequent') {
      out.error(`--sort is newest or frequent\n\n${usage}`);
      return 2;
    }
    const { reviewAdd, reviewDismiss, reviewList } = await import('./commands/review.js');
    const { reviewService } = await import('./review-service.js');
    const { LiveKnowledgeBase } = await import('../kb/live-kb.js');
    const store = await openStore(config);
    const kb = await LiveKnowledgeBase.open(config.contentDir);
    try {
      const review = reviewService(config, store, kb);
      if (sub === 'list')
        return await reviewList(
          review,
          {
            json: values.json,
            ...(values.lang ? { lang: values.lang } : {}),
            ...(values.sort ? { sort: values.sort } : {}),
          },
          out,
        );
      if (sub === 'dismiss') return await reviewDismiss(review, values.group, out);
      const { group, article, question } = values;
      return await reviewAdd(
        review,
        {
          ...(group ? { group } : {}),
          ...(article ? { article } : {}),
          ...(question !== undefined ? { question } : {}),
        },
        out,
      );
    } finally {
      await kb.close();
      await store.close();
    }
  }
  return null;
}
