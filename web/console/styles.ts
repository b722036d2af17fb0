import { adminCss } from './admin-styles.js';
import { ticketsCss } from './ticket-styles.js';

/** The shell: login, top bar, queue, tabs, chat, composer, side panel. */
const shellCss = `:root { --green: #2f5d50; --green-soft: #e9f1ee; --line: #e1e5e3; --muted: #5d6864; --bg: #f4f6f5;
 --note: #fff6c7; --note-line: #e7cf57; --danger: #a40e26; color-scheme: light; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html, body { height: 100%; margin: 0; }
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1f2328;
 background: var(--bg); }
#app { height: 100%; }
button, input, select, textarea { font: inherit; }
button { cursor: pointer; border: 1px solid #c5ccc9; background: #fff; color: #1f2328; border-radius: 8px;
 padding: 5px 12px; }
button:hover:not(:disabled) { background: #f0f3f2; }
button:disabled { opacity: 0.55; cursor: default; }
button.primary { background: var(--green); border-color: var(--green); color: #fff; }
button.primary:hover:not(:disabled) { background: #264c42; }
:focus-visible { outline: 2px solid #1d5fbf; outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
 white-space: nowrap; }
/* login */
.login { height: 100%; display: grid; place-items: center; }
.login-form { width: min(360px, calc(100vw - 32px)); background: #fff; border: 1px solid var(--line);
 border-radius: 14px; padding: 28px; display: flex; flex-direction: column; gap: 6px;
 box-shadow: 0 8px 30px rgba(0, 0, 0, 0.06); }
.login-form h1 { font-size: 20px; margin: 0 0 12px; }
.login-form input { padding: 8px 10px; border: 1px solid #c5ccc9; border-radius: 8px; margin-bottom: 8px; }
.login-form button { padding: 9px; }
.login-error { color: var(--danger); min-height: 1.45em; margin: 0; }
/* shell */
.console { height: 100%; display: flex; flex-direction: column; }
.topbar { display: flex; align-items: center; gap: 16px; padding: 8px 16px; background: var(--green);
 color: #fff; }
.topbar .brand { font-weight: 700; letter-spacing: 0.02em; font-size: inherit; margin: 0; }
.console-main { flex: 1; min-height: 0; display: flex; flex-direction: column; }
.topbar .agent-name { opacity: 0.9; }
.topbar .spacer { flex: 1; }
.topbar .connection { font-size: 12px; background: #fff4d6; color: #6b4e00; border-radius: 6px;
 padding: 0 8px; }
.topbar .connection:empty { display: none; }
.switch { display: inline-flex; align-items: center; gap: 6px; cursor: pointer; }
.switch input { width: 16px; height: 16px; accent-color: #8fd3b6; }
.topbar.is-away .switch-text { opacity: 0.75; }
.layout { flex: 1; min-height: 0; display: grid; grid-template-columns: 300px 1fr; }
/* left column */
.sidebar { border-inline-end: 1px solid var(--line); background: #fff; overflow-y: auto; padding: 12px; }
.sidebar h2 { font-size: 13px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted);
 margin: 8px 0; }
.sidebar .count { background: var(--green-soft); color: var(--green); border-radius: 10px; padding: 0 7px;
 margin-inline-start: 4px; }
.sidebar ul { list-style: none; margin: 0 0 16px; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.sidebar .empty { color: var(--muted); font-size: 13px; }
.queue-item { border: 1px solid var(--line); border-radius: 10px; padding: 10px; display: grid; gap: 6px; }
.queue-item.is-offered { border-color: var(--green); background: var(--green-soft);
 box-shadow: 0 0 0 2px rgba(47, 93, 80, 0.25); }
.item-top { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.wait { color: var(--muted); font-size: 12px; }
.queue-item .preview { margin: 0; overflow-wrap: anywhere; display: -webkit-box; -webkit-line-clamp: 3;
 -webkit-box-orient: vertical; overflow: hidden; }
.skills { display: flex; flex-wrap: wrap; gap: 4px; }
.skills:empty { display: none; }
.queue-item .claim { justify-self: start; }
.badge { display: inline-block; font-size: 11px; font-weight: 600; border-radius: 6px; padding: 1px 6px;
 background: #eef0ef; color: #3b4541; }
.badge-lang { background: var(--green); color: #fff; }
.badge-offer, .badge-target { background: #fde7b0; color: #5c4300; }
.badge-channel { background: #e8eefb; color: #1d3f7a; }
.badge-channel-messenger { background: #e3ecff; color: #0b3d91; }
.chat-title .badge-channel { vertical-align: middle; }
.msg-delivery-failed { margin: 6px 0 0; font-size: 13px; color: var(--danger); background: #fde8eb;
 border: 1px solid #f3b4bf; border-radius: 6px; padding: 4px 8px; }
.msg.is-undelivered { border-color: #f3b4bf; }
.mine-open { width: 100%; display: flex; align-items: center; gap: 8px; text-align: start;
 border-color: var(--line); }
.mine-open .preview { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.mine-item.is-active .mine-open { border-color: var(--green); background: var(--green-soft); }
.unread-dot { width: 8px; height: 8px; border-radius: 50%; background: #d1242f; flex: none;
 display: inline-block; }
/* tabs */
.workspace { display: flex; flex-direction: column; min-width: 0; min-height: 0; }
.tab-strip { display: flex; gap: 2px; padding: 6px 8px 0; border-bottom: 1px solid var(--line);
 overflow-x: auto; background: var(--bg); }
.tab-strip:empty { display: none; }
.tab { display: flex; align-items: center; border: 1px solid var(--line); border-bottom: 0;
 border-radius: 8px 8px 0 0; background: #e9eceb; max-width: 240px; }
.tab.is-active { background: #fff; margin-bottom: -1px; padding-bottom: 1px; }
.tab-button, .tab-close { border: 0; background: transparent; border-radius: 8px 8px 0 0; }
.tab-button { display: flex; align-items: center; gap: 6px; min-width: 0; }
.tab-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tab-close { padding: 4px 8px; color: var(--muted); }
.panes { flex: 1; min-height: 0; background: #fff; display: flex; }
.panes-empty { margin: auto; color: var(--muted); }
/* chat pane */
.chat-pane { flex: 1; display: flex; flex-direction: column; min-width: 0; }
.chat-bar { display: flex; align-items: center; gap: 8px; padding: 8px 16px;
 border-bottom: 1px solid var(--line); }
.chat-title { flex: 1; font-size: 15px; margin: 0; }
.chat-body { flex: 1; min-height: 0; display: grid; grid-template-columns: 1fr 260px; }
.chat-main { display: flex; flex-direction: column; min-height: 0; min-width: 0; }
.transcript { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 10px;
 background: #fafbfa; }
.msg { max-width: 75%; border-radius: 12px; padding: 8px 12px; border: 1px solid var(--line);
 background: #fff; overflow-wrap: anywhere; }
.msg-meta { display: flex; gap: 8px; font-size: 11px; color: var(--muted); margin-bottom: 2px; }
.msg-label { font-weight: 600; }
.msg-author { font-weight: 600; }
.msg-article { font-family: ui-monospace, monospace; }
.msg-text p { margin: 0 0 6px; }
.msg-text p:last-child { margin-bottom: 0; }
.msg-text ol, .msg-text ul { margin: 4px 0; padding-inline-start: 20px; }
.msg-visitor { align-self: flex-start; background: #fff; }
.msg-visitor .msg-text, .msg-note .msg-text, .msg-system .msg-text { white-space: pre-wrap; }
.msg-bot { align-self: flex-end; background: #f1f4f3; }
.msg-agent { align-self: flex-end; background: var(--green-soft); border-color: #c3d8d0; }
.msg-note { align-self: flex-end; background: var(--note); border: 1px dashed var(--note-line); }
.msg-note .msg-label { color: #6b5200; text-transform: uppercase; letter-spacing: 0.03em; }
.msg-system { align-self: center; background: transparent; border: 0; color: var(--muted); font-size: 12px;
 text-align: center; }
.msg-choices { margin: 6px 0 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 4px; }
.msg-choices li { font-size: 12px; border: 1px solid #c5ccc9; border-radius: 10px; padding: 0 8px; }
.typing-indicator { margin: 0; padding: 0 16px; min-height: 1.6em; font-size: 12px; color: var(--muted);
 font-style: italic; }
/* composer */
.composer { position: relative; border-top: 1px solid var(--line); padding: 10px 16px 6px; display: grid;
 grid-template-columns: 1fr auto; gap: 4px 8px; }
.composer-input { resize: vertical; min-height: 60px; max-height: 240px; border: 1px solid #c5ccc9;
 border-radius: 10px; padding: 8px 10px; }
.composer.is-note .composer-input { background: var(--note); border-color: var(--note-line); }
.composer-buttons { display: flex; flex-direction: column; gap: 6px; }
.note-toggle[aria-pressed='true'] { background: var(--note); border-color: var(--note-line); font-weight: 600; }
.composer-hint { grid-column: 1 / -1; margin: 0; font-size: 11px; color: var(--muted); }
.canned { position: absolute; inset-inline: 16px; bottom: calc(100% - 6px); max-height: 260px;
 overflow-y: auto; margin: 0; padding: 4px; list-style: none; background: #fff; border: 1px solid #c5ccc9;
 border-radius: 10px; box-shadow: 0 8px 24px rgba(0, 0, 0, 0.12); z-index: 5; }
.canned-option { padding: 6px 8px; border-radius: 6px; cursor: pointer; display: grid; }
.canned-option[aria-selected='true'], .canned-option:hover { background: var(--green-soft); }
.canned-title { font-weight: 600; }
.canned-body, .canned-empty { font-size: 12px; color: var(--muted); overflow: hidden; text-overflow: ellipsis;
 white-space: nowrap; }
.canned-empty { padding: 6px 8px; }
/* side panel */
.side-panel { border-inline-start: 1px solid var(--line); padding: 12px 16px; overflow-y: auto;
 font-size: 13px; }
.side-section h3 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted);
 margin: 8px 0 6px; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; margin: 0 0 12px; }
.facts dt { color: var(--muted); }
.facts dt::after { content: ':'; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.articles-tried { margin: 0; padding: 0; list-style: none; font-family: ui-monospace, monospace;
 font-size: 12px; }
/* view switch (header) */
.views { display: flex; gap: 4px; }
.views .view { background: transparent; color: #fff; border-color: rgba(255, 255, 255, 0.45); }
.views .view:hover:not(:disabled) { background: rgba(255, 255, 255, 0.14); }
.views .view[aria-current='page'] { background: #fff; color: var(--green); font-weight: 600; }
`;

