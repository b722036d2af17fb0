/**
 * The admins' views' styles: Reports and Settings, and Review (web/console/review-*.ts); part of the
 * console's stylesheet (styles.ts).
 */
export const adminCss = `/* admin views: Reports and Settings */
.admin-view { flex: 1; min-height: 0; overflow-y: auto; padding: 16px 20px 40px; }
.admin-view h2 { margin: 0 0 12px; font-size: 20px; }
.report-filters, .inline-form { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 10px;
 margin-bottom: 12px; }
.inline-form h4 { flex-basis: 100%; margin: 12px 0 0; }
.field { display: flex; flex-direction: column; gap: 2px; font-size: 12px; color: var(--muted); }
.field input, .field select, .report-card td input, .report-card td select { padding: 5px 8px;
 border: 1px solid #c5ccc9; border-radius: 6px; color: #1f2328; font-size: 14px; }
.report-status { color: var(--muted); margin: 0 0 12px; }
.report-card { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 12px 16px;
 margin-bottom: 14px; }
.report-card-head { display: flex; align-items: baseline; justify-content: space-between; gap: 12px; }
.report-card h3 { margin: 0 0 8px; font-size: 16px; }
.csv-link { color: #1d5fbf; }
.kpi-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); gap: 10px; margin: 0; }
.kpi { background: var(--green-soft); border-radius: 10px; padding: 8px 12px; }
.kpi dt { font-size: 12px; color: var(--muted); }
.kpi dd { margin: 0; font-size: 22px; font-weight: 700; }
.chart { width: 100%; max-width: 720px; height: auto; display: block; }
.chart .axis { stroke: #8a9490; }
.chart .tick { font-size: 11px; fill: #3d4643; }
.table-wrap { overflow-x: auto; }
.data-table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
.data-table caption { text-align: start; font-weight: 600; padding: 4px 0; }
.data-table th, .data-table td { text-align: start; padding: 4px 8px; border-bottom: 1px solid var(--line);
 vertical-align: middle; }
.data-table td.actions { white-space: nowrap; }
.data-table td.actions button + button { margin-inline-start: 6px; }
.chart-data summary { cursor: pointer; color: #1d5fbf; }
.new-key input { font-family: ui-monospace, monospace; }
/* Review (admins): web/console/review-*.ts */
.review-view { flex: 1; min-height: 0; overflow-y: auto; padding: 16px 24px; background: #fff; }
.review-view h2 { margin: 0 0 8px; font-size: 20px; }
.review-filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin-bottom: 8px; }
.review-filter, .editor-field { display: flex; flex-direction: column; gap: 2px; }
.review-groups { list-style: none; padding: 0; margin: 0; display: grid; gap: 12px; }
.review-group { border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
.review-group h3 { margin: 0 0 4px; font-size: 16px; }
.group-facts, .group-conversations, .group-mark, .review-count { color: var(--muted); margin: 4px 0; }
.group-answer { margin: 8px 0; padding: 8px 12px; border-left: 4px solid var(--green); background: var(--green-soft); white-space: pre-wrap; }
.group-actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-top: 8px; }
.add-question { min-width: 280px; }
.group-conversations-box { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: baseline; color: var(--muted); margin: 4px 0; }
.group-conversations-box .group-conversations { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 12px; }
.conversation-link { border: 0; background: none; padding: 0; color: #1d5fbf; text-decoration: underline; border-radius: 2px; }
.conversation-link:hover:not(:disabled) { background: none; color: #0f3f85; }
.conversation-dialog { width: min(720px, calc(100vw - 32px)); }
.conversation-facts { color: var(--muted); margin: 0 0 8px; }
.conversation-transcript { max-height: min(60vh, 560px); border: 1px solid var(--line); border-radius: 8px; }
.article-editor { border: 2px solid var(--green); border-radius: 10px; padding: 12px 16px; margin: 8px 0 16px; display: grid; gap: 8px; }
.article-editor h2 { font-size: 18px; }
.article-editor h3 { margin: 4px 0 0; font-size: 14px; }
.article-editor textarea { width: 100%; font-family: ui-monospace, monospace; }
.lint-problems { margin: 0; padding-left: 20px; }
.lint-error { color: var(--danger); }
.lint-warning { color: #6b4e00; }
.article-preview { border: 1px dashed var(--line); border-radius: 8px; padding: 8px 12px; }
.editor-actions { display: flex; gap: 8px; }
.article-editor .control-error { color: var(--danger); margin: 0; }
.article-editor .control-error:empty { display: none; }
`;
