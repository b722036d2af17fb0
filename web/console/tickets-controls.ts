import { button, el } from './dom.js';
import {
  ticketPriorities,
  ticketStatuses,
  type AgentSummary,
  type Ticket,
  type TicketChange,
  type TicketPriority,
  type TicketStatus,
} from './tickets-types.js';

/** Each resolves with the error to show, or null when the server applied it. */
export interface ControlActions {
  change(change: TicketChange): Promise<string | null>;
  /** false: the agent cancelled it. */
  merge(into: string): Promise<string | null | false>;
}

let controlIds = 0;

/** A labelled control: `<label for>` and the control, wrapped for the grid. */
function labelled(text: string, control: HTMLElement, id: string): HTMLElement {
  control.id = id;
  const wrap = el('div', { class: 'control' });
  wrap.append(el('label', { for: id }, text), control);
  return wrap;
}

function select(name: string, options: ReadonlyArray<readonly [string, string]>): HTMLSelectElement {
  const node = el('select', { name, class: `ticket-${name}` });
  for (const [value, text] of options) node.append(el('option', { value }, text));
  return node;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "a, b,, c " → ["a", "b", "c"], without duplicates. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Status, priority and assignee (applied on change), tags (comma-separated, applied with "Save tags" or
 * Enter) and "Merge into". A refused change (409, 400) is shown inline and the control goes back to the
 * ticket's value. A refresh never overwrites a control the agent is using.
 */
export class TicketControls {
  readonly element: HTMLElement;
  readonly merge: HTMLFormElement;
  private readonly status: HTMLSelectElement;
  private readonly priority: HTMLSelectElement;
  private readonly assignee: HTMLSelectElement;
  private readonly tags: HTMLInputElement;
  private readonly error: HTMLElement;
  private readonly mergeInput: HTMLInputElement;
  private readonly mergeError: HTMLElement;
  private ticket: Ticket | null = null;
  private tagsDirty = false;

  constructor(private readonly actions: ControlActions) {
    const n = ++controlIds;
    this.element = el('form', { class: 'ticket-controls', 'aria-label': 'Ticket properties' });
    this.status = select(
      'status',
      ticketStatuses.map((s) => [s, capital(s)]),
    );
    this.priority = select(
      'priority',
      ticketPriorities.map((p) => [p, capital(p)]),
    );
    this.assignee = select('assignee', [['', 'Unassigned']]);
    this.tags = el('input', { name: 'tags', class: 'ticket-tags', type: 'text', autocomplete: 'off' });
    this.tags.placeholder = 'e.g. refund, vip';
    const saveTags = el('button', { type: 'submit', class: 'save-tags' }, 'Save tags');
    const tagsWrap = labelled('Tags (comma-separated)', this.tags, `ticket-tags-${n}`);
    tagsWrap.classList.add('control-tags');
    tagsWrap.append(saveTags);
    this.error = el('p', { class: 'ticket-error control-error', role: 'alert' });
    this.element.append(
      labelled('Status', this.status, `ticket-status-${n}`),
      labelled('Priority', this.priority, `ticket-priority-${n}`),
      labelled('Assignee', this.assignee, `ticket-assignee-${n}`),
      tagsWrap,
      this.error,
    );
    this.status.addEventListener(
      'change',
      () => void this.apply({ status: this.status.value as TicketStatus }),
    );
    this.priority.addEventListener(
      'change',
      () => void this.apply({ priority: this.priority.value as TicketPriority }),
    );
    this.assignee.addEventListener(
      'change',
      () => void this.apply({ assignee: this.assignee.value || null }),
    );
    this.tags.addEventListener('input', () => (this.tagsDirty = true));
    this.element.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.apply({ tags: parseTags(this.tags.value) }).then((ok) => {
        if (ok) this.tagsDirty = false;
        this.reset();
      });
    });

    this.merge = el('form', { class: 'ticket-merge', 'aria-label': 'Merge this ticket' });
    this.mergeInput = el('input', { name: 'into', class: 'merge-into', type: 'text', autocomplete: 'off' });
    this.mergeInput.placeholder = 'FD-…';
    const mergeWrap = labelled('Merge into', this.mergeInput, `ticket-merge-${n}`);
    mergeWrap.append(el('button', { type: 'submit', class: 'merge' }, 'Merge'));
    this.mergeError = el('p', { class: 'ticket-error merge-error', role: 'alert' });
    this.merge.append(mergeWrap, this.mergeError);
    this.merge.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.mergeInto();
    });
  }

  /** Shows the ticket (and the agents to assign to); controls in use keep what the agent typed. */
  set(ticket: Ticket, agents: readonly AgentSummary[]): void {
    this.ticket = ticket;
    const options: Array<readonly [string, string]> = [['', 'Unassigned']];
    for (const a of agents) options.push([a.id, a.name]);
    if (ticket.assignee && !agents.some((a) => a.id === ticket.assignee))
      options.push([ticket.assignee, `Unknown agent (${ticket.assignee})`]);
    const signature = JSON.stringify(options);
    if (this.assignee.dataset['options'] !== signature) {
      this.assignee.replaceChildren(...options.map(([value, text]) => el('option', { value }, text)));
      this.assignee.dataset['options'] = signature;
    }
    this.reset();
    this.merge.hidden = Boolean(ticket.mergedInto);
  }

  /** Puts the ticket's values back into the controls the agent is not using. */
  private reset(): void {
    const t = this.ticket;
    if (!t) return;
    const active = document.activeElement;
    if (active !== this.status) this.status.value = t.status;
    if (active !== this.priority) this.priority.value = t.priority;
    if (active !== this.assignee) this.assignee.value = t.assignee ?? '';
    if (!this.tagsDirty && active !== this.tags) this.tags.value = t.tags.join(', ');
  }

  /** True when the server applied the change. */
  private async apply(change: TicketChange): Promise<boolean> {
    this.error.textContent = '';
    const controls = [this.status, this.priority, this.assignee, this.tags];
    for (const c of controls) c.disabled = true;
    const failed = await this.actions.change(change);
    for (const c of controls) c.disabled = false;
    if (!failed) return true;
    this.error.textContent = failed;
    // the refused value goes back to the ticket's (a select keeps focus, so reset it directly)
    const t = this.ticket;
    if (t && 'status' in change) this.status.value = t.status;
    if (t && 'priority' in change) this.priority.value = t.priority;
    if (t && 'assignee' in change) this.assignee.value = t.assignee ?? '';
    return false;
  }

  private async mergeInto(): Promise<void> {
    const into = this.mergeInput.value.trim().toUpperCase();
    this.mergeError.textContent = '';
    if (!into) {
      this.mergeError.textContent = 'Type the number of the ticket to merge into, e.g. FD-10002.';
      return;
    }
    const submit = this.merge.querySelector('button');
    if (submit) submit.disabled = true;
    const failed = await this.actions.merge(into);
    if (submit) submit.disabled = false;
    if (failed) this.mergeError.textContent = failed;
    else if (failed === null) this.mergeInput.value = '';
  }
}

