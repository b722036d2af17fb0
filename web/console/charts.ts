import { el } from './dom.js';

const svgNs = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface Series {
  readonly name: string;
  readonly color: string;
  readonly values: readonly number[];
}

/** The data of a chart as a table: the chart's text alternative, and what a screen reader reads. */
export function dataTable(
  caption: string,
  head: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
) {
  const table = el('table', { class: 'data-table' });
  table.append(el('caption', {}, caption));
  const tr = el('tr');
  for (const h of head) tr.append(el('th', { scope: 'col' }, h));
  table.append(el('thead'), el('tbody'));
  table.tHead?.append(tr);
  for (const row of rows) {
    const r = el('tr');
    row.forEach((cell, i) =>
      r.append(el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, String(cell))),
    );
    table.tBodies[0]?.append(r);
  }
  return table;
}

/**
 * Grouped vertical bars, hand-rolled SVG (no chart library in the console bundle): one group per label,
 * one bar per series, a y axis with 0 and the maximum. The SVG is an image named by `title` and described
 * by `summary`; the numbers are in the data table that goes with it.
 */
export function barChart(
  title: string,
  summary: string,
  labels: readonly string[],
  series: readonly Series[],
): SVGSVGElement {
  const width = 640;
  const height = 220;
  const pad = { left: 40, right: 8, top: 12, bottom: 44 };
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const group = plotW / Math.max(1, labels.length);
  const bar = Math.max(1, Math.min(28, (group * 0.8) / Math.max(1, series.length)));
  const id = `chart-${Math.random().toString(36).slice(2, 9)}`;
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-labelledby': `${id}-t ${id}-d`,
    class: 'chart',
    preserveAspectRatio: 'xMidYMid meet',
  });
  root.append(svg('title', { id: `${id}-t` }, title), svg('desc', { id: `${id}-d` }, summary));
  const y = (v: number) => pad.top + plotH - (v / max) * plotH;
  root.append(
    svg('line', { x1: pad.left, y1: y(0), x2: width - pad.right, y2: y(0), class: 'axis' }),
    svg('text', { x: pad.left - 6, y: y(0) + 4, 'text-anchor': 'end', class: 'tick' }, '0'),
    svg('text', { x: pad.left - 6, y: y(max) + 4, 'text-anchor': 'end', class: 'tick' }, String(max)),
  );
  const every = Math.ceil(labels.length / 10);
  labels.forEach((label, i) => {
    const x0 = pad.left + i * group + (group - bar * series.length) / 2;
    series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      root.append(
        svg('rect', {
          x: x0 + j * bar,
          y: y(v),
          width: Math.max(1, bar - 1),
          height: y(0) - y(v),
          fill: s.color,
        }),
      );
    });
    if (i % every === 0)
      root.append(
        svg(
          'text',
          {
            x: pad.left + i * group + group / 2,
            y: height - pad.bottom + 16,
            'text-anchor': 'middle',
            class: 'tick',
          },
          label,
        ),
      );
  });
  series.forEach((s, j) => {
    const x = pad.left + j * 130;
    root.append(
      svg('rect', { x, y: height - 14, width: 10, height: 10, fill: s.color }),
      svg('text', { x: x + 14, y: height - 5, class: 'tick' }, s.name),
    );
  });
  return root;
}