/** Dialogs and notices. */
const dialogsCss = `/* dialogs and notices */
.dialog { border: 1px solid var(--line); border-radius: 12px; padding: 20px;
 width: min(400px, calc(100vw - 32px)); }
.dialog::backdrop { background: rgba(0, 0, 0, 0.3); }
.dialog h2 { font-size: 17px; margin: 0 0 10px; }
.transfer-form { display: flex; flex-direction: column; gap: 6px; }
.transfer-form select, .transfer-form input { padding: 6px 8px; border: 1px solid #c5ccc9; border-radius: 8px; }
.dialog-error { color: var(--danger); margin: 0; min-height: 1.2em; }
.dialog-buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 8px; }
.notices { position: fixed; inset-inline-end: 16px; bottom: 16px; display: flex; flex-direction: column;
 gap: 6px; z-index: 10; }
.notice { background: #1f2328; color: #fff; border-radius: 8px; padding: 8px 12px; max-width: 360px;
 box-shadow: 0 6px 20px rgba(0, 0, 0, 0.2); }
.notice-error { background: var(--danger); }
`;

/** Narrow screens. */
const narrowCss = `@media (max-width: 1000px) {
  .layout { grid-template-columns: 240px 1fr; }
  .tickets-view { grid-template-columns: 1fr; grid-auto-rows: minmax(0, 1fr); }
  .chat-body { grid-template-columns: 1fr 200px; }
}
`;

/** The console's styles, applied as a constructed stylesheet by main.ts (no inline <style> needed). */
export const consoleCss = `\n${shellCss}${ticketsCss}${dialogsCss}${adminCss}${narrowCss}`;
