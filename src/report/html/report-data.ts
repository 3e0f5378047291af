// What a report page shows, embedded in the page as JSON: written by build-report.ts, rendered by page/main.ts.
// Types only, so the page script shares them without pulling Node code in. Tests are stored by column (a
// dictionary for the strings that repeat) so that 200,000 of them stay a few megabytes.
import type { FactoryMetrics } from '../metrics.js';
import type { FindingRow } from '../run-data.js';

export const REPORT_DATA_SCHEMA = 'andon.report-data/v1';

export interface ReportData {
  schema: typeof REPORT_DATA_SCHEMA;
  generatedAt: string;
  andonVersion: string;
  run: RunView;
  /** This run and its ancestors, newest first. */
  lineage: LineageView[];
  stages: StageView[];
  /** Every stage's findings, new first, then by level and place. */
  findings: FindingView[];
  tests: TestsView;
  traces: TraceView[];
  factory: FactoryMetrics | null;
  /** What could not be read, one line each. */
  notes: string[];
}

export interface RunView {
  serial: string;
  verdict: string;
  /** The record says running, but the process that wrote it is gone. */
  interrupted: boolean;
  createdAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  parent: { serial: string; fromStage: string } | null;
  repo: string | null;
  sha: string | null;
  ref: string | null;
  pr: number | null;
  dirty: boolean;
  host: string;
  url: string | null;
  configPath: string;
  configDigest: string;
  andonVersion: string;
  node: string;
  nonBlockingFailures: string[];
}

export interface LineageView {
  serial: string;
  verdict: string | null;
  createdAt: string | null;
  sha: string | null;
  /** The stage this run resumed its parent from. */
  fromStage: string | null;
  /** Why the run could not be read (not in this store, another schema version). */
  problem: string | null;
}

export interface InputsView {
  kind: 'first-run' | 'reused' | 'unchanged' | 'changed' | 'unknown';
  /** One line; for `unknown`, why. */
  summary: string;
  files: { path: string; change: string }[];
  tools: { tool: string; before: string | null; after: string }[];
}

export interface ArtifactView {
  path: string;
  sha256: string;
  bytes: number;
  status: 'verified' | 'missing' | 'modified';
}

export interface StageView {
  id: string;
  uses: string;
  blocking: boolean;
  state: string;
  reason: string;
  startedAt: string | null;
  durationMs: number | null;
  /** Milliseconds from the run's start to the stage's start (for the timeline). */
  offsetMs: number | null;
  reusedFrom: string | null;
  counts: { name: string; value: string }[];
  inputsDigest: string | null;
  inputs: InputsView;
  artifacts: ArtifactView[];
  /** Files in the stage folder the record does not list. */
  unrecorded: string[];
  /** The end of the stage's log, for a stage that failed, errored or was interrupted. */
  log: string[];
  notes: string[];
}

export type FindingView = Omit<FindingRow, 'properties'> & {
  stage: string;
  /** SARIF result properties as name → JSON text. */
  properties: { name: string; value: string }[];
};

/** Tests of every regression stage, one index per test across the columns, sorted most important class first. */
export interface TestsView {
  total: number;
  stages: string[];
  /** Class names in the order the page groups them. */
  classes: string[];
  classCounts: number[];
  /** Repeating strings (files, suites, class names), referenced by index; -1 for none. */
  strings: string[];
  name: string[];
  testClass: number[];
  stage: number[];
  file: number[];
  line: number[];
  suite: number[];
  classname: number[];
  /** Milliseconds, -1 when unknown. */
  durationMs: number[];
  /** Sparse: the tests that have a failure message, and the message (cut to a few hundred characters). */
  messageOf: number[];
  message: string[];
  /** Sparse: the tests that trace to requirements, and the ids joined by spaces. */
  traceOf: number[];
  trace: string[];
}

export interface TraceView {
  stage: string;
  requireCoverage: string | null;
  note: string | null;
  counts: { covered: number; uncovered: number; failing: number } | null;
  requirements: {
    id: string;
    title: string;
    place: string;
    normative: boolean;
    status: string;
    tests: { stage: string; name: string; state: string }[];
  }[];
  unknown: { test: string; stage: string; traceTo: string }[];
}
