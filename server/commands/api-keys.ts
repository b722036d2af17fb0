import type { ApiKeyStore } from '../../store/ports.js';
import { hashApiKey, newApiKey } from '../api-keys.js';
import type { Output } from './output.js';

/** `frontdesk apikeys create --name N`: prints the key once (only its SHA-256 is stored). */
export async function apiKeysCreate(
  keys: ApiKeyStore,
  name: string | undefined,
  out: Output,
): Promise<number> {
  const label = (name ?? '').trim();
  if (!/^[\p{L}\p{N} _.-]{1,60}$/u.test(label)) {
    out.error('Give the key a name (--name), 1–60 letters, digits, spaces, _ . or -.');
    return 2;
  }
  const key = newApiKey();
  const created = await keys.create(label, hashApiKey(key));
  out.line(`API key "${created.name}" (id ${created.id}):\n${key}\nKeep it now: it is not shown again.`);
  return 0;
}

export async function apiKeysList(keys: ApiKeyStore, out: Output): Promise<number> {
  const all = await keys.list();
  if (all.length === 0) out.line('No API keys yet: frontdesk apikeys create --name zendesk');
  for (const k of all)
    out.line(`${k.id}  ${k.name}  created ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}`);
  return 0;
}

export async function apiKeysRevoke(keys: ApiKeyStore, id: string | undefined, out: Output): Promise<number> {
  if (!id || !(await keys.revoke(id))) {
    out.error(`No live API key with id ${id ?? '(give --id)'}.`);
    return 2;
  }
  out.line(`Revoked ${id}.`);
  return 0;
}
