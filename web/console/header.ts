import type { AgentInfo } from '../../channels/web/agent-events.js';
import { button, el } from './dom.js';

export interface HeaderHandlers {
  /** Asks the server; resolves with the availability it confirmed (or the old one on failure). */
  onAvailability(available: boolean): Promise<boolean>;
  onSignOut(): void;
  /** Switches between the live chats and the tickets. */
  onView(view: ConsoleView): void;
}

/** Review, Reports and Settings are for admins only (their buttons show for admins). */
export type ConsoleView = 'chats' | 'tickets' | 'review' | 'reports' | 'settings';

/** The top bar: who is signed in, Chats / Tickets, Available / Away, the connection state and "Sign out". */
export class Header {
  readonly element: HTMLElement;
  private readonly name: HTMLElement;
  private readonly toggle: HTMLInputElement;
  private readonly toggleText: HTMLElement;
  private readonly connection: HTMLElement;
  private readonly views: ReadonlyMap<ConsoleView, HTMLButtonElement>;

  constructor(agent: AgentInfo, handlers: HeaderHandlers) {
    this.element = el('header', { class: 'topbar' });
    const brand = el('h1', { class: 'brand' }, 'Frontdesk');
    this.name = el('span', { id: 'agent-name', class: 'agent-name' }, agent.name);
    const label = el('label', { class: 'switch', for: 'availability' });
    // The switch is named "Available" (on / off); the word beside it shows the state to the eye.
    this.toggle = el('input', {
      id: 'availability',
      type: 'checkbox',
      role: 'switch',
      'aria-label': 'Available',
    });
    this.toggle.disabled = true;
    this.toggleText = el('span', { class: 'switch-text', 'aria-hidden': 'true' }, 'Away');
    label.append(this.toggle, this.toggleText);
    this.toggle.addEventListener('change', () => {
      const wanted = this.toggle.checked;
      this.toggle.disabled = true;
      void handlers.onAvailability(wanted).then((available) => {
        this.toggle.disabled = false;
        this.setAvailable(available);
      });
    });
    this.connection = el('span', { class: 'connection', role: 'status' });
    const signOut = button('Sign out', () => handlers.onSignOut(), { id: 'sign-out', class: 'sign-out' });
    const spacer = el('span', { class: 'spacer' });
    const nav = el('nav', { class: 'views', 'aria-label': 'Console views' });
    this.views = new Map<ConsoleView, HTMLButtonElement>([
      ['chats', button('Chats', () => handlers.onView('chats'), { id: 'view-chats', class: 'view' })],
      ['tickets', button('Tickets', () => handlers.onView('tickets'), { id: 'view-tickets', class: 'view' })],
      ...(agent.role === 'admin'
        ? ([
            [
              'review',
              button('Review', () => handlers.onView('review'), { id: 'view-review', class: 'view' }),
            ],
            [
              'reports',
              button('Reports', () => handlers.onView('reports'), { id: 'view-reports', class: 'view' }),
            ],
            [
              'settings',
              button('Settings', () => handlers.onView('settings'), { id: 'view-settings', class: 'view' }),
            ],
          ] as const)
        : []),
    ]);
    nav.append(...this.views.values());
    this.setView('chats');
    this.element.append(brand, this.name, nav, label, spacer, this.connection, signOut);
  }

  /** Marks the view shown (aria-current). */
  setView(view: ConsoleView): void {
    for (const [name, node] of this.views) {
      if (name === view) node.setAttribute('aria-current', 'page');
      else node.removeAttribute('aria-current');
    }
  }

  setAgent(agent: AgentInfo): void {
    this.name.textContent = agent.name;
  }

  setAvailable(available: boolean): void {
    this.toggle.disabled = false;
    this.toggle.checked = available;
    this.toggleText.textContent = available ? 'Available' : 'Away';
    this.element.classList.toggle('is-away', !available);
  }

  /** A line such as "Reconnecting…", or null when connected. */
  setConnection(text: string | null): void {
    this.connection.textContent = text ?? '';
    this.element.classList.toggle('is-offline', text !== null);
  }
}
