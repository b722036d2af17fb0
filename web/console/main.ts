import type { AgentInfo } from '../../channels/web/agent-events.js';
import { me } from './api.js';
import { ConsoleApp } from './app.js';
import { el } from './dom.js';
import { loginView } from './login.js';
import { consoleCss } from './styles.js';

/**
 * The styles as a constructed stylesheet: unlike a <style> element it needs no 'unsafe-inline' in the
 * page's CSP. Older browsers get a <style> element.
 */
function applyStyles(): void {
  if ('adoptedStyleSheets' in document && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(consoleCss);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } else document.head.append(el('style', {}, consoleCss));
}

/** The agent console: the login form, or the console once there is a session (GET /console/api/me). */
function start(): void {
  applyStyles();
  const root = document.getElementById('app') ?? document.body.appendChild(el('div', { id: 'app' }));

  const showLogin = (message?: string) => {
    root.replaceChildren(loginView(showConsole, message));
  };
  const showConsole = (agent: AgentInfo, notice?: string) => {
    const app = new ConsoleApp(agent, showLogin);
    root.replaceChildren(app.element);
    if (notice) app.warn(notice);
  };

  me().then(
    (agent) => (agent ? showConsole(agent) : showLogin()),
    () => showLogin('Cannot reach the server. Reload the page to try again.'),
  );
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
