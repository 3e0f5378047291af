// Gathers what a run's report shows (record, lineage, stage folders, verification, factory metrics) into ReportData.
// Reads go through run-data.ts; a section that cannot be read becomes a note, never a failed report.
import type { RunRecord, StageRecord } from '../../core/run-record.js';
import type { TestRow } from '../../core/tests-contract.js';
import type { Store } from '../../core/store.js';
import { ANDON_VERSION } from '../../version.js';
import type { FactoryMetrics } from '../metrics.js';
import {
  loadFindings,
  loadInputsChange,
  loadLineage,
  loadLogTail,
  loadTests,
  loadTrace,
  verify,
  type FindingRow,
  type Read,
  type TraceDoc,
  type Verification,
} from '../run-data.js';
import { REPORT_DATA_SCHEMA, type FindingView, type InputsView, type ReportData, type StageView, type TestsView, type TraceView } from './report-data.js';

export interface ReportInput {
  store: Store;
  serial: string;
  /** The store that holds the parent's stage folders, when not `store` (a parent downloaded from another workflow run). */
  parentStore?: Store;
  factory: FactoryMetrics | null;
  now: Date;
  /** Whether a record that says running was left by a process that is gone. */
  isInterrupted(record: RunRecord): boolean;
}

/** Test classes, most important first: the page lists them in this order. */
const CLASS_ORDER = ['regression', 'new-failure', 'known-failure', 'flaky', 'quarantined', 'fixed', 'new-passing', 'passed', 'skipped', 'removed'];
const MAX_TEST_MESSAGE = 600;
const MAX_FINDING_MESSAGE = 8000;
const LOG_LINES = 40;

function msBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

function countsOf(counts: Record<string, unknown>): StageView['counts'] {
  const out: StageView['counts'] = [];
  for (const [name, v] of Object.entries(counts)) {
    if (v === null || v === undefined) continue;
    if (name === 'findings' && typeof v === 'object') {
      const f = v as Record<string, unknown>;
      out.push({ name: 'findings', value: `${Number(f.error ?? 0)} errors, ${Number(f.warning ?? 0)} warnings, ${Number(f.note ?? 0)} notes (${Number(f.new ?? 0)} new)` });
    } else out.push({ name, value: typeof v === 'object' ? JSON.stringify(v) : String(v) });
  }
  return out;
}

function noteOf(what: string, read: Read<unknown>): string | null {
  return read.kind === 'unreadable' ? `${what}: ${read.why}` : null;
}

async function inputsOf(input: ReportInput, record: RunRecord, stage: StageRecord): Promise<InputsView> {
  const none = { files: [], tools: [] };
  if (!record.parent) return { kind: 'first-run', summary: 'A first run: no parent to compare the inputs with.', ...none };
  if (stage.state === 'reused') return { kind: 'reused', summary: `Unchanged: the result of ${stage.reusedFrom ?? record.parent.serial} stands for this run.`, ...none };
  if (!stage.inputsDigest) return { kind: 'unknown', summary: stage.state === 'skipped' || stage.state === 'pending' ? 'The stage did not run.' : 'The stage declared no inputs.', ...none };
  const change = await loadInputsChange(input.store, record.serial, input.parentStore ?? input.store, record.parent.serial, stage.id);
  if (change.kind === 'unknown') return { kind: 'unknown', summary: `Not compared: ${change.why}.`, ...none };
  if (change.kind === 'unchanged') return { kind: 'unchanged', summary: `Same inputs as in ${record.parent.serial}.`, ...none };
  const d = change.diff;
  const parts = [d.options ? 'options changed' : '', d.extra ?? '', d.files.length > 0 ? `${d.files.length} file(s) changed` : ''].filter(Boolean);
  return {
    kind: 'changed',
    summary: `Changed since ${record.parent.serial}: ${parts.join('; ') || 'tool versions changed'}.`,
    files: d.files.slice(0, 500),
    tools: Object.entries(d.tools).map(([tool, [before, after]]) => ({ tool, before, after })),
  };
}

