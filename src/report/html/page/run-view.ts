// The run page: what the run was, its lineage back to the root run, the line as a timeline, and each stage in detail.
import type { ReportData, StageView } from '../report-data.js';
import { badge, bytes, duration, el, section, type View } from './dom.js';

/** States in which the stage's own work took the time shown. */
const RAN = new Set(['passed', 'failed', 'errored', 'running', 'interrupted', 'cancelled']);

export function runHeader(d: ReportData): HTMLElement {
  const r = d.run;
  const verdict = r.interrupted ? 'interrupted' : r.verdict;
  const stop = d.stages.find((s) => s.blocking && (s.state === 'failed' || s.state === 'errored'));
  const facts: [string, string | Node][] = [
    ['commit', r.sha ? `${r.sha.slice(0, 12)}${r.dirty ? ' (uncommitted changes)' : ''}` : 'none'],
    ['branch', r.ref ?? '—'],
    ['started', r.createdAt],
    ['took', duration(r.durationMs)],
    ['config', `${r.configPath} ${r.configDigest.slice(0, 19)}`],
    ['andon', `${r.andonVersion} on node ${r.node}`],
  ];
  if (r.repo) facts.unshift(['repository', r.repo]);
  if (r.pr) facts.push(['pull request', `#${r.pr}`]);
  if (r.url) facts.push(['workflow run', el('span', { class: 'mono' }, r.url)]);
  return el(
    'header',
    { class: 'run-header' },
    el('h1', {}, 'Andon run ', el('span', { class: 'mono', id: 'run-serial' }, r.serial), ' ', badge(verdict)),
    r.parent
      ? el('p', { class: 'parent', id: 'parent' }, 'Resumed from run ', el('span', { class: 'mono' }, r.parent.serial), ` at stage ${r.parent.fromStage}.`)
      : el('p', { class: 'parent' }, 'A first run: no parent.'),
    stop ? el('p', { class: 'stop', id: 'stopped-at' }, `The line stopped at stage ${stop.id} (${stop.state}): ${stop.reason}`) : null,
    r.nonBlockingFailures.length > 0 ? el('p', {}, `Non-blocking failures: ${r.nonBlockingFailures.join(', ')}`) : null,
    el('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
  );
}

function lineage(d: ReportData): HTMLElement {
  return el(
    'ol',
    { class: 'lineage', 'aria-label': 'lineage, newest first' },
    ...d.lineage.map((l, i) =>
      el(
        'li',
        {},
        el('span', { class: 'mono' }, l.serial),
        ' ',
        l.verdict ? badge(l.verdict) : el('span', { class: 'badge s-unknown' }, 'unknown'),
        i === 0 ? ' this run' : '',
        l.sha ? el('span', { class: 'dim' }, ` commit ${l.sha.slice(0, 7)}`) : null,
        l.createdAt ? el('span', { class: 'dim' }, ` ${l.createdAt}`) : null,
        l.fromStage ? el('span', {}, ` — resumed its parent from ${l.fromStage}`) : null,
        l.problem ? el('span', { class: 'warn' }, ` — ${l.problem}`) : null,
      ),
    ),
  );
}

function timeline(d: ReportData): HTMLElement {
  const total = Math.max(1, d.run.durationMs ?? 0, ...d.stages.map((s) => (s.offsetMs ?? 0) + (s.durationMs ?? 0)));
  return el(
    'ol',
    { class: 'timeline', 'aria-label': 'stages in line order' },
    ...d.stages.map((s) => {
      const bar = el('span', { class: `bar s-${s.state}`, 'aria-hidden': 'true' });
      // Geometry goes through the CSSOM: the page's CSP allows no inline style attributes.
      bar.style.marginLeft = `${((s.offsetMs ?? 0) / total) * 100}%`;
      bar.style.width = `${Math.max(0.5, ((s.durationMs ?? 0) / total) * 100)}%`;
      return el(
        'li',
        {},
        el('a', { href: `#stage-${s.id}`, class: 'stage-name' }, s.id),
        badge(s.state),
        el('span', { class: 'time' }, RAN.has(s.state) ? duration(s.durationMs) : 'not run'),
        el('span', { class: 'track' }, bar),
        s.reusedFrom ? el('span', { class: 'reused-from' }, 'reused from ', el('span', { class: 'mono' }, s.reusedFrom)) : null,
      );
    }),
  );
}

function inputs(s: StageView): HTMLElement {
  const i = s.inputs;
  return el(
    'div',
    { class: 'inputs' },
    el('h4', {}, 'Inputs against the parent'),
    el('p', { class: i.kind === 'changed' ? 'changed' : '' }, i.summary),
    i.tools.length > 0 ? el('ul', {}, ...i.tools.map((t) => el('li', {}, `${t.tool}: ${t.before ?? 'absent'} → ${t.after}`))) : null,
    i.files.length > 0 ? el('ul', { class: 'files' }, ...i.files.map((f) => el('li', {}, el('span', { class: 'mono' }, f.path), ` ${f.change}`))) : null,
  );
}

function artifacts(s: StageView): HTMLElement | null {
  if (s.artifacts.length === 0 && s.unrecorded.length === 0) return null;
  const mark = { verified: '✔ verifies', missing: '✘ missing', modified: '✘ modified since recorded' } as const;
  return el(
    'div',
    {},
    el('h4', {}, 'Artifacts'),
    el(
      'table',
      { class: 'artifacts' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'file'), el('th', { scope: 'col' }, 'size'), el('th', { scope: 'col' }, 'sha256'), el('th', { scope: 'col' }, 'verification'))),
      el(
        'tbody',
        {},
        ...s.artifacts.map((a) =>
          el('tr', {}, el('td', { class: 'mono' }, a.path), el('td', {}, bytes(a.bytes)), el('td', { class: 'mono hash' }, a.sha256), el('td', { class: `v-${a.status}` }, mark[a.status])),
        ),
        ...s.unrecorded.map((p) => el('tr', {}, el('td', { class: 'mono' }, p), el('td', {}, ''), el('td', {}, ''), el('td', { class: 'v-modified' }, '✘ not in the record'))),
      ),
    ),
  );
}

function stageDetail(s: StageView, open: boolean): HTMLElement {
  return el(
    'details',
    { id: `stage-${s.id}`, class: 'stage', open },
    el('summary', {}, el('strong', {}, s.id), ` (${s.uses}${s.blocking ? '' : ', non-blocking'}) `, badge(s.state), RAN.has(s.state) ? ` ${duration(s.durationMs)}` : ''),
    el('p', { class: 'reason' }, s.reason),
    s.counts.length > 0 ? el('dl', { class: 'counts' }, ...s.counts.flatMap((c) => [el('dt', {}, c.name), el('dd', {}, c.value)])) : null,
    inputs(s),
    artifacts(s),
    s.log.length > 0 ? el('div', {}, el('h4', {}, `Last ${s.log.length} lines of the log`), el('pre', { class: 'log', tabindex: 0 }, s.log.join('\n'))) : null,
    ...s.notes.map((n) => el('p', { class: 'warn' }, n)),
  );
}

export function runView(d: ReportData): View {
  const element = section(
    'run',
    'Run',
    el('h3', {}, 'Lineage'),
    lineage(d),
    el('h3', {}, 'Line'),
    timeline(d),
    el('h3', {}, 'Stages'),
    ...d.stages.map((s) => stageDetail(s, s.state === 'failed' || s.state === 'errored')),
    d.notes.length > 0 ? el('div', { class: 'notes' }, el('h3', {}, 'Notes'), el('ul', {}, ...d.notes.map((n) => el('li', {}, n)))) : null,
  );
  return { element };
}
