import type { AgentInfo } from '../../channels/web/agent-events.js';
import { login, type FailedLogins } from './api.js';
import { el } from './dom.js';

/** What the agent is told at sign-in about failed attempts on their account since their last sign-in. */
export function describeFailedLogins(f: FailedLogins): string {
  const when = new Date(f.lastAt).toLocaleString();
  const times = f.count === 1 ? '1 failed sign-in' : `${f.count} failed sign-ins`;
  return `${times} to your account since you last signed in (the last on ${when} from ${f.lastIp}). If that was not you, tell your admin.`;
}

/**
 * The sign-in form; calls `onSignedIn` with the agent after a successful login, and a notice about failed
 * attempts on the account since its last sign-in, if any.
 */
export function loginView(
  onSignedIn: (agent: AgentInfo, notice?: string) => void,
  message?: string,
): HTMLElement {
  const main = el('main', { class: 'login' });
  const form = el('form', { class: 'login-form', 'aria-labelledby': 'login-title', novalidate: '' });
  const title = el('h1', { id: 'login-title' }, 'Frontdesk agent console');
  const email = el('input', {
    id: 'login-email',
    name: 'email',
    type: 'email',
    autocomplete: 'username',
    required: '',
  });
  const password = el('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: '',
  });
  const error = el('p', { id: 'login-error', class: 'login-error', role: 'alert' });
  const submit = el('button', { id: 'login-submit', type: 'submit', class: 'primary' }, 'Sign in');
  form.append(
    title,
    el('label', { for: 'login-email' }, 'Email'),
    email,
    el('label', { for: 'login-password' }, 'Password'),
    password,
    error,
    submit,
  );
  if (message) error.textContent = message;

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (email.value.trim() === '' || password.value === '') {
      error.textContent = 'Enter your email address and password.';
      return;
    }
    submit.disabled = true;
    error.textContent = '';
    void login(email.value.trim(), password.value).then((result) => {
      submit.disabled = false;
      if (result.ok) {
        password.value = '';
        const f = result.lastFailedLogins;
        onSignedIn(result.agent, f ? describeFailedLogins(f) : undefined);
      } else {
        error.textContent = result.message;
        password.select();
      }
    });
  });
  main.append(form);
  queueMicrotask(() => email.focus());
  return main;
}
