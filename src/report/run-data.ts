// Every read of recorded runs that the report and the metrics make, in one place: records and their lineage, and from
// the stage folders the findings, tests, trace matrix, inputs manifests and log tails, and whether artifacts verify.
// Each function reads one thing and says when it is absent or unreadable, so one bad file costs one section only.
import path from 'node:path';
import { z } from 'zod';
import { errorMessage } from '../core/errors.js';
import type { Finding } from '../core/findings.js';
import { describeRefusal } from '../core/guarded-read.js';
import { diffInputs, type InputsDiff } from '../core/inputs-digest.js';
import type { RunRecord } from '../core/run-record.js';
import { readFindings, readInputsManifest, readStageFile, readStageFolderFile, STAGE_FILES, type StageFileRead } from '../core/stage-folder.js';
import type { Store } from '../core/store.js';
import { readTests, TESTS_FILE, TestsFileError, type TestRow as TestsFileRow } from '../core/tests-contract.js';

/** What a read found: the value, no such file (a stage that wrote none, a folder not kept), or a file it cannot use. */
export type Read<T> = { kind: 'read'; value: T } | { kind: 'absent' } | { kind: 'unreadable'; why: string };

/** Files past this size are not parsed (a JSON string that size is past what V8 holds). */
const MAX_JSON_BYTES = 480 * 1024 * 1024;

/** A stage folder file as JSON, through the stage folder's guarded reader (no links, no FIFOs, a size cap). */
function readJson(read: StageFileRead, name: string): Read<unknown> {
  if (read.kind === 'missing') return { kind: 'absent' };
  if (read.kind !== 'ok') return { kind: 'unreadable', why: `${name} ${describeRefusal(read)}` };
  try {
    // One synchronous parse: decoding a large file in one piece costs a fraction of the streamed decoder's time.
    return { kind: 'read', value: JSON.parse(read.bytes.toString('utf8')) as unknown };
  } catch (e) {
    return { kind: 'unreadable', why: `${name}: ${errorMessage(e)}` };
  }
}

function wrongSchema(json: unknown, expected: string, file: string): string | null {
  const schema = (json as { schema?: unknown } | null)?.schema;
  if (schema === expected) return null;
  return typeof schema === 'string' ? `${file} is ${schema}; this Andon reads ${expected}` : `${file} is not ${expected}`;
}

// ---- records ----

export interface LineageEntry {
  serial: string;
  /** Null when the run is not in the store or its record cannot be read (`problem` says why). */
  record: RunRecord | null;
  problem?: string;
}

/** The run and its ancestors, newest first, as far as the store holds them. */
export async function loadLineage(store: Store, head: RunRecord): Promise<LineageEntry[]> {
  const out: LineageEntry[] = [{ serial: head.serial, record: head }];
  const seen = new Set([head.serial]);
  let next = head.parent?.serial;
  while (next !== undefined && !seen.has(next)) {
    const serial: string = next;
    seen.add(serial);
    try {
      const record = await store.loadRecord(serial);
      out.push({ serial, record });
      next = record.parent?.serial;
    } catch (e) {
      out.push({ serial, record: null, problem: errorMessage(e) });
      break;
    }
  }
  return out;
}

export interface RunsRead {
  /** Newest first. */
  runs: RunRecord[];
  /** Folders of the store whose record could not be read (another schema version, broken JSON), with why. */
  skipped: { serial: string; why: string }[];
}

export async function loadRuns(store: Store): Promise<RunsRead> {
  const skipped: RunsRead['skipped'] = [];
  const runs = await store.listRuns((serial, why) => skipped.push({ serial, why }));
  return { runs, skipped };
}

// ---- artifacts ----

export type ArtifactStatus = 'verified' | 'missing' | 'modified';

export interface Verification {
  /** Recorded artifact path → whether its bytes still match the record. */
  status: Map<string, ArtifactStatus>;
  /** Files in a stage folder that the record does not list. */
  unrecorded: string[];
}

