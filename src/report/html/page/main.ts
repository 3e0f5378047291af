// The report page's script: reads the run data embedded as JSON and renders the pages (run, findings, tests,
// traceability, factory), one shown at a time by the address's #fragment, so links and the back button work.
import { REPORT_DATA_SCHEMA, type ReportData } from '../report-data.js';
import { el, type View } from './dom.js';
import { factoryView } from './factory-view.js';
import { findingsView } from './findings-view.js';
import { runHeader, runView } from './run-view.js';
import { testsView } from './tests-view.js';
import { traceView } from './trace-view.js';

function readData(): ReportData {
  const node = document.getElementById('andon-data');
  const data = JSON.parse(node?.textContent ?? 'null') as ReportData | null;
  if (data?.schema !== REPORT_DATA_SCHEMA) throw new Error(`this page holds no ${REPORT_DATA_SCHEMA} data`);
  return data;
}

function start(): void {
  const app = document.getElementById('app')!;
  const d = readData();
  const pages: { id: string; title: string; make: (d: ReportData) => View }[] = [
    { id: 'run', title: 'Run', make: runView },
    { id: 'findings', title: `Findings (${d.findings.filter((f) => f.baseline === 'new').length} new)`, make: findingsView },
    { id: 'tests', title: `Tests (${d.tests.total})`, make: testsView },
    { id: 'trace', title: 'Traceability', make: traceView },
    { id: 'factory', title: 'Factory', make: factoryView },
  ];
  // Each page is built the first time it is shown: opening the report costs only the page asked for.
  const views = pages.map((p) => ({ ...p, view: null as View | null }));
  const links = views.map((v) => el('a', { href: `#${v.id}`, id: `nav-${v.id}` }, v.title));
  const main = el('main', { id: 'main' });
  app.append(el('a', { href: '#main', class: 'skip' }, 'Skip to content'), runHeader(d), el('nav', { 'aria-label': 'report pages' }, el('ul', {}, ...links.map((a) => el('li', {}, a)))), main);

  const route = () => {
    const want = location.hash.slice(1);
    // A stage anchor (#stage-unit) lives on the run page.
    const current = views.find((v) => v.id === want) ?? views[0]!;
    if (!current.view) {
      current.view = current.make(d);
      main.append(current.view.element);
    }
    for (const [k, v] of views.entries()) {
      const on = v === current;
      if (v.view) v.view.element.hidden = !on;
      if (on) links[k]!.setAttribute('aria-current', 'page');
      else links[k]!.removeAttribute('aria-current');
    }
    current.view.shown?.();
    if (want.startsWith('stage-')) document.getElementById(want)?.scrollIntoView();
  };
  window.addEventListener('hashchange', route);
  route();
  document.body.dataset.ready = 'true';
}

try {
  start();
} catch (e) {
  const app = document.getElementById('app');
  app?.append(el('p', { class: 'fatal', role: 'alert' }, `This report could not be shown: ${(e as Error).message}`));
  throw e;
}