async function stageView(input: ReportInput, record: RunRecord, stage: StageRecord, checked: Verification, interrupted: boolean): Promise<StageView> {
  const notes: string[] = [];
  const stopped = stage.state === 'failed' || stage.state === 'errored' || (interrupted && stage.state === 'running');
  let log: string[] = [];
  if (stopped) {
    const tail = await loadLogTail(input.store, record.serial, stage.id, LOG_LINES);
    if (tail.kind === 'read') log = tail.value;
    const n = noteOf('log', tail);
    if (n) notes.push(n);
  }
  if (stage.artifacts.length > 0 && stage.artifacts.every((a) => checked.status.get(a.path) === 'missing')) {
    notes.push(`The stage folder is not in this store (${input.store.root}): its findings, tests and logs cannot be shown.`);
  }
  return {
    id: stage.id,
    uses: stage.uses,
    blocking: stage.blocking,
    state: interrupted && stage.state === 'running' ? 'interrupted' : stage.state,
    reason: stage.reason,
    startedAt: stage.startedAt,
    durationMs: stage.durationMs,
    offsetMs: msBetween(record.createdAt, stage.startedAt),
    reusedFrom: stage.reusedFrom,
    counts: countsOf(stage.counts),
    inputsDigest: stage.inputsDigest,
    inputs: await inputsOf(input, record, stage),
    artifacts: stage.artifacts.map((a) => ({ ...a, status: checked.status.get(a.path) ?? 'missing' })),
    unrecorded: checked.unrecorded.filter((p) => p.startsWith(`${stage.id}/`)),
    log,
    notes,
  };
}

const BASELINE_RANK: Record<string, number> = { new: 0, updated: 1, unchanged: 2, absent: 3 };
const LEVEL_RANK: Record<string, number> = { error: 0, warning: 1, note: 2, none: 3 };

function findingView(stage: string, f: FindingRow): FindingView {
  return {
    stage,
    tool: f.tool,
    ruleId: f.ruleId,
    level: f.level,
    message: f.message.length > MAX_FINDING_MESSAGE ? `${f.message.slice(0, MAX_FINDING_MESSAGE)}…` : f.message,
    path: f.path,
    line: f.line,
    column: f.column,
    baseline: f.baseline,
    fingerprint: f.fingerprint,
    properties: Object.entries(f.properties).map(([name, v]) => ({ name, value: typeof v === 'string' ? v : JSON.stringify(v) })),
  };
}

function compareFindingViews(a: FindingView, b: FindingView): number {
  return (
    (BASELINE_RANK[a.baseline] ?? 1) - (BASELINE_RANK[b.baseline] ?? 1) ||
    (LEVEL_RANK[a.level] ?? 3) - (LEVEL_RANK[b.level] ?? 3) ||
    (a.path ?? '').localeCompare(b.path ?? '') ||
    (a.line ?? 0) - (b.line ?? 0)
  );
}

/** The columns of one class's tests, before they are put one class after another. */
type ClassColumns = Pick<TestsView, 'name' | 'stage' | 'file' | 'line' | 'suite' | 'classname' | 'durationMs'> & {
  messages: [number, string][];
  traces: [number, string][];
};

function emptyColumns(): ClassColumns {
  return { name: [], stage: [], file: [], line: [], suite: [], classname: [], durationMs: [], messages: [], traces: [] };
}

/** Collects tests by column, one set of columns per class, so the page gets them most important class first unsorted. */
class TestColumns {
  private readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly byClass = new Map<string, ClassColumns>();
  readonly stages: string[] = [];

