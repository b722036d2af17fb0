import type { AgentHello } from '../../channels/web/agent-events.js';
import { button, el } from './dom.js';

export type TransferTarget = { readonly toAgent: string } | { readonly toSkill: string };

/** A modal <dialog> that removes itself when closed; `settle` runs once with the result. */
function modal<T>(title: string, build: (dialog: HTMLDialogElement, done: (result: T) => void) => Node[]) {
  return new Promise<T | null>((resolve) => {
    const dialog = el('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' });
    let result: T | null = null;
    const done = (value: T) => {
      result = value;
      dialog.close();
    };
    dialog.append(el('h2', { id: 'dialog-title' }, title), ...build(dialog, done));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Asks before something that cannot be undone; true when confirmed. */
export async function confirmDialog(title: string, text: string, confirmLabel: string): Promise<boolean> {
  const answer = await modal<true>(title, (dialog, done) => {
    const buttons = el('div', { class: 'dialog-buttons' });
    const cancel = button('Cancel', () => dialog.close());
    const ok = button(confirmLabel, () => done(true), { class: 'primary confirm' });
    buttons.append(cancel, ok);
    queueMicrotask(() => ok.focus());
    return [el('p', {}, text), buttons];
  });
  return answer === true;
}

/** The agents a transfer can go to, as the console knows them now, and news of changes. */
export interface AgentRoster {
  current(): AgentHello['agents'];
  /** Calls `listener` with each new list until the returned function is called. */
  watch(listener: (agents: AgentHello['agents']) => void): () => void;
}

/** The agent options: online agents can be chosen, offline ones are listed disabled; keeps a valid choice. */
function fillAgents(select: HTMLSelectElement, agents: AgentHello['agents'], selfId: string): void {
  const chosen = select.value;
  const options = [el('option', { value: '' }, '— Choose an agent —')];
  for (const a of agents) {
    if (a.id === selfId) continue;
    const option = el('option', { value: a.id }, a.online ? a.name : `${a.name} (offline)`);
    option.disabled = !a.online;
    options.push(option);
  }
  select.replaceChildren(...options);
  select.value = agents.some((a) => a.id === chosen && a.online) ? chosen : '';
}

/** Transfer to an online agent or to anyone with a skill; the agent list stays live while it is open. */
export function transferDialog(roster: AgentRoster, selfId: string): Promise<TransferTarget | null> {
  let unwatch = (): void => undefined;
  const dialogDone = modal<TransferTarget>('Transfer chat', (dialog, done) => {
    const form = el('form', { class: 'transfer-form', method: 'dialog' });
    const agentSelect = el('select', { id: 'transfer-agent', name: 'agent' });
    fillAgents(agentSelect, roster.current(), selfId);
    unwatch = roster.watch((agents) => fillAgents(agentSelect, agents, selfId));
    const skill = el('input', { id: 'transfer-skill', name: 'skill', type: 'text', autocomplete: 'off' });
    const error = el('p', { class: 'dialog-error', role: 'alert' });
    const buttons = el('div', { class: 'dialog-buttons' });
    buttons.append(
      button('Cancel', () => dialog.close()),
      el('button', { type: 'submit', class: 'primary' }, 'Transfer'),
    );
    form.append(
      el('label', { for: 'transfer-agent' }, 'To an agent'),
      agentSelect,
      el('label', { for: 'transfer-skill' }, 'Or to anyone with the skill'),
      skill,
      error,
      buttons,
    );
    agentSelect.addEventListener('change', () => {
      if (agentSelect.value) skill.value = '';
    });
    skill.addEventListener('input', () => {
      if (skill.value) agentSelect.value = '';
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const toSkill = skill.value.trim();
      if (agentSelect.value) done({ toAgent: agentSelect.value });
      else if (toSkill) done({ toSkill });
      else error.textContent = 'Choose an agent or type a skill.';
    });
    queueMicrotask(() => agentSelect.focus());
    return [form];
  });
  return dialogDone.finally(() => unwatch());
}
