// Writes recorded runs into a real store the way the engine leaves them (record, stage folders, hashes), with as many
// findings and tests as a test or bench asks for, and hostile text where asked, for the report and the metrics.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { countFindings, type Finding } from '../../src/core/findings.js';
import { STAGE_FILES } from '../../src/core/stage-folder.js';
import { TESTS_FILE, TestsWriter, type TestRow } from '../../src/core/tests-contract.js';
import { RECORD_SCHEMA, type RunRecord, type StageRecord } from '../../src/core/run-record.js';
import { FsStore } from '../../src/core/store.js';
import { buildSarif } from '../../src/core/sarif.js';

/** Text that would run if a page ever put it in as markup. */
export const HOSTILE = '</script><script>window.__andonPwned = 1</script><!-- <img src=x onerror="window.__andonPwned = 2"> & "quotes"';

export interface SyntheticRun {
  serial: string;
  parent?: { serial: string; fromStage: string };
  createdAt?: string;
  sha?: string;
  ref?: string;
  findings?: number;
  tests?: number;
  hostile?: boolean;
  /** The unit stage's inputs manifest: path → content id. */
  inputs?: Record<string, string>;
  /** Per stage, the state (default: lint failed, others passed). */
  states?: Partial<Record<'spec' | 'lint' | 'unit', StageRecord['state']>>;
}

