import { el } from '../shared/dom.js';

export { el, newClientId } from '../shared/dom.js';

/** A real button (type="button" unless given) that runs `onClick`. */
export function button(
  text: string,
  onClick: (e: MouseEvent) => void,
  attrs: Record<string, string> = {},
): HTMLButtonElement {
  const node = el('button', { type: 'button', ...attrs }, text);
  node.addEventListener('click', onClick);
  return node;
}

/** "just now", "4 min", "1 h 05 min" since an ISO time. */
export function waitingFor(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (!Number.isFinite(minutes) || minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Hours and minutes of an ISO time in the agent's locale. */
export function clock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** The URL when it is http(s), else null (a `javascript:` page must never become a link). */
export function safeHttpUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A small pill such as a language code or a skill. */
export function badge(text: string, kind: string): HTMLElement {
  return el('span', { class: `badge badge-${kind}` }, text);
}

/**
 * Makes `parent`'s children exactly `nodes`, in order, moving only what is out of place, so a focused
 * button that stays does not lose focus when a list refreshes.
 */
export function reconcile(parent: Element, nodes: readonly Element[]): void {
  const keep = new Set(nodes);
  for (const child of [...parent.children]) if (!keep.has(child)) child.remove();
  nodes.forEach((node, i) => {
    const current = parent.children[i];
    if (current !== node) parent.insertBefore(node, current ?? null);
  });
}

/** Keeps built elements by key and rebuilds one only when its `signature` changes. */
export class NodeCache<T extends Element> {
  private readonly nodes = new Map<string, { signature: string; node: T }>();

  get(key: string, signature: string, build: () => T): T {
    const hit = this.nodes.get(key);
    if (hit && hit.signature === signature) return hit.node;
    const node = build();
    this.nodes.set(key, { signature, node });
    return node;
  }

  /** Forgets keys no longer shown. */
  retain(keys: Iterable<string>): void {
    const wanted = new Set(keys);
    for (const key of this.nodes.keys()) if (!wanted.has(key)) this.nodes.delete(key);
  }
}