/** The reply box: "Reply to requester" or "Internal note"; the text stays when it was refused. */
export function ticketComposer(
  send: (body: string, internal: boolean) => Promise<string | null>,
): HTMLElement {
  const n = ++controlIds;
  const form = el('form', { class: 'ticket-composer', 'aria-label': 'Reply or add a note' });
  const input = el('textarea', {
    id: `ticket-composer-${n}`,
    class: 'ticket-composer-input',
    name: 'body',
    rows: '4',
    placeholder: 'Write a reply to the requester, or an internal note for agents…',
  });
  const error = el('p', { class: 'ticket-error composer-error', role: 'alert' });
  const go = async (internal: boolean) => {
    const body = input.value.trim();
    error.textContent = '';
    if (!body) {
      error.textContent = 'Write something first.';
      input.focus();
      return;
    }
    for (const b of buttons.querySelectorAll('button')) b.disabled = true;
    const failed = await send(body, internal);
    for (const b of buttons.querySelectorAll('button')) b.disabled = false;
    if (failed) error.textContent = failed;
    else input.value = '';
  };
  const buttons = el('div', { class: 'ticket-composer-buttons' });
  buttons.append(
    button('Internal note', () => void go(true), { class: 'add-note' }),
    el('button', { type: 'submit', class: 'send-reply primary' }, 'Reply to requester'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void go(false);
  });
  form.append(el('label', { for: input.id }, 'Reply or internal note'), input, error, buttons);
  return form;
}
