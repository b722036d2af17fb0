import { io, type Socket } from 'socket.io-client';
import type {
  ChatChoice,
  ChatMessage,
  ChatSuggestion,
  ClientToServerEvents,
  HistoryAck,
  SendAck,
  SendPayload,
  ServerToClientEvents,
  SessionInfo,
  SuggestAck,
} from '../../channels/web/events.js';
import { articlePostback, chatNamespace } from '../../channels/web/events.js';
import { newClientId } from './dom.js';
import { Suggester } from './suggester.js';
import { WidgetView } from './view.js';

const tokenKey = 'frontdesk:visitorToken';
/** After "the database is not answering", a kept message goes again this much later. */
const storeRetryMs = 5000;
const script = document.currentScript as HTMLScriptElement | null;
const origin = script?.src ? new URL(script.src).origin : location.origin;

/** Embed with `<script src="https://support.example/widget.js" defer data-open="true"></script>`. */
function start(): void {
  let maxLength = 2000;
  let ready = false;
  let stringsByLang: SessionInfo['stringsByLang'] = {};
  /** Sent but not yet acknowledged, by client id; resent on reconnect with the same id. */
  const outbox = new Map<string, SendPayload>();

  const storedToken = readToken();
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${origin}${chatNamespace}`, {
    auth: {
      ...(storedToken ? { visitorToken: storedToken } : {}),
      locales: [...navigator.languages],
      page: location.href.slice(0, 500),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    },
  });
  /** Tells the agent the visitor is typing: at most every 2 s, and "stopped" 3 s after the last key. */
  const typing = (() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    return {
      input() {
        if (!ready || view.handoff.state !== 'agent') return;
        const now = Date.now();
        if (now - last > 2000) socket.emit('typing', true);
        last = now;
        clearTimeout(timer);
        timer = setTimeout(() => socket.emit('typing', false), 3000);
      },
    };
  })();

  const transmit = (payload: SendPayload) => {
    socket.timeout(10_000).emit('send', payload, (err: Error | null, ack: SendAck) => {
      if (err) return; // not acknowledged: stays in the outbox and goes again on reconnect
      if (!ack.ok && ack.error.code === 'STORE_UNAVAILABLE') {
        // Not stored: "try again in a moment"; it stays in the outbox and goes again (same id) shortly.
        view.notice(ack.error.message);
        setTimeout(() => {
          if (ready && outbox.has(payload.id)) transmit(payload);
        }, storeRetryMs);
        return;
      }
      outbox.delete(payload.id);
      if (ack.ok) view.markDelivered(payload.id, ack.messageId);
      else view.notice(ack.error.message);
    });
  };

  const send = (text: string, postback?: string) => {
    const trimmed = text.trim();
    if (trimmed === '') return;
    const length = [...trimmed].length;
    if (length > maxLength) {
      view.notice(view.t('tooLong', 'Your message is too long.', { count: length, max: maxLength }));
      return;
    }
    const payload: SendPayload = { id: newClientId(), text: trimmed, ...(postback ? { postback } : {}) };
    outbox.set(payload.id, payload);
    view.addMessage({ id: payload.id, role: 'visitor', text: trimmed, html: null, choices: [] }, true);
    view.clearInput();
    suggester.reset();
    if (ready) transmit(payload);
  };

  /** Suggested articles for the text, or null when there is no answer (offline, error, timeout). */
  const fetchSuggestions = (text: string) =>
    new Promise<readonly ChatSuggestion[] | null>((resolve) => {
      if (!ready) return resolve(null);
      socket.timeout(5000).emit('suggest', { text }, (err: Error | null, ack: SuggestAck) => {
        resolve(!err && ack.ok ? ack.suggestions : null);
      });
    });

  const view = new WidgetView(
    {
      onSend: (text) => send(text),
      onChoice: (choice: ChatChoice) => send(choice.label, choice.value),
      onLanguage: (code, name) => send(name, `lang:${code}`),
      onInput: (text) => {
        suggester.input(text);
        typing.input();
      },
      onSuggestion: (s: ChatSuggestion) => send(s.title, articlePostback(s.articleId)),
      onHandoff: (label, postback) => send(label, postback),
      onLoadOlder: (before) =>
        socket.emit('history', { before }, (ack: HistoryAck) => {
          if (!ack.ok) {
            view.setOlder(before);
            return;
          }
          view.prependMessages(ack.messages);
          view.setOlder(ack.olderCursor);
        }),
    },
    script?.dataset['open'] === 'true',
  );
  const suggester = new Suggester(fetchSuggestions, view.suggestions);
  document.body.append(view.host);
  view.setStatus('Connecting…');

  socket.on('session', (session: SessionInfo) => {
    writeToken(session.visitorToken);
    maxLength = session.maxMessageLength;
    stringsByLang = session.stringsByLang;
    view.setStrings(session.strings, session.lang);
    view.languageMenu.set(session.languages, session.lang, view.t('language', 'Language'));
    view.setStatus(null);
    view.handoff.set(session.handoff);
    view.clear();
    if (session.messages.length === 0) {
      view.addMessage({ id: 'greeting', role: 'bot', text: '', html: null, choices: [] }).textContent =
        view.t('greeting', 'Hi! How can I help?');
    }
    for (const m of session.messages) view.addMessage(m);
    view.setOlder(session.olderCursor);
    view.unread.start(session.visitorToken, session.messages, view.isOpen);
    ready = true;
    for (const payload of outbox.values()) {
      view.addMessage({ id: payload.id, role: 'visitor', text: payload.text, html: null, choices: [] }, true);
      transmit(payload);
    }
  });
  socket.on('message', (m: ChatMessage) => {
    if (view.has(m.id)) return;
    if (m.role === 'visitor' && m.clientId && view.has(m.clientId)) {
      view.markDelivered(m.clientId, m.id);
      return;
    }
    view.addMessage(m);
    view.unread.arrived(m, view.isOpen);
    if (m.role === 'bot' && m.lang && m.lang !== view.lang && !m.fallback)
      view.setStrings(stringsByLang[m.lang] ?? {}, m.lang);
  });
  socket.on('handoff', (status) => view.handoff.set(status));
  socket.on('typing', (isTyping) => view.handoff.setTyping(isTyping));
  socket.on('chat_error', (e) => {
    if (e.id === null) view.notice(e.message);
  });
  socket.on('disconnect', () => {
    ready = false;
    view.setStatus(view.t('offline', 'Connection lost. Reconnecting…'));
  });
}

function readToken(): string | null {
  try {
    return localStorage.getItem(tokenKey);
  } catch {
    return null;
  }
}

function writeToken(token: string): void {
  try {
    localStorage.setItem(tokenKey, token);
  } catch {
    // storage blocked: the conversation lasts as long as the page
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
