import { adminApi } from './admin-api.js';
import { dataTable } from './charts.js';
import { button, el } from './dom.js';

export interface AdminAgent {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: 'agent' | 'admin';
  readonly languages: readonly string[];
  readonly skills: readonly string[];
  readonly capacity: number;
  readonly disabled: boolean;
  readonly online: boolean;
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function labelled(label: string, input: HTMLElement & { id: string }): HTMLElement {
  const wrap = el('label', { class: 'field', for: input.id }, label);
  wrap.append(input);
  return wrap;
}

/**
 * Agents in the Settings view: the list (role, languages, skills, capacity editable in place; disable or
 * enable), and a form to add one. `run` does a request and reports its outcome; the list is built again
 * after every change.
 */
export class AgentsPanel {
  readonly element: HTMLElement;
  private readonly table: HTMLElement;

  constructor(
    private readonly selfId: string,
    private readonly run: (what: string, action: () => Promise<unknown>) => Promise<boolean>,
  ) {
    this.element = el('section', { class: 'report-card', 'aria-labelledby': 'agents-h' });
    this.table = el('div', { class: 'table-wrap' });
    this.element.append(el('h3', { id: 'agents-h' }, 'Agents'), this.table, this.addForm());
  }

  async load(): Promise<void> {
    await this.run('', async () => {
      const { agents } = await adminApi<{ agents: AdminAgent[] }>('/agents');
      this.render(agents);
    });
  }

  private render(agents: readonly AdminAgent[]): void {
    const table = dataTable(
      'Agents',
      ['Name', 'Email', 'Role', 'Languages', 'Skills', 'Capacity', 'Status', 'Actions'],
      [],
    );
    for (const a of agents) {
      const row = el('tr', { 'data-agent': a.email });
      const key = a.id.slice(0, 8);
      const role = el('select', { id: `role-${key}`, 'aria-label': `Role of ${a.name}` });
      for (const r of ['agent', 'admin']) {
        const option = el('option', { value: r }, r);
        option.selected = r === a.role;
        role.append(option);
      }
      const langs = el('input', {
        id: `langs-${key}`,
        value: a.languages.join(', '),
        size: '10',
        'aria-label': `Languages of ${a.name}`,
      });
      const skills = el('input', {
        id: `skills-${key}`,
        value: a.skills.join(', '),
        size: '12',
        'aria-label': `Skills of ${a.name}`,
      });
      const capacity = el('input', {
        id: `cap-${key}`,
        type: 'number',
        min: '1',
        max: '50',
        value: String(a.capacity),
        'aria-label': `Chats at once for ${a.name}`,
      });
      const save = button(
        'Save',
        () =>
          void this.run(`Saved ${a.name}.`, async () => {
            await adminApi(`/agents/${encodeURIComponent(a.id)}`, 'PATCH', {
              role: role.value,
              languages: list(langs.value),
              skills: list(skills.value),
              capacity: Number(capacity.value),
            });
            await this.load();
          }),
        { 'aria-label': `Save ${a.name}` },
      );
      const toggle = a.disabled ? 'enable' : 'disable';
      const flip = button(
        a.disabled ? 'Enable' : 'Disable',
        () =>
          void this.run(`${a.disabled ? 'Enabled' : 'Disabled'} ${a.name}.`, async () => {
            const { agents: next } = await adminApi<{ agents: AdminAgent[] }>(
              `/agents/${encodeURIComponent(a.id)}/${toggle}`,
              'POST',
            );
            this.render(next);
          }),
        {
          'aria-label': `${a.disabled ? 'Enable' : 'Disable'} ${a.name}`,
          ...(a.id === this.selfId ? { disabled: '' } : {}),
        },
      );
      const cell = (node: Node) => {
        const td = el('td');
        td.append(node);
        return td;
      };
      const actions = el('td', { class: 'actions' });
      actions.append(save, flip);
      row.append(
        el('th', { scope: 'row' }, a.name),
        el('td', {}, a.email),
        cell(role),
        cell(langs),
        cell(skills),
        cell(capacity),
        el('td', {}, a.disabled ? 'disabled' : a.online ? 'online' : 'offline'),
        actions,
      );
      table.tBodies[0]?.append(row);
    }
    this.table.replaceChildren(table);
  }

  private addForm(): HTMLFormElement {
    const form = el('form', { class: 'inline-form', 'aria-labelledby': 'agent-add-h' });
    const input = (id: string, attrs: Record<string, string>) => el('input', { id, name: id, ...attrs });
    const f = {
      name: input('new-agent-name', { required: '', maxlength: '100' }),
      email: input('new-agent-email', { type: 'email', required: '' }),
      languages: input('new-agent-languages', { required: '', placeholder: 'en, fi' }),
      skills: input('new-agent-skills', { placeholder: 'billing' }),
      password: input('new-agent-password', { type: 'password', required: '', autocomplete: 'new-password' }),
    };
    const role = el('select', { id: 'new-agent-role' });
    role.append(el('option', { value: 'agent' }, 'agent'), el('option', { value: 'admin' }, 'admin'));
    form.append(
      el('h4', { id: 'agent-add-h' }, 'Add an agent'),
      labelled('Name', f.name),
      labelled('Email', f.email),
      labelled('Languages', f.languages),
      labelled('Skills', f.skills),
      labelled('Role', role),
      labelled('Initial password', f.password),
      el('button', { type: 'submit', class: 'primary' }, 'Add agent'),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.run(`Added ${f.name.value}.`, async () => {
        await adminApi('/agents', 'POST', {
          name: f.name.value,
          email: f.email.value,
          languages: list(f.languages.value),
          skills: list(f.skills.value),
          role: role.value,
          password: f.password.value,
        });
        form.reset();
        await this.load();
      });
    });
    return form;
  }
}