export async function verify(store: Store, record: RunRecord): Promise<Verification> {
  const problems = await store.verify(record);
  const status = new Map<string, ArtifactStatus>();
  for (const st of record.stages) for (const a of st.artifacts) status.set(a.path, 'verified');
  const unrecorded: string[] = [];
  for (const p of problems) {
    if (p.problem === 'unrecorded') unrecorded.push(p.path);
    else status.set(p.path, p.problem);
  }
  return { status, unrecorded };
}

// ---- findings (today: the stage's findings.sarif) ----

export interface FindingRow {
  tool: string;
  ruleId: string;
  level: 'error' | 'warning' | 'note' | 'none';
  message: string;
  path: string | null;
  line: number | null;
  column: number | null;
  /** SARIF baselineState: new, unchanged, updated, or absent (fixed: in the baseline, not found any more). */
  baseline: string;
  fingerprint: string | null;
  properties: Record<string, unknown>;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function findingRow(f: Finding): FindingRow {
  const properties: Record<string, unknown> = {};
  if (f.traceTo.length > 0) properties.traceTo = f.traceTo;
  if (f.inDiff !== undefined) properties.inDiff = f.inDiff;
  if (f.note) properties.note = f.note;
  if (f.related?.length) properties.related = f.related.map((r) => `${r.path}${r.startLine ? `:${r.startLine}` : ''}`);
  return {
    tool: f.tool?.name ?? 'andon',
    ruleId: f.ruleId,
    level: f.level,
    message: f.message,
    path: f.location?.path ?? null,
    line: f.location?.startLine ?? null,
    column: f.location?.startColumn ?? null,
    baseline: f.baseline,
    fingerprint: f.fingerprint || null,
    properties,
  };
}

/** The findings of a stage, fixed ones (kept in run properties) included as baseline `absent`. */
export async function loadFindings(store: Store, serial: string, stageId: string): Promise<Read<FindingRow[]>> {
  const read = await readFindings(store.stageDir(serial, stageId), stageId, MAX_JSON_BYTES);
  if (read.kind === 'missing') return { kind: 'absent' };
  if (read.kind === 'too-big') return { kind: 'unreadable', why: `${STAGE_FILES.sarif} is ${Math.round(read.bytes / 2 ** 20)} MiB, over the ${MAX_JSON_BYTES / 2 ** 20} MiB this report reads` };
  if (read.kind === 'unreadable') return { kind: 'unreadable', why: read.why };
  return { kind: 'read', value: read.findings.map(findingRow) };
}

// ---- tests (a regression stage's tests file, the andon.tests/v1 contract; its result.json names the baseline) ----

export interface TestsRead {
  count: number;
  baseline: string | null;
}

const REGRESSION_RESULT = 'andon.regression-result/v2';

/**
 * Hands every test of a regression stage to `each` as its tests file holds it (the andon.tests/v1 row, checked), in
 * the order the stage wrote them, streamed: 200,000 rows are read without a copy of each.
 */
export async function loadTests(store: Store, serial: string, stageId: string, each: (t: TestsFileRow) => void): Promise<Read<TestsRead>> {
  const dir = store.stageDir(serial, stageId);
  const read = readJson(readStageFile(dir, 'result', { maxBytes: MAX_JSON_BYTES }), STAGE_FILES.result);
  if (read.kind !== 'read') return read;
  const wrong = wrongSchema(read.value, REGRESSION_RESULT, STAGE_FILES.result);
  if (wrong) return { kind: 'unreadable', why: wrong };
  let count = 0;
  try {
    ({ rows: count } = await readTests(path.join(dir, TESTS_FILE), each, `${stageId}/${TESTS_FILE}`));
  } catch (e) {
    if (!(e instanceof TestsFileError)) throw e;
    return e.missing ? { kind: 'absent' } : { kind: 'unreadable', why: e.message };
  }
  return { kind: 'read', value: { count, baseline: str(record(record(read.value).baseline).description) } };
}

// ---- traceability (today: the spec stage's result.json names its traceability.json) ----

const TraceTest = z.object({ stage: z.string(), id: z.string(), name: z.string(), state: z.string() });
const TraceDoc = z.object({
  schema: z.literal('andon.traceability/v1'),
  requireCoverage: z.string().optional(),
  pending: z.boolean().optional(),
  sources: z.array(z.string()).default([]),
  note: z.string().optional(),
  counts: z.object({ covered: z.number(), uncovered: z.number(), failing: z.number() }).nullable().default(null),
  requirements: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      spec: z.string().optional(),
      path: z.string(),
      line: z.number(),
      normative: z.boolean(),
      status: z.string(),
      tests: z.array(TraceTest),
    }),
  ),
  unknownTraces: z.array(z.object({ test: z.string(), stage: z.string(), traceTo: z.string() })).default([]),
});
export type TraceDoc = z.infer<typeof TraceDoc>;

