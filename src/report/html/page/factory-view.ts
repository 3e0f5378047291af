// The factory page: how the line has done over the recorded runs — per stage yield, stops, reuse, durations and flakiness
// as SVG bars and a table, and the trend by period as uPlot time series.
import uPlot from 'uplot';
import type { FactoryMetrics, StageMetrics } from '../../metrics.js';
import type { ReportData } from '../report-data.js';
import { duration, el, percent, section, svg, type View } from './dom.js';

function card(label: string, value: string, id?: string): HTMLElement {
  return el('div', { class: 'card', ...(id ? { id } : {}) }, el('div', { class: 'card-value' }, value), el('div', { class: 'card-label' }, label));
}

/** Horizontal bars, one per stage: plain SVG, labelled, with the numbers written beside the bars. */
function bars(title: string, stages: readonly StageMetrics[], value: (s: StageMetrics) => number, label: (s: StageMetrics) => string): SVGElement {
  const rowH = 26;
  const labelW = 150;
  const width = 560;
  const max = Math.max(1e-9, ...stages.map(value));
  const id = `bars-${title.replace(/[^a-z]+/gi, '-').toLowerCase()}`;
  return svg(
    'svg',
    { class: 'bars', viewBox: `0 0 ${width} ${stages.length * rowH + 8}`, role: 'img', 'aria-labelledby': id },
    svg('title', { id }, `${title}: ${stages.map((s) => `${s.stage} ${label(s)}`).join(', ')}`),
    ...stages.flatMap((s, i) => {
      const y = i * rowH + 4;
      const w = ((width - labelW - 210) * value(s)) / max;
      return [
        svg('text', { x: 0, y: y + 16, class: 'bar-label' }, s.stage),
        svg('rect', { x: labelW, y: y + 3, width: Math.max(1, w), height: rowH - 8, class: 'bar-fill', rx: 2 }),
        svg('text', { x: labelW + Math.max(1, w) + 6, y: y + 16, class: 'bar-value' }, label(s)),
      ];
    }),
  );
}

function stageTable(m: FactoryMetrics): HTMLElement {
  const cols: [string, (s: StageMetrics) => string][] = [
    ['runs', (s) => String(s.runs)],
    ['first-pass yield', (s) => percent(s.firstPassYield)],
    ['stops', (s) => String(s.stops)],
    ['reuse rate', (s) => percent(s.reuseRate)],
    ['time saved by reuse', (s) => duration(s.timeSavedMs)],
    ['p50', (s) => duration(s.p50Ms)],
    ['p95', (s) => duration(s.p95Ms)],
    ['flaky tests', (s) => percent(s.flakyRate)],
    ['mean time to green', (s) => (s.recoveries > 0 ? duration(s.meanTimeToGreenMs) : '—')],
  ];
  return el(
    'table',
    { class: 'metrics' },
    el('caption', {}, `Per stage, over ${m.runs} runs`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'stage'), ...cols.map(([h]) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...m.stages.map((s) => el('tr', {}, el('th', { scope: 'row' }, s.stage), ...cols.map(([, f]) => el('td', {}, f(s)))))),
  );
}

function seriesTable(m: FactoryMetrics): HTMLElement {
  return el(
    'details',
    {},
    el('summary', {}, `The trend as numbers, by ${m.period}`),
    el(
      'table',
      { class: 'metrics' },
      el('caption', {}, `Line by ${m.period}`),
      el('thead', {}, el('tr', {}, ...['from', 'runs', 'passed', 'first-pass yield', 'p50', 'p95', 'reuse rate', 'mean time to green'].map((h) => el('th', { scope: 'col' }, h)))),
      el(
        'tbody',
        {},
        ...m.series.map((p) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, p.start),
            ...[String(p.runs), String(p.passed), percent(p.firstPassYield), duration(p.p50Ms), duration(p.p95Ms), percent(p.reuseRate), p.recoveries > 0 ? duration(p.meanTimeToGreenMs) : '—'].map((v) =>
              el('td', {}, v),
            ),
          ),
        ),
      ),
    ),
  );
}

