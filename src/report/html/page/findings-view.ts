// The findings page: every stage's findings, new first, filtered by level, rule, file and baseline from the keyboard.
import type { FindingView, ReportData } from '../report-data.js';
import { clear, el, section, type View } from './dom.js';
import { VirtualList } from './virtual-list.js';

function where(f: FindingView): string {
  if (!f.path) return '';
  return `${f.path}${f.line ? `:${f.line}` : ''}${f.line && f.column ? `:${f.column}` : ''}`;
}

const BASELINE_LABEL: Record<string, string> = { new: 'new', unchanged: 'known', updated: 'updated', absent: 'fixed', unknown: 'age unknown' };

function detail(f: FindingView | undefined): Node[] {
  if (!f) return [el('p', {}, 'No finding matches the filter.')];
  return [
    el('h3', {}, `${f.level} ${f.ruleId}`, el('span', { class: 'dim' }, ` (${BASELINE_LABEL[f.baseline] ?? f.baseline}, stage ${f.stage}, ${f.tool})`)),
    el('p', { class: 'mono' }, where(f) || 'no location'),
    el('pre', { class: 'message' }, f.message),
    f.properties.length > 0 || f.fingerprint
      ? el(
          'dl',
          { class: 'props' },
          ...(f.fingerprint ? [el('dt', {}, 'fingerprint'), el('dd', { class: 'mono' }, f.fingerprint)] : []),
          ...f.properties.flatMap((p) => [el('dt', {}, p.name), el('dd', { class: 'mono' }, p.value)]),
        )
      : null,
  ].filter((x) => x !== null);
}

export function findingsView(d: ReportData): View {
  const all = d.findings;
  let shown: FindingView[] = all;
  const levels = [...new Set(all.map((f) => f.level))];
  const level = el('select', { id: 'f-level' }, el('option', { value: '' }, 'any level'), ...levels.map((l) => el('option', { value: l }, l)));
  const baseline = el(
    'select',
    { id: 'f-baseline' },
    el('option', { value: '' }, 'new and known'),
    el('option', { value: 'new' }, 'new only'),
    el('option', { value: 'unchanged' }, 'known only'),
    el('option', { value: 'unknown' }, 'age unknown'),
    el('option', { value: 'absent' }, 'fixed'),
    el('option', { value: '*' }, 'all, fixed too'),
  );
  const rule = el('input', { id: 'f-rule', type: 'search', autocomplete: 'off', spellcheck: 'false' });
  const file = el('input', { id: 'f-file', type: 'search', autocomplete: 'off', spellcheck: 'false' });
  const status = el('p', { id: 'f-status', role: 'status', class: 'dim' });
  const panel = el('div', { class: 'detail', id: 'f-detail', 'aria-live': 'polite' });
  const list = new VirtualList({
    label: 'findings',
    idPrefix: 'finding',
    rowHeight: 30,
    count: () => shown.length,
    render(row, i) {
      const f = shown[i]!;
      clear(row);
      row.className = `vlist-row finding l-${f.level}`;
      row.append(
        el('span', { class: `lvl l-${f.level}` }, f.level),
        el('span', { class: `base b-${f.baseline}` }, BASELINE_LABEL[f.baseline] ?? f.baseline),
        el('span', { class: 'rule mono' }, f.ruleId),
        el('span', { class: 'where mono' }, where(f)),
        el('span', { class: 'msg' }, f.message.split('\n')[0] ?? ''),
      );
    },
    onActive(i) {
      clear(panel);
      panel.append(...detail(shown[i]));
    },
  });
  const apply = () => {
    const lv = level.value;
    const bl = baseline.value;
    const r = rule.value.trim().toLowerCase();
    const p = file.value.trim().toLowerCase();
    shown = all.filter(
      (f) =>
        (!lv || f.level === lv) &&
        (bl === '*' || (bl === '' ? f.baseline !== 'absent' : f.baseline === bl)) &&
        (!r || f.ruleId.toLowerCase().includes(r)) &&
        (!p || (f.path ?? '').toLowerCase().includes(p)),
    );
    status.textContent = `${shown.length} of ${all.length} findings shown`;
    list.reset();
  };
  for (const c of [level, baseline]) c.addEventListener('change', apply);
  for (const c of [rule, file]) c.addEventListener('input', apply);
  const view = section(
    'findings',
    `Findings (${all.filter((f) => f.baseline === 'new').length} new of ${all.filter((f) => f.baseline !== 'absent').length})`,
    el(
      'form',
      { class: 'filters', role: 'search', 'aria-label': 'filter findings', onsubmit: (e) => e.preventDefault() },
      el('label', { for: 'f-level' }, 'Level ', level),
      el('label', { for: 'f-baseline' }, 'Baseline ', baseline),
      el('label', { for: 'f-rule' }, 'Rule ', rule),
      el('label', { for: 'f-file' }, 'File ', file),
    ),
    el('p', { class: 'dim hint' }, 'Keys: / filters by rule, arrows move through the list.'),
    status,
    all.length > 0 ? list.element : el('p', {}, 'No stage of this run reported a finding.'),
    panel,
  );
  document.addEventListener('keydown', (e) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
    if (e.key === '/' && !typing && !view.hidden) {
      e.preventDefault();
      rule.focus();
    }
  });
  apply();
  return { element: view, shown: () => list.draw() };
}