  private intern(s: string | null): number {
    if (!s) return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  add(stageIndex: number, t: TestRow): void {
    let c = this.byClass.get(t.class);
    if (!c) this.byClass.set(t.class, (c = emptyColumns()));
    const n = c.name.length;
    c.name.push(t.name || t.id);
    c.stage.push(stageIndex);
    c.file.push(this.intern(t.file ?? null));
    c.line.push(t.line ?? 0);
    c.suite.push(this.intern(t.suite));
    c.classname.push(this.intern(t.classname));
    c.durationMs.push(t.durationMs === undefined ? -1 : Math.round(t.durationMs));
    if (t.message) c.messages.push([n, t.message.length > MAX_TEST_MESSAGE ? `${t.message.slice(0, MAX_TEST_MESSAGE)}…` : t.message]);
    if (t.traceTo.length > 0) c.traces.push([n, t.traceTo.join(' ')]);
  }

  view(): TestsView {
    const rank = (cls: string) => (CLASS_ORDER.includes(cls) ? CLASS_ORDER.indexOf(cls) : CLASS_ORDER.length);
    const classes = [...this.byClass.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const v: TestsView = {
      total: 0,
      stages: this.stages,
      classes,
      classCounts: [],
      strings: this.strings,
      name: [],
      testClass: [],
      stage: [],
      file: [],
      line: [],
      suite: [],
      classname: [],
      durationMs: [],
      messageOf: [],
      message: [],
      traceOf: [],
      trace: [],
    };
    const all = classes.map((cls) => this.byClass.get(cls)!);
    // concat, not push(...): a spread of 100,000 arguments overflows the stack.
    v.name = v.name.concat(...all.map((c) => c.name));
    for (const key of ['stage', 'file', 'line', 'suite', 'classname', 'durationMs'] as const) v[key] = v[key].concat(...all.map((c) => c[key]));
    let at = 0;
    all.forEach((c, k) => {
      for (let i = 0; i < c.name.length; i++) v.testClass.push(k);
      for (const [i, m] of c.messages) {
        v.messageOf.push(at + i);
        v.message.push(m);
      }
      for (const [i, t] of c.traces) {
        v.traceOf.push(at + i);
        v.trace.push(t);
      }
      v.classCounts.push(c.name.length);
      at += c.name.length;
    });
    v.total = v.name.length;
    return v;
  }
}

function traceView(stage: string, doc: TraceDoc): TraceView {
  return {
    stage,
    requireCoverage: doc.requireCoverage ?? null,
    note: doc.note ?? (doc.pending ? 'The matrix was not completed: the line stopped before the tests ran.' : null),
    counts: doc.counts,
    requirements: doc.requirements.map((r) => ({
      id: r.id,
      title: r.title,
      place: `${r.path}:${r.line}`,
      normative: r.normative,
      status: r.status,
      tests: r.tests.map((t) => ({ stage: t.stage, name: t.name, state: t.state })),
    })),
    unknown: doc.unknownTraces,
  };
}

/** Builds the data of a run's report; throws UserError only when the run itself cannot be read. */
export async function buildReportData(input: ReportInput): Promise<ReportData> {
  const record = await input.store.loadRecord(input.serial);
  const interrupted = input.isInterrupted(record);
  const notes: string[] = [];
  const [lineage, checked] = await Promise.all([loadLineage(input.store, record), verify(input.store, record)]);
  const stages: StageView[] = [];
  for (const st of record.stages) stages.push(await stageView(input, record, st, checked, interrupted));

  const findings: FindingView[] = [];
  const tests = new TestColumns();
  const traces: TraceView[] = [];
  for (const st of record.stages) {
    const where = `stage ${st.id}`;
    const f = await loadFindings(input.store, record.serial, st.id);
    if (f.kind === 'read') for (const row of f.value) findings.push(findingView(st.id, row));
    const fn = noteOf(`${where}, findings`, f);
    if (fn) notes.push(fn);
    if (st.uses === 'regression') {
      const k = tests.stages.push(st.id) - 1;
      const t = await loadTests(input.store, record.serial, st.id, (row) => tests.add(k, row));
      const tn = noteOf(`${where}, tests`, t);
      if (tn) notes.push(tn);
    }
    if (st.uses === 'spec') {
      const tr = await loadTrace(input.store, record.serial, st.id);
      if (tr.kind === 'read') traces.push(traceView(st.id, tr.value));
      const trn = noteOf(`${where}, traceability`, tr);
      if (trn) notes.push(trn);
    }
  }
  findings.sort(compareFindingViews);
  for (const l of lineage) if (l.problem) notes.push(`lineage: ${l.problem}`);

  return {
    schema: REPORT_DATA_SCHEMA,
    generatedAt: input.now.toISOString(),
    andonVersion: ANDON_VERSION,
    run: {
      serial: record.serial,
      verdict: record.verdict,
      interrupted,
      createdAt: record.createdAt,
      finishedAt: record.finishedAt,
      durationMs: msBetween(record.createdAt, record.finishedAt),
      parent: record.parent,
      repo: record.source.repo,
      sha: record.source.sha,
      ref: record.source.ref,
      pr: record.source.pr,
      dirty: record.source.dirty,
      host: record.host.kind,
      url: record.host.url,
      configPath: record.config.path,
      configDigest: record.config.digest,
      andonVersion: record.tool.version,
      node: record.tool.node,
      nonBlockingFailures: record.nonBlockingFailures,
    },
    lineage: lineage.map((l) => ({
      serial: l.serial,
      verdict: l.record?.verdict ?? null,
      createdAt: l.record?.createdAt ?? null,
      sha: l.record?.source.sha ?? null,
      fromStage: l.record?.parent?.fromStage ?? null,
      problem: l.problem ?? null,
    })),
    stages,
    findings,
    tests: tests.view(),
    traces,
    factory: input.factory,
    notes,
  };
}
