import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface GitAuthor {
  readonly name: string;
  readonly email: string;
}

/**
 * Commits `files` in the git repository that holds them, with the admin as author (and committer), through
 * the git CLI (no shell). Does nothing and returns null when the folder is not in a git work tree; returns
 * the new commit's hash otherwise.
 */
export async function commitFiles(
  files: readonly string[],
  author: GitAuthor,
  message: string,
): Promise<string | null> {
  const first = files[0];
  if (!first) return null;
  const cwd = path.dirname(first);
  const git = (...args: string[]) => run('git', args, { cwd, timeout: 15_000 });
  try {
    const inside = await git('rev-parse', '--is-inside-work-tree');
    if (inside.stdout.trim() !== 'true') return null;
  } catch {
    return null;
  }
  const who = `${author.name.replace(/[<>\n]/g, '')} <${author.email.replace(/[<>\s]/g, '')}>`;
  await git('add', '--', ...files);
  await git(
    '-c',
    `user.name=${author.name.replace(/[<>\n]/g, '')}`,
    '-c',
    `user.email=${author.email.replace(/[<>\s]/g, '')}`,
    'commit',
    '--quiet',
    '--no-verify',
    `--author=${who}`,
    '-m',
    message,
    '--',
    ...files,
  );
  return (await git('rev-parse', 'HEAD')).stdout.trim();
}
