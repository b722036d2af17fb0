/** The widget's styles, scoped by its shadow root so the host page cannot break them (nor they it). */
export const widgetCss = `
:host { all: initial; }
* { box-sizing: border-box; }
.fd-root { position: fixed; inset-inline-end: 20px; bottom: 20px; z-index: 2147483000;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; }
.fd-launcher { width: 56px; height: 56px; border-radius: 50%; border: 0; cursor: pointer; background: #2f5d50;
  color: #fff; font-size: 24px; box-shadow: 0 6px 20px rgba(0,0,0,.2); float: inline-end; }
.fd-launcher { position: relative; }
.fd-badge { position: absolute; top: -4px; inset-inline-end: -4px; min-width: 20px; height: 20px; padding: 0 5px;
  border-radius: 10px; background: #c62828; color: #fff; font-size: 12px; font-weight: 600; line-height: 20px;
  text-align: center; box-shadow: 0 0 0 2px #fff; }
.fd-badge[hidden] { display: none; }
.fd-panel { width: min(370px, calc(100vw - 40px)); height: min(560px, calc(100vh - 100px)); display: flex;
  flex-direction: column; background: #fff; border-radius: 14px; overflow: hidden; margin-bottom: 12px;
  box-shadow: 0 12px 40px rgba(0,0,0,.22); }
.fd-panel[hidden] { display: none; }
.fd-header { background: #2f5d50; color: #fff; padding: 14px 16px; display: flex; align-items: center; gap: 8px; }
.fd-header h2 { margin: 0; font-size: 16px; font-weight: 600; }
.fd-header p { margin: 0; font-size: 12px; opacity: .85; }
.fd-header .fd-titles { flex: 1; }
.fd-lang { font: inherit; font-size: 12px; border-radius: 6px; border: 1px solid rgba(255,255,255,.5); background: #2f5d50; color: #fff; padding: 2px 4px; }
.fd-close { background: transparent; border: 0; color: #fff; font-size: 20px; cursor: pointer; }
.fd-status { font-size: 12px; padding: 4px 16px; background: #fff4d6; color: #6b4e00; }
.fd-status[hidden] { display: none; }
.fd-handoff { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 6px 16px; font-size: 12px; background: #f3f4f6; border-bottom: 1px solid #e5e7eb; }
.fd-handoff[data-state="bot"] { justify-content: flex-end; }
.fd-handoff-button { border: 1px solid #9ca3af; border-radius: 999px; background: #fff; padding: 3px 10px; font: inherit; cursor: pointer; }
.fd-typing { font-size: 12px; color: #6b7280; padding: 0 16px 4px; }
.fd-typing[hidden] { display: none; }
.fd-system { align-self: center; font-size: 12px; color: #6b7280; background: transparent; }
.fd-agent { background: #e0f2fe; }
.fd-author { font-size: 11px; font-weight: 600; color: #2f5d50; margin-bottom: 2px; }
.fd-log { flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 8px; background: #f6f7f6; }
.fd-msg { max-width: 85%; padding: 8px 12px; border-radius: 12px; word-wrap: break-word; overflow-wrap: anywhere; }
.fd-msg p { margin: 0 0 6px; } .fd-msg p:last-child { margin-bottom: 0; }
.fd-msg ol, .fd-msg ul { margin: 4px 0; padding-inline-start: 20px; }
.fd-msg a { color: #1d5fbf; }
.fd-msg.fd-visitor { align-self: flex-end; background: #2f5d50; color: #fff; white-space: pre-wrap; }
.fd-msg.fd-visitor.fd-pending { opacity: .6; }
.fd-msg.fd-bot, .fd-msg.fd-agent, .fd-msg.fd-system { align-self: flex-start; background: #fff; border: 1px solid #e3e6e4; }
.fd-choices { display: flex; flex-wrap: wrap; gap: 6px; align-self: flex-start; }
.fd-choice { border: 1px solid #2f5d50; color: #2f5d50; background: #fff; border-radius: 16px; padding: 5px 12px;
  cursor: pointer; font: inherit; }
.fd-choice:hover { background: #e9f1ee; }
.fd-older { align-self: center; border: 1px solid #2f5d50; color: #2f5d50; background: #fff; border-radius: 16px;
  padding: 4px 12px; cursor: pointer; font: inherit; font-size: 13px; }
.fd-older:focus-visible { outline: 2px solid #1d5fbf; outline-offset: 2px; }
.fd-error { align-self: center; font-size: 12px; color: #a40e26; }
.fd-suggest { padding: 8px 10px 2px; border-top: 1px solid #e3e6e4; background: #fff; }
.fd-suggest[hidden] { display: none; }
.fd-suggest-label { display: block; font-size: 11px; color: #59635f; margin-bottom: 4px; }
.fd-suggest-chips { display: flex; flex-wrap: wrap; gap: 6px; }
.fd-chip { max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font: inherit;
  font-size: 13px; border: 1px solid #b9cdc6; background: #f1f6f4; color: #22463c; border-radius: 14px;
  padding: 4px 10px; cursor: pointer; }
.fd-chip:hover { background: #e2eee9; border-color: #2f5d50; }
.fd-chip:focus-visible, .fd-choice:focus-visible { outline: 2px solid #1d5fbf; outline-offset: 2px; }
.fd-suggest:not([hidden]) + .fd-form { border-top: 0; }
.fd-form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e3e6e4; background: #fff; }
.fd-input { flex: 1; resize: none; border: 1px solid #c9cfcc; border-radius: 10px; padding: 8px 10px; font: inherit;
  max-height: 120px; }
.fd-send { border: 0; border-radius: 10px; background: #2f5d50; color: #fff; padding: 0 14px; cursor: pointer; font: inherit; }
.fd-send:disabled { opacity: .5; cursor: default; }
/* Narrow viewports (phones): the open chat takes the whole screen; the launcher hides behind it. */
@media (max-width: 480px) {
  .fd-root.fd-open { inset: 0; }
  .fd-root.fd-open .fd-panel { position: fixed; inset: 0; width: 100%; height: 100%; max-height: 100dvh;
    margin: 0; border-radius: 0; box-shadow: none; }
  .fd-root.fd-open .fd-launcher { display: none; }
  .fd-close { min-width: 44px; min-height: 44px; }
}
`;