const CLASSES: TestRow['class'][] = ['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'skipped', 'known-failure', 'new-failure', 'regression', 'flaky', 'quarantined', 'fixed', 'new-passing'];

function stage(id: string, uses: string, state: StageRecord['state'], at: string, ms: number, reason: string, counts: Record<string, unknown> = {}): StageRecord {
  return { id, uses, blocking: true, state, reason, startedAt: at, finishedAt: at, durationMs: ms, inputsDigest: `sha256:${id.padEnd(64, '0')}`, reusedFrom: null, counts, artifacts: [], tools: {} };
}

function findingsOf(n: number, hostile: boolean): Finding[] {
  const rules = ['no-unused-vars', 'eqeqeq', 'no-console', 'ts/2322'];
  return Array.from({ length: n }, (_, i) => ({
    stage: 'lint',
    ruleId: rules[i % rules.length]!,
    level: i % 3 === 0 ? 'error' : i % 3 === 1 ? 'warning' : 'note',
    message: hostile && i === 0 ? HOSTILE : `finding ${i} of rule ${rules[i % rules.length]}`,
    location: { path: `src/${hostile && i === 0 ? '<b>bold</b>' : `mod${i % 7}`}.ts`, startLine: i + 1, startColumn: 3 },
    fingerprint: `fp${i}`,
    baseline: i % 2 === 0 ? 'new' : 'unchanged',
    traceTo: i === 0 ? ['REQ-1'] : [],
  }));
}

function testsOf(n: number, hostile: boolean): TestRow[] {
  const out: TestRow[] = [];
  for (let i = 0; i < n; i++) {
    const cls = CLASSES[i % CLASSES.length]!;
    const failed = cls === 'known-failure' || cls === 'new-failure' || cls === 'regression';
    const name = hostile && i === 0 ? `renders ${HOSTILE}` : `does thing number ${i} [case ${i % 100}]`;
    out.push({
      id: `src/mod${i % 1000}.ts › pkg.Suite${i >> 7} › ${name}`,
      suite: `pkg.Suite${i >> 7}`,
      classname: `pkg.mod${i % 1000}.SomeTest`,
      name,
      file: `src/mod${i % 1000}.ts`,
      line: (i % 100) + 1,
      outcome: failed ? 'failed' : cls === 'skipped' ? 'skipped' : 'passed',
      class: cls,
      traceTo: i % 50 === 0 ? ['REQ-1'] : [],
      durationMs: i % 97,
      runs: cls === 'flaky' ? 2 : 1,
      ...(failed ? { message: `assertion failed in case ${i}` } : {}),
      gating: cls === 'regression' || cls === 'new-failure',
      reports: ['reports/junit.xml'],
    });
  }
  return out;
}

/** Writes one run into `root` (a store folder) and returns its record. */
export async function writeSyntheticRun(root: string, o: SyntheticRun): Promise<RunRecord> {
  const store = new FsStore(root);
  const at = o.createdAt ?? '2026-11-20T10:00:00.000Z';
  const hostile = o.hostile ?? false;
  const nTests = o.tests ?? 20;
  const states = { spec: 'passed', lint: 'failed', unit: 'passed', ...o.states } as const;
  const findings = findingsOf(o.findings ?? 8, hostile);
  const tests = testsOf(nTests, hostile);
  const record: RunRecord = {
    schema: RECORD_SCHEMA,
    serial: o.serial,
    parent: o.parent ?? null,
    createdAt: at,
    finishedAt: new Date(Date.parse(at) + 5000).toISOString(),
    verdict: Object.values(states).includes('failed') ? 'failed' : 'passed',
    nonBlockingFailures: [],
    source: { repo: null, sha: o.sha ?? 'a'.repeat(40), ref: o.ref ?? 'main', baseSha: null, pr: null, dirty: false },
    host: { kind: 'local', runId: null, runAttempt: null, workflow: null, job: null, url: null },
    config: { path: 'andon.yml', digest: `sha256:${'c'.repeat(64)}` },
    tool: { name: 'andon', version: '0.1.0', node: 'v20.0.0' },
    stages: [
      stage('spec', 'spec', states.spec, at, 40, '1 spec(s), 1 requirement(s)', { specs: 1, requirements: 1 }),
      stage('lint', 'static-analysis', states.lint, at, 1200, hostile ? `blocking finding: ${HOSTILE}` : `${findings.length} finding(s)`),
      stage('unit', 'regression', states.unit, at, 3000, `${nTests} tests`, { tests: nTests, passed: nTests, failed: 0, errors: 0, skipped: 0, flaky: Math.floor(nTests / 16), regressions: 0 }),
    ],
    transitions: [],
  };
  mkdirSync(store.runDir(o.serial), { recursive: true });
  const dir = (id: string) => {
    const d = store.stageDir(o.serial, id);
    mkdirSync(d, { recursive: true });
    return d;
  };
  writeFileSync(path.join(dir('spec'), STAGE_FILES.result), JSON.stringify({ schema: 'andon.spec-result/v1', traceability: { file: 'traceability.json' } }));
  writeFileSync(
    path.join(dir('spec'), 'traceability.json'),
    JSON.stringify({
      schema: 'andon.traceability/v1',
      requireCoverage: 'must',
      completedAtEndOfLine: true,
      pending: false,
      sources: ['unit'],
      counts: { covered: 1, uncovered: 1, failing: 0 },
      requirements: [
        { id: 'REQ-1', title: hostile ? HOSTILE : 'Subtotal', spec: 'cart', format: 'andon', path: 'specs/cart.md', line: 9, normative: true, status: 'covered', tests: [{ stage: 'unit', id: 't0', name: 'does thing number 0 [case 0]', state: 'passed' }] },
        { id: 'REQ-2', title: 'Discount', spec: 'cart', format: 'andon', path: 'specs/cart.md', line: 15, normative: true, status: 'uncovered', tests: [] },
      ],
      unknownTraces: [],
    }),
  );
  const sarif = buildSarif(findings, { category: 'lint', defaultTool: { name: 'eslint', version: '9.0.0' } });
  writeFileSync(path.join(dir('lint'), STAGE_FILES.sarif), JSON.stringify(sarif.log));
  writeFileSync(path.join(dir('lint'), STAGE_FILES.log), `eslint .\n${hostile ? HOSTILE : 'done'}\n`);
  record.stages[1]!.counts = { findings: countFindings(findings) };
  writeFileSync(
    path.join(dir('unit'), STAGE_FILES.result),
    JSON.stringify({ schema: 'andon.regression-result/v2', stage: 'unit', baseline: null, failOn: ['regression'], counts: record.stages[2]!.counts, classes: {}, tests: { file: TESTS_FILE, schema: 'andon.tests/v1', rows: tests.length }, duplicates: [], duplicatesTotal: 0, reports: [], command: null, retries: [], quarantine: { active: [], activeTotal: 0, expired: [] }, slow: [], slowTotal: 0, findingsCut: [] }),
  );
  const rows = new TestsWriter(path.join(dir('unit'), TESTS_FILE), 'unit');
  for (const t of tests) if (!rows.write(t)) await rows.drain();
  await rows.close();
  if (o.inputs) {
    writeFileSync(path.join(dir('unit'), STAGE_FILES.inputs), JSON.stringify({ kind: 'regression', options: {}, tools: {}, extra: null, files: o.inputs }));
  }
  for (const s of record.stages) s.artifacts = await store.hashStage(o.serial, s.id);
  await store.writeRecord(record);
  return record;
}
