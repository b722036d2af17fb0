import { adminApi, AdminApiError } from './admin-api.js';
import { dataTable } from './charts.js';
import { button, el } from './dom.js';
import type { Notices } from './notices.js';
import { AgentsPanel } from './settings-agents.js';
import { KeysPanel } from './settings-keys.js';

interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actor: { readonly email: string };
  readonly action: string;
  readonly target: string | null;
  readonly details: Record<string, unknown>;
}

/**
 * The admins' Settings view: agents, API keys and the audit log of every admin action. Each request's
 * outcome is announced (the polite notices region); a session that ended goes back to sign-in.
 */
export class SettingsView {
  readonly element: HTMLElement;
  private readonly agents: AgentsPanel;
  private readonly keys: KeysPanel;
  private readonly audit: HTMLElement;

  constructor(
    selfId: string,
    private readonly notices: Notices,
    private readonly unauthenticated: () => void,
  ) {
    this.element = el('section', { class: 'admin-view settings-view', 'aria-labelledby': 'settings-title' });
    const run = (what: string, action: () => Promise<unknown>) => this.run(what, action);
    this.agents = new AgentsPanel(selfId, run);
    this.keys = new KeysPanel(run);
    this.audit = el('section', { class: 'report-card', 'aria-labelledby': 'audit-h' });
    this.element.append(
      el('h2', { id: 'settings-title' }, 'Settings'),
      this.agents.element,
      this.keys.element,
      this.audit,
    );
  }

  show(): void {
    this.element.hidden = false;
    void this.agents.load();
    void this.keys.load();
    void this.loadAudit();
  }

  hide(): void {
    this.element.hidden = true;
  }

  private async run(what: string, action: () => Promise<unknown>): Promise<boolean> {
    try {
      await action();
      if (what) {
        this.notices.show(what);
        void this.loadAudit();
      }
      return true;
    } catch (err) {
      if (err instanceof AdminApiError && err.status === 401) {
        this.unauthenticated();
        return false;
      }
      const text =
        err instanceof AdminApiError ? [err.message, ...err.details].join(' ') : 'That did not work.';
      this.notices.show(text, 'error', 10_000);
      return false;
    }
  }

  private async loadAudit(): Promise<void> {
    await this.run('', async () => {
      const { entries } = await adminApi<{ entries: AuditEntry[] }>('/audit?limit=50');
      const table = dataTable(
        'Audit log: the latest 50 admin actions, newest first',
        ['When', 'Who', 'Action', 'Target', 'Details'],
        entries.map((e) => [
          new Date(e.at).toLocaleString(),
          e.actor.email,
          e.action,
          e.target ?? '',
          JSON.stringify(e.details),
        ]),
      );
      const refresh = button('Refresh', () => void this.loadAudit(), {
        'aria-label': 'Refresh the audit log',
      });
      this.audit.replaceChildren(
        el('h3', { id: 'audit-h' }, 'Audit log'),
        refresh,
        el('div', { class: 'table-wrap' }),
      );
      this.audit.lastElementChild?.append(table);
    });
  }
}