/** A uPlot chart of the series; drawn when the page is first shown, at the width it then has. */
function trendChart(host: HTMLElement, m: FactoryMetrics): void {
  const xs = m.series.map((p) => Date.parse(`${p.start}T00:00:00Z`) / 1000);
  const sec = (v: number | null) => (v === null ? null : v / 1000);
  const data: uPlot.AlignedData = [xs, m.series.map((p) => sec(p.p50Ms)), m.series.map((p) => sec(p.p95Ms)), m.series.map((p) => (p.firstPassYield === null ? null : p.firstPassYield * 100))];
  const width = Math.max(320, Math.min(900, host.clientWidth || 640));
  // One period alone would leave uPlot to guess a range of years: show the day (or week) around it.
  const pad = m.period === 'day' ? 86_400 : 7 * 86_400;
  const x0 = xs[0] ?? 0;
  const x1 = xs.at(-1) ?? 0;
  new uPlot(
    {
      width,
      height: 260,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: true, range: () => [x0 - (x1 > x0 ? 0 : pad), x1 + (x1 > x0 ? 0 : pad)] }, pct: { range: [0, 100] } },
      series: [
        {},
        { label: 'p50 duration (s)', stroke: '#1f5fa8', width: 2, points: { show: true } },
        { label: 'p95 duration (s)', stroke: '#8a4b00', width: 2, dash: [6, 4], points: { show: true } },
        { label: 'first-pass yield (%)', stroke: '#2b7a3d', width: 2, scale: 'pct', points: { show: true } },
      ],
      axes: [{ stroke: '#333' }, { stroke: '#333', label: 'seconds' }, { side: 1, scale: 'pct', stroke: '#333', label: '%', grid: { show: false } }],
    },
    data,
    host,
  );
}

export function factoryView(d: ReportData): View {
  const m = d.factory;
  if (!m || m.runs === 0) {
    return { element: section('factory', 'Factory', el('p', { id: 'factory-empty' }, m ? `No finished runs in ${m.source} to measure yet.` : 'No factory metrics in this report.')) };
  }
  const chart = el('div', { class: 'chart', role: 'img', 'aria-label': `Line duration p50 and p95 in seconds and first-pass yield in percent, by ${m.period}, from ${m.series[0]?.start} to ${m.series.at(-1)?.start}` });
  const legend = el(
    'ul',
    { class: 'legend' },
    el('li', { class: 'k-p50' }, 'p50 duration (s), solid blue'),
    el('li', { class: 'k-p95' }, 'p95 duration (s), dashed brown'),
    el('li', { class: 'k-fpy' }, 'first-pass yield (%), green, right axis'),
  );
  const l = m.line;
  const element = section(
    'factory',
    'Factory',
    el('p', {}, `${m.runs} runs from ${m.source}, ${m.from ?? ''} to ${m.to ?? ''}.${m.skipped.length > 0 ? ` ${m.skipped.length} left out (running or unreadable).` : ''}`),
    el(
      'div',
      { class: 'cards' },
      card('runs', String(l.runs)),
      card('first-pass yield', percent(l.firstPassYield), 'fpy'),
      card('p50 / p95 line time', `${duration(l.p50Ms)} / ${duration(l.p95Ms)}`),
      card('reuse rate', percent(l.reuseRate)),
      card('time saved by reuse', duration(l.timeSavedMs)),
      card('flaky tests', percent(l.flakyRate)),
      card('mean time to green', l.recoveries > 0 ? duration(l.meanTimeToGreenMs) : '—'),
    ),
    el('h3', {}, `Trend by ${m.period}`),
    el('figure', {}, chart, el('figcaption', {}, legend)),
    seriesTable(m),
    el('h3', {}, 'Stages'),
    stageTable(m),
    el('h3', {}, 'Which stage stops the line'),
    bars('Runs stopped per stage', m.stages, (s) => s.stops, (s) => String(s.stops)),
    el('h3', {}, 'Reuse per stage'),
    bars('Reuse rate per stage', m.stages, (s) => s.reuseRate ?? 0, (s) => `${percent(s.reuseRate)} · saved ${duration(s.timeSavedMs)}`),
  );
  let drawn = false;
  return {
    element,
    shown() {
      if (drawn) return;
      drawn = true;
      trendChart(chart, m);
    },
  };
}
