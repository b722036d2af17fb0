/** The Tickets view's styles (web/console/ticket-*.ts); part of the console's stylesheet (styles.ts). */
export const ticketsCss = `/* tickets */
.tickets-view { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 11fr) minmax(0, 9fr); }
.tickets-list { display: flex; flex-direction: column; min-height: 0; min-width: 0; background: #fff;
 border-inline-end: 1px solid var(--line); }
.ticket-filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 8px; padding: 10px 12px;
 border-bottom: 1px solid var(--line); }
.filter { display: flex; flex-direction: column; gap: 2px; font-size: 12px; color: var(--muted); }
.filter input[type='search'] { width: 170px; }
.filter input, .filter select, .ticket-controls select, .ticket-controls input, .ticket-merge input {
 padding: 4px 6px; border: 1px solid #c5ccc9; border-radius: 6px; font-size: 13px; color: #1f2328;
 background: #fff; }
.filter-check { flex-direction: row; align-items: center; gap: 4px; padding-bottom: 6px; }
.tickets-count { margin: 6px 12px 0; font-size: 12px; color: var(--muted); }
.ticket-error { color: var(--danger); margin: 0; }
.ticket-error:empty { display: none; }
.list-error { padding: 6px 12px; }
.tickets-scroll { flex: 1; min-height: 0; overflow: auto; }
.tickets-table { width: 100%; border-collapse: collapse; font-size: 13px; }
.tickets-table th { position: sticky; top: 0; background: #f7f8f8; text-align: start; font-size: 11px;
 text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); padding: 6px 8px;
 border-bottom: 1px solid var(--line); }
.tickets-table td { padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
.tickets-table td.empty { color: var(--muted); text-align: center; padding: 24px; }
.ticket-row { cursor: pointer; }
.ticket-row:hover { background: #f6f8f7; }
.ticket-row.is-selected { background: var(--green-soft); }
.col-subject { overflow-wrap: anywhere; min-width: 140px; }
.col-updated, .col-number { white-space: nowrap; }
.col-sla { min-width: 110px; }
.tickets-table .sla { white-space: normal; }
.open-ticket { font-family: ui-monospace, monospace; font-size: 12px; padding: 2px 6px; }
.status-new { background: #dbe9ff; color: #113e7a; }
.status-open { background: #ffe2cc; color: #6b2e00; }
.status-pending { background: #eee2ff; color: #47207a; }
.status-solved { background: #d8f0e2; color: #1c5233; }
.status-closed { background: #e4e6e5; color: #444c48; }
.badge-priority-urgent { background: var(--danger); color: #fff; }
.badge-priority-high { background: #fde7b0; color: #5c4300; }
.badge-priority-low { background: #f1f3f2; color: var(--muted); }
.sla { display: inline-block; font-size: 11px; font-weight: 600; border-radius: 6px; padding: 1px 6px;
 background: #e6f2ec; color: #1c5233; white-space: nowrap; }
.sla-target { font-weight: 400; }
.sla-warn { background: #ffe7a8; color: #5c4300; }
.sla-breached { background: var(--danger); color: #fff; }
.ticket-panel { min-height: 0; min-width: 0; overflow-y: auto; background: #fff; display: flex;
 flex-direction: column; }
.ticket-pane { padding: 14px 18px 24px; display: flex; flex-direction: column; gap: 10px; }
.ticket-title { font-size: 17px; margin: 0; overflow-wrap: anywhere; }
.ticket-number { font-family: ui-monospace, monospace; color: var(--muted); margin-inline-end: 4px; }
.ticket-badges { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 6px; }
.ticket-facts { grid-template-columns: auto 1fr auto 1fr; font-size: 13px; margin: 0; }
.merged-notice { background: #eef3ff; border: 1px solid #b7c8f0; border-radius: 8px; padding: 6px 10px;
 margin: 0 0 6px; display: flex; align-items: center; gap: 8px; }
.ticket-controls { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 8px; padding: 8px 10px;
 background: #f7f8f8; border: 1px solid var(--line); border-radius: 10px; }
.control { display: flex; flex-direction: column; gap: 2px; font-size: 12px; color: var(--muted); }
.control-tags { flex-direction: row; flex-wrap: wrap; align-items: flex-end; gap: 4px; }
.control-tags label { flex-basis: 100%; }
.ticket-controls .control-error { flex-basis: 100%; }
.ticket-section h3, .audit-section summary { font-size: 12px; text-transform: uppercase;
 letter-spacing: 0.05em; color: var(--muted); margin: 6px 0; }
.audit-section summary { cursor: pointer; }
.ticket-transcript { list-style: none; margin: 0; padding: 8px; display: flex; flex-direction: column;
 gap: 6px; background: #fafbfa; border: 1px solid var(--line); border-radius: 10px; max-height: 280px;
 overflow-y: auto; }
.line-meta, .comment-meta { display: flex; gap: 8px; font-size: 11px; color: var(--muted); }
.line-role, .comment-label { font-weight: 600; }
.line-text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.line-text.line-html { white-space: normal; }
.line-html p { margin: 0 0 4px; } .line-html p:last-child { margin-bottom: 0; }
.line-html ul, .line-html ol { margin: 2px 0; padding-inline-start: 20px; }
.comments { display: flex; flex-direction: column; gap: 8px; }
.comment { border: 1px solid var(--line); border-radius: 10px; padding: 8px 12px; }
.comment-reply { background: var(--green-soft); border-color: #c3d8d0; }
.comment-note { background: var(--note); border: 1px dashed var(--note-line); }
.comment-note .comment-label { color: #6b5200; text-transform: uppercase; letter-spacing: 0.03em; }
.comment-body { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: 2px; }
.delivery { margin: 6px 0 0; font-size: 11px; color: var(--muted); }
.delivery-failed { font-size: 13px; color: var(--danger); background: #fde8eb; border: 1px solid #f3b4bf;
 border-radius: 6px; padding: 4px 8px; }
.ticket-composer { display: grid; gap: 4px; }
.ticket-composer label { font-size: 12px; color: var(--muted); }
.ticket-composer-input { resize: vertical; min-height: 70px; border: 1px solid #c5ccc9; border-radius: 10px;
 padding: 8px 10px; }
.ticket-composer-buttons { display: flex; justify-content: flex-end; gap: 8px; }
.add-note { background: var(--note); border-color: var(--note-line); }
.csat-rating { font-size: 15px; }
.csat-comment { margin: 4px 0 0; padding-inline-start: 10px; border-inline-start: 3px solid var(--line); }
.audit { margin: 0; padding-inline-start: 18px; font-size: 12px; }
.audit-head { display: flex; flex-wrap: wrap; gap: 8px; }
.audit-actor { font-weight: 600; }
.audit-changes { margin: 0; padding-inline-start: 16px; color: var(--muted); overflow-wrap: anywhere; }
.ticket-merge { display: grid; gap: 4px; border-top: 1px solid var(--line); padding-top: 10px; }
.ticket-merge .control { flex-direction: row; align-items: center; gap: 6px; }
`;