export async function loadTrace(store: Store, serial: string, stageId: string): Promise<Read<TraceDoc>> {
  const dir = store.stageDir(serial, stageId);
  const result = readJson(readStageFile(dir, 'result', { maxBytes: MAX_JSON_BYTES }), STAGE_FILES.result);
  if (result.kind !== 'read') return result;
  const name = str(record(record(result.value).traceability).file);
  if (!name) return { kind: 'absent' };
  const got = readStageFolderFile(dir, name, { maxBytes: MAX_JSON_BYTES });
  if (got.kind === 'outside') return { kind: 'unreadable', why: `${STAGE_FILES.result} names ${JSON.stringify(name)} as its trace file: not a file of the stage folder` };
  const read = readJson(got, name);
  if (read.kind !== 'read') return read;
  const wrong = wrongSchema(read.value, 'andon.traceability/v1', name);
  if (wrong) return { kind: 'unreadable', why: wrong };
  const parsed = TraceDoc.safeParse(read.value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { kind: 'unreadable', why: `${name}: ${first?.path.join('.') ?? ''} ${first?.message ?? 'invalid'}`.trim() };
  }
  return { kind: 'read', value: parsed.data };
}

// ---- inputs against the parent ----

export type InputsChange = { kind: 'unchanged' } | { kind: 'changed'; diff: InputsDiff } | { kind: 'unknown'; why: string };

/** What differs between a stage's inputs in this run and in the parent run (whose folders may be in another store). */
export async function loadInputsChange(store: Store, serial: string, parentStore: Store, parentSerial: string, stageId: string): Promise<InputsChange> {
  const [now, before] = await Promise.all([readInputsManifest(store.stageDir(serial, stageId)), readInputsManifest(parentStore.stageDir(parentSerial, stageId))]);
  if (!now) return { kind: 'unknown', why: 'this run kept no readable inputs manifest for the stage' };
  if (!before) return { kind: 'unknown', why: `the parent ${parentSerial} kept no readable inputs manifest for the stage` };
  const diff = diffInputs(before, now);
  const same = !diff.options && !diff.extra && Object.keys(diff.tools).length === 0 && diff.files.length === 0;
  return same ? { kind: 'unchanged' } : { kind: 'changed', diff };
}

// ---- logs ----

/** The last `lines` lines of a stage's log, read from its end (logs can be large). */
export async function loadLogTail(store: Store, serial: string, stageId: string, lines: number): Promise<Read<string[]>> {
  const read = readStageFile(store.stageDir(serial, stageId), 'log', { tailBytes: 64 * 1024 });
  if (read.kind === 'missing') return { kind: 'absent' };
  if (read.kind !== 'ok') return { kind: 'unreadable', why: `${STAGE_FILES.log} ${describeRefusal(read)}` };
  const all = read.bytes.toString('utf8').trimEnd().split('\n');
  // A tail cut mid-line starts with part of a line: drop it unless the whole log fitted.
  return { kind: 'read', value: (read.bytes.length < read.size ? all.slice(1) : all).slice(-lines) };
}
