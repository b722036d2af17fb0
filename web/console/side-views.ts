import type { ConsoleView } from './header.js';
import type { Notices } from './notices.js';
import { ReportsView } from './reports-view.js';
import { ReviewView } from './review-view.js';
import { SettingsView } from './settings-view.js';
import { TicketsView } from './tickets-view.js';

/** A view beside the chats: made when first shown, then hidden and shown again. */
interface SideView {
  readonly element: HTMLElement;
  show(): void;
  hide(): void;
  destroy?(): void;
}

type SideName = Exclude<ConsoleView, 'chats'>;

/**
 * The console's views other than the chats (Tickets; for admins Review, Reports and Settings), each made
 * the first time it is shown and appended to `main`; showing one hides the others.
 */
export class SideViews {
  private readonly made = new Map<SideName, SideView>();

  constructor(
    private readonly main: HTMLElement,
    private readonly agentId: string,
    private readonly notices: Notices,
    private readonly sessionEnded: () => void,
  ) {}

  /** Shows `view` (nothing for the chats) and hides every other one made so far. */
  show(view: ConsoleView): void {
    for (const [name, made] of this.made) if (name !== view) made.hide();
    if (view === 'chats') return;
    let shown = this.made.get(view);
    if (!shown) {
      shown = this.make(view);
      this.made.set(view, shown);
      this.main.append(shown.element);
    }
    shown.show();
  }

  destroy(): void {
    for (const made of this.made.values()) made.destroy?.();
  }

  private make(view: SideName): SideView {
    const ended = this.sessionEnded;
    switch (view) {
      case 'tickets':
        return new TicketsView(this.agentId, this.notices, ended);
      case 'reports':
        return new ReportsView(this.notices, ended);
      case 'settings':
        return new SettingsView(this.agentId, this.notices, ended);
      case 'review':
        return new ReviewView(this.notices, ended);
    }
  }
}
