// The tests page: every test of the run's regression stages by class, searchable, in a list that renders only what is in view.
import type { ReportData, TestsView } from '../report-data.js';
import { clear, duration, el, section, type View } from './dom.js';
import { VirtualList } from './virtual-list.js';

const CLASS_LABEL: Record<string, string> = {
  regression: 'regression',
  'new-failure': 'new failure',
  'known-failure': 'known failure',
  flaky: 'flaky',
  quarantined: 'quarantined',
  fixed: 'fixed',
  'new-passing': 'new, passing',
  passed: 'passed',
  skipped: 'skipped',
  removed: 'removed',
};

function str(t: TestsView, i: number): string {
  return i >= 0 ? (t.strings[i] ?? '') : '';
}

function place(t: TestsView, i: number): string {
  const file = str(t, t.file[i]!);
  return file ? `${file}${t.line[i]! > 0 ? `:${t.line[i]}` : ''}` : '';
}

export function testsView(d: ReportData): View {
  const t = d.tests;
  const messages = new Map(t.messageOf.map((i, k) => [i, t.message[k]!]));
  const traces = new Map(t.traceOf.map((i, k) => [i, t.trace[k]!]));
  let hay: string[] | null = null;
  const haystack = (): string[] =>
    (hay ??= t.name.map((n, i) => `${n} ${str(t, t.suite[i]!)} ${str(t, t.classname[i]!)} ${place(t, i)} ${traces.get(i) ?? ''}`.toLowerCase()));
  let shown = new Int32Array(0);
  const checked = t.classes.map(() => true);
  const search = el('input', { id: 't-search', type: 'search', autocomplete: 'off', spellcheck: 'false' });
  const status = el('p', { id: 't-status', role: 'status', class: 'dim' });
  const panel = el('div', { class: 'detail', id: 't-detail', 'aria-live': 'polite' });
  const list = new VirtualList({
    label: 'tests',
    idPrefix: 'test',
    rowHeight: 30,
    count: () => shown.length,
    render(row, k) {
      const i = shown[k]!;
      const cls = t.classes[t.testClass[i]!]!;
      clear(row);
      row.className = `vlist-row test c-${cls}`;
      row.append(
        el('span', { class: `cls c-${cls}` }, CLASS_LABEL[cls] ?? cls),
        el('span', { class: 'name' }, t.name[i]!),
        el('span', { class: 'where mono' }, place(t, i) || str(t, t.classname[i]!)),
        el('span', { class: 'time' }, duration(t.durationMs[i]! >= 0 ? t.durationMs[i] : null)),
      );
    },
    onActive(k) {
      clear(panel);
      const i = shown[k];
      if (i === undefined) return void panel.append(el('p', {}, 'No test matches.'));
      const cls = t.classes[t.testClass[i]!]!;
      panel.append(
        el('h3', {}, t.name[i]!),
        el(
          'dl',
          { class: 'props' },
          el('dt', {}, 'class'),
          el('dd', {}, CLASS_LABEL[cls] ?? cls),
          el('dt', {}, 'stage'),
          el('dd', {}, t.stages[t.stage[i]!] ?? ''),
          el('dt', {}, 'suite'),
          el('dd', {}, str(t, t.suite[i]!)),
          el('dt', {}, 'class name'),
          el('dd', {}, str(t, t.classname[i]!)),
          el('dt', {}, 'place'),
          el('dd', { class: 'mono' }, place(t, i) || '—'),
          el('dt', {}, 'time'),
          el('dd', {}, duration(t.durationMs[i]! >= 0 ? t.durationMs[i] : null)),
          ...(traces.has(i) ? [el('dt', {}, 'traces to'), el('dd', {}, traces.get(i)!)] : []),
        ),
        messages.has(i) ? el('pre', { class: 'message' }, messages.get(i)!) : '',
      );
    },
  });
  let timer = 0;
  const apply = () => {
    const q = search.value.trim().toLowerCase();
    const h = q ? haystack() : null;
    const out = new Int32Array(t.total);
    let n = 0;
    for (let i = 0; i < t.total; i++) {
      if (!checked[t.testClass[i]!]) continue;
      if (h && !h[i]!.includes(q)) continue;
      out[n++] = i;
    }
    shown = out.subarray(0, n);
    status.textContent = `${n} of ${t.total} tests shown`;
    list.reset();
  };
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(apply, t.total > 20_000 ? 150 : 0);
  });
  const chips = el(
    'fieldset',
    { class: 'chips' },
    el('legend', {}, 'Classes'),
    ...t.classes.map((c, k) =>
      el(
        'label',
        { class: `chip c-${c}` },
        el('input', {
          type: 'checkbox',
          checked: true,
          onchange: (e) => {
            checked[k] = (e.target as HTMLInputElement).checked;
            apply();
          },
        }),
        ` ${CLASS_LABEL[c] ?? c} (${t.classCounts[k]})`,
      ),
    ),
  );
  const element = section(
    'tests',
    `Tests (${t.total})`,
    t.total === 0
      ? el('p', {}, t.stages.length === 0 ? 'No regression stage in this run recorded tests.' : 'The regression stages of this run recorded no tests.')
      : el(
          'div',
          {},
          chips,
          el('form', { class: 'filters', role: 'search', 'aria-label': 'search tests', onsubmit: (e) => e.preventDefault() }, el('label', { for: 't-search' }, 'Search ', search)),
          status,
          list.element,
          panel,
        ),
  );
  if (t.total > 0) apply();
  return { element, shown: () => list.draw() };
}
