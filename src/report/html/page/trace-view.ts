// The traceability page: requirement → tests → their state in this run, for each spec stage.
import type { ReportData, TraceView } from '../report-data.js';
import { el, section, type View } from './dom.js';

const STATUS_ICON: Record<string, string> = { covered: '✔', failing: '✘', uncovered: '○' };

function matrix(t: TraceView): HTMLElement {
  return el(
    'div',
    { class: 'trace' },
    el('h3', {}, `Stage ${t.stage}`),
    t.counts ? el('p', {}, `${t.counts.covered} covered, ${t.counts.failing} failing, ${t.counts.uncovered} uncovered (coverage required: ${t.requireCoverage ?? '—'})`) : null,
    t.note ? el('p', { class: 'dim' }, t.note) : null,
    el(
      'table',
      { class: 'matrix' },
      el('caption', {}, `Requirements of stage ${t.stage} and the tests that trace to them`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'requirement'), el('th', { scope: 'col' }, 'state'), el('th', { scope: 'col' }, 'tests in this run'))),
      el(
        'tbody',
        {},
        ...t.requirements.map((r) =>
          el(
            'tr',
            { class: `r-${r.status}` },
            el('th', { scope: 'row' }, el('span', { class: 'mono' }, r.id), ` ${r.title}`, el('div', { class: 'dim mono' }, `${r.place}${r.normative ? '' : ' (informative)'}`)),
            el('td', { class: `st-${r.status}` }, `${STATUS_ICON[r.status] ?? ''} ${r.status}`),
            el(
              'td',
              {},
              r.tests.length === 0
                ? el('span', { class: 'dim' }, 'no test traces here')
                : el('ul', {}, ...r.tests.map((x) => el('li', {}, el('span', { class: `tstate ts-${x.state}` }, x.state), ` ${x.name}`, el('span', { class: 'dim' }, ` (${x.stage})`)))),
            ),
          ),
        ),
      ),
    ),
    t.unknown.length > 0
      ? el('div', {}, el('h4', {}, 'Tests that trace to no known requirement'), el('ul', {}, ...t.unknown.map((u) => el('li', {}, `${u.test} (${u.stage}) → ${u.traceTo}`))))
      : null,
  );
}

export function traceView(d: ReportData): View {
  return {
    element: section(
      'trace',
      'Traceability',
      d.traces.length === 0 ? el('p', {}, 'No spec stage of this run recorded a trace matrix.') : null,
      ...d.traces.map(matrix),
    ),
  };
}
