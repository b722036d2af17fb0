import { el } from './dom.js';
import { when } from './tickets-sla.js';
import type { AuditEntry, CommentDelivery, Ticket, TicketComment } from './tickets-types.js';

/**
 * The read-only parts of an open ticket, all built with textContent: the chat transcript it came from,
 * the comment thread (internal notes marked, delivery of public replies), the form fields, the CSAT and
 * the audit trail.
 */

const roles: Readonly<Record<string, string>> = {
  visitor: 'Visitor',
  bot: 'Bot',
  agent: 'Agent',
  system: 'System',
};

export function section(title: string, className: string, ...content: Node[]): HTMLElement {
  const node = el('section', { class: `ticket-section ${className}` });
  node.append(el('h3', {}, title), ...content);
  return node;
}

function time(iso: string): HTMLTimeElement {
  return el('time', { datetime: iso }, when(iso));
}

export function transcriptSection(t: Ticket): HTMLElement | null {
  if (t.transcript.length === 0) return null;
  const list = el('ol', { class: 'ticket-transcript', 'aria-label': 'Chat transcript' });
  for (const line of t.transcript) {
    const li = el('li', { class: `line line-${line.role}` });
    const meta = el('div', { class: 'line-meta' });
    meta.append(el('span', { class: 'line-role' }, roles[line.role] ?? line.role), time(line.at));
    li.append(meta, el('p', { class: 'line-text', dir: 'auto', lang: t.lang }, line.text));
    list.append(li);
  }
  return section('Chat transcript', 'transcript-section', list);
}

const emailText: Readonly<Record<Exclude<CommentDelivery['email'], 'failed'>, string>> = {
  sent: 'emailed to the requester',
  'not-configured': 'no email (not configured)',
  'no-address': 'no email (no address)',
  unverified: 'no email (address not confirmed yet)',
};

/** Where a public reply went; a failed email is an alert the agent cannot miss. */
function deliveryLine(c: TicketComment): HTMLElement | null {
  if (c.internal || c.author.kind === 'requester') return null;
  const d = c.delivery;
  if (!d) return el('p', { class: 'delivery delivery-pending' }, 'Delivering…');
  const chat = d.chat ? 'shown in the chat' : 'not in a chat';
  if (d.email === 'failed') {
    const alert = el('p', { class: 'delivery delivery-failed', role: 'alert' });
    alert.append(
      el('strong', {}, `Not delivered by email: ${d.error ?? 'unknown error'}`),
      document.createTextNode(` (${chat})`),
    );
    return alert;
  }
  return el('p', { class: `delivery delivery-${d.email}` }, `Delivery: ${chat} · ${emailText[d.email]}`);
}

function commentElement(c: TicketComment, lang: string): HTMLElement {
  const kind = c.internal ? 'note' : c.author.kind === 'requester' ? 'requester' : 'reply';
  const node = el('article', { class: `comment comment-${kind}`, 'data-comment-id': c.id });
  const meta = el('div', { class: 'comment-meta' });
  const label = c.internal ? 'Internal note' : c.author.kind === 'requester' ? 'Requester' : 'Public reply';
  meta.append(
    el('span', { class: 'comment-label' }, label),
    el('span', { class: 'comment-author', dir: 'auto' }, c.author.name),
    time(c.createdAt),
  );
  node.append(meta, el('div', { class: 'comment-body', dir: 'auto', lang }, c.body));
  const delivery = deliveryLine(c);
  if (delivery) node.append(delivery);
  return node;
}

export function commentsSection(t: Ticket): HTMLElement {
  const list = el('div', { class: 'comments' });
  for (const c of t.comments) list.append(commentElement(c, t.lang));
  if (t.comments.length === 0) list.append(el('p', { class: 'empty' }, 'No replies or notes yet.'));
  return section(`Replies and notes (${t.comments.length})`, 'comments-section', list);
}

export function facts(rows: ReadonlyArray<readonly [string, string]>, className = ''): HTMLDListElement {
  const list = el('dl', { class: `facts ${className}`.trim() });
  for (const [term, value] of rows) list.append(el('dt', {}, term), el('dd', { dir: 'auto' }, value));
  return list;
}

export function fieldsSection(t: Ticket): HTMLElement | null {
  const entries = Object.entries(t.fields);
  if (entries.length === 0) return null;
  const rows = entries.map(([k, v]) => [k, String(v)] as const);
  return section('Form fields', 'fields-section', facts(rows, 'ticket-fields'));
}

export function csatSection(t: Ticket): HTMLElement | null {
  if (!t.csat) return null;
  const node = el('p', { class: 'csat' });
  node.append(
    el('strong', { class: 'csat-rating' }, `${t.csat.rating} / 5`),
    document.createTextNode(` · ${when(t.csat.at)}`),
  );
  const parts: Node[] = [node];
  if (t.csat.comment) parts.push(el('blockquote', { class: 'csat-comment', dir: 'auto' }, t.csat.comment));
  return section('Satisfaction', 'csat-section', ...parts);
}

/** A changed value as text: lists joined, null and empty as "—". */
function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map(String).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function auditLine(a: AuditEntry): HTMLLIElement {
  const li = el('li', { class: 'audit-entry' });
  const head = el('div', { class: 'audit-head' });
  head.append(time(a.at), el('span', { class: 'audit-actor' }, a.actor), el('span', {}, a.action));
  li.append(head);
  const changes = Object.entries(a.changes);
  if (changes.length > 0) {
    const list = el('ul', { class: 'audit-changes' });
    for (const [field, c] of changes)
      list.append(el('li', {}, `${field}: ${valueText(c.from)} → ${valueText(c.to)}`));
    li.append(list);
  }
  return li;
}

/** Collapsed by default; keeps its open state across refreshes when given the previous one. */
export function auditSection(t: Ticket, open: boolean): HTMLDetailsElement {
  const details = el('details', { class: 'ticket-section audit-section' });
  details.open = open;
  details.append(el('summary', {}, `Audit trail (${t.audit.length})`));
  const list = el('ol', { class: 'audit' });
  for (const a of [...t.audit].reverse()) list.append(auditLine(a));
  details.append(list);
  return details;
}
