import { adminApi } from './admin-api.js';
import { dataTable } from './charts.js';
import { button, el } from './dom.js';

interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** API keys in the Settings view: create (the key is shown once, here), list, revoke. */
export class KeysPanel {
  readonly element: HTMLElement;
  private readonly table: HTMLElement;
  private readonly shown: HTMLElement;

  constructor(private readonly run: (what: string, action: () => Promise<unknown>) => Promise<boolean>) {
    this.element = el('section', { class: 'report-card', 'aria-labelledby': 'keys-h' });
    this.table = el('div', { class: 'table-wrap' });
    this.shown = el('div', { class: 'new-key', role: 'status' });
    const form = el('form', { class: 'inline-form', 'aria-label': 'Create an API key' });
    const name = el('input', {
      id: 'new-key-name',
      required: '',
      maxlength: '60',
      placeholder: 'helpdesk sync',
    });
    const label = el('label', { class: 'field', for: name.id }, 'Key name');
    label.append(name);
    form.append(label, el('button', { type: 'submit', class: 'primary' }, 'Create key'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.run(`Created the key ${name.value}.`, async () => {
        const { key } = await adminApi<{ key: string }>('/api-keys', 'POST', { name: name.value });
        const value = el('input', { id: 'new-key-value', readonly: '', value: key, size: '40' });
        const wrap = el(
          'label',
          { class: 'field', for: value.id },
          'The new key (copy it now: it is not shown again)',
        );
        wrap.append(value);
        this.shown.replaceChildren(wrap);
        form.reset();
        await this.load();
      });
    });
    this.element.append(el('h3', { id: 'keys-h' }, 'API keys'), form, this.shown, this.table);
  }

  async load(): Promise<void> {
    await this.run('', async () => {
      const { apiKeys } = await adminApi<{ apiKeys: ApiKey[] }>('/api-keys');
      const table = dataTable('API keys', ['Name', 'Created', 'Status', 'Actions'], []);
      for (const k of apiKeys) {
        const row = el('tr', { 'data-key': k.id });
        const actions = el('td');
        if (!k.revokedAt)
          actions.append(
            button(
              'Revoke',
              () =>
                void this.run(`Revoked ${k.name}.`, async () => {
                  await adminApi(`/api-keys/${encodeURIComponent(k.id)}/revoke`, 'POST');
                  await this.load();
                }),
              { 'aria-label': `Revoke ${k.name}` },
            ),
          );
        row.append(
          el('th', { scope: 'row' }, k.name),
          el('td', {}, new Date(k.createdAt).toLocaleString()),
          el('td', {}, k.revokedAt ? `revoked ${new Date(k.revokedAt).toLocaleString()}` : 'live'),
          actions,
        );
        table.tBodies[0]?.append(row);
      }
      this.table.replaceChildren(table);
    });
  }
}
