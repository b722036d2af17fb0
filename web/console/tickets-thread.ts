import { channelName, undeliveredText } from './channel.js';
import { el } from './dom.js';
import { when } from './tickets-sla.js';
import type { AuditEntry, CommentDelivery, Ticket, TicketComment } from './tickets-types.js';

/**
 * The read-only parts of an open ticket, built with textContent (the transcript's bot and agent lines take
 * the server's sanitised HTML, as the chat does): the chat transcript it came from,
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
  // Focusable: the list scrolls (max-height), and keyboard users must be able to scroll it.
  const list = el('ol', { class: 'ticket-transcript', 'aria-label': 'Chat transcript', tabindex: '0' });
  for (const line of t.transcript) {
    const li = el('li', { class: `line line-${line.role}` });
    const meta = el('div', { class: 'line-meta' });
    meta.append(el('span', { class: 'line-role' }, roles[line.role] ?? line.role), time(line.at));
    const text = el('div', { class: 'line-text', dir: 'auto', lang: t.lang });
    // Only the server's sanitised HTML of bot, agent and system lines goes in as HTML (as in the chat).
    if (line.role !== 'visitor' && typeof line.html === 'string') {
      text.classList.add('line-html');
      text.innerHTML = line.html;
    } else text.textContent = line.text;
    li.append(meta, text);
    if (line.undelivered !== undefined) {
      li.classList.add('is-undelivered');
      li.append(
        el(
          'p',
          { class: 'delivery delivery-failed', role: 'alert' },
          undeliveredText(t.channel, line.undelivered),
        ),
      );
    }
    list.append(li);
  }
  if (!t.transcriptTruncated) return section('Chat transcript', 'transcript-section', list);
  // A ticket keeps the latest lines; the conversation (its id, for the store) has the earlier ones.
  const earlier = el(
    'p',
    { class: 'transcript-truncated' },
    `Earlier messages are not copied here; conversation ${t.conversationId ?? ''} keeps them all.`,
  );
  return section('Chat transcript', 'transcript-section', earlier, list);
}

const emailText: Readonly<Record<Exclude<CommentDelivery['email'], 'failed'>, string>> = {
  sent: 'emailed to the requester',
  'not-configured': 'no email (not configured)',
  'no-address': 'no email (no address)',
  unverified: 'no email (address not confirmed yet)',
};

/** Where a public reply went; a failed email or chat delivery is an alert the agent cannot miss. */
function deliveryLine(c: TicketComment, channel: string): HTMLElement | null {
  if (c.internal || c.author.kind === 'requester') return null;
  const d = c.delivery;
  if (!d) return el('p', { class: 'delivery delivery-pending' }, 'Delivering…');
  const chat = d.chat
    ? `shown in the chat (${channelName(channel)})`
    : d.chatError
      ? 'not delivered in the chat'
      : 'not in a chat';
  if (d.chatError !== undefined) {
    const alert = el('p', { class: 'delivery delivery-failed delivery-chat-failed', role: 'alert' });
    const email = d.email === 'failed' ? `email failed: ${d.error ?? 'unknown error'}` : emailText[d.email];
    alert.append(
      el('strong', {}, undeliveredText(channel, d.chatError)),
      document.createTextNode(` (${email})`),
    );
    return alert;
  }
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

function commentElement(c: TicketComment, lang: string, channel: string): HTMLElement {
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
  const delivery = deliveryLine(c, channel);
  if (delivery) node.append(delivery);
  return node;
}

export function commentsSection(t: Ticket): HTMLElement {
  const list = el('div', { class: 'comments' });
  for (const c of t.comments) list.append(commentElement(c, t.lang, t.channel));
  if (t.comments.length === 0) list.append(el('p', { class: 'empty' }, 'No replies or notes yet.'));
  return section(`Replies and notes (${t.comments.length})`, 'comments-section', list);
}

export function facts(rows: ReadonlyArray<readonly [string, string]>, className = ''): HTMLDListElement {
  const list = el('dl', { class: `facts ${className}`.trim() });
  for (const [term, value] of rows) list.append(el('dt', {}, term), el('dd', { dir: 'auto' }, value));
  return list;
}

/** The form values under their forms' labels (option labels for choices), as the visitor saw them. */
export function fieldsSection(t: Ticket): HTMLElement | null {
  const entries = Object.entries(t.fields);
  if (entries.length === 0) return null;
  const rows = t.fieldsShown
    ? t.fieldsShown.map((f) => [f.label, f.value] as const)
    : entries.map(([k, v]) => [k, String(v)] as const);
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
