// The `regression` stage kind: runs the tests or reads their JUnit reports, and tells regressions from known failures, flaky tests and fixes.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { STAGE_FILES } from '../../core/stage-folder.js';
import { shellArgv, type ProcessResult } from '../../core/process-runner.js';
import type { StageContext, StageKind, StageOutcome } from '../../core/stage-kind.js';
import { TESTS_FILE, TESTS_SCHEMA, type TestCounts } from '../../core/tests-contract.js';
import { BaselineMatch } from './classify.js';
import { RegressionOptions, REGRESSION_DESCRIPTION } from './options.js';
import { readReports, type ReportOutcome } from './read-reports.js';
import { findReports, reportsNamedByCommand, type FoundReport, type RefusedReport } from './report-files.js';
import { MAX_FILTERED, planRerun, splitCommand, type RerunTest } from './rerun.js';
import type { RegressionResult } from './result.js';
import { TestCollector } from './test-collector.js';
import { SourceFiles, WorkspaceFiles } from './test-location.js';
import { Spill } from './test-spill.js';
import { checkTracePattern, compileTracePattern, SpecTagReader, TestTracer } from './trace-ids.js';
import { writeTests, type TestsPass } from './write-tests.js';

export { RegressionOptions } from './options.js';
export { RegressionResult } from './result.js';

type Ctx = StageContext<RegressionOptions>;
type Errored = { state: 'errored'; reason: string };

/** Reports whose mtime is this much older than the command's start were not written by it (file systems round mtimes). */
const STALE_SLACK_MS = 2000;

function quoteForLog(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

interface CommandRun {
  argv: string[];
  shell: boolean;
  res: ProcessResult;
  startedAt: number;
}

async function runCommand(ctx: Ctx, argv: string[], shell: boolean, cwd: string, label: string): Promise<CommandRun> {
  const o = ctx.options;
  ctx.logger.info(`${label}$ ${ctx.masker.mask(argv.map(quoteForLog).join(' '))}${shell ? '   (string command: run through bash -c)' : ''}`);
  // Compared with file mtimes, so it is the real wall clock, not the run's (possibly fixed) clock.
  const startedAt = Date.now();
  const res = await ctx.runner.run(argv, {
    cwd,
    env: { ...ctx.env, ...o.env },
    signal: ctx.signal,
    masker: ctx.masker,
    logFile: path.join(ctx.outDir, 'log.txt'),
    ...(o.timeoutSeconds ? { timeoutMs: o.timeoutSeconds * 1000 } : {}),
  });
  return { argv, shell, res, startedAt };
}

function commandProblem(run: CommandRun, timeoutSeconds: number | undefined): string | null {
  const r = run.res;
  if (r.spawnError) return `could not start ${run.argv[0]}: ${r.spawnError}`;
  if (r.timedOut) return `the test command timed out after ${timeoutSeconds}s`;
  if (r.cancelled) return 'cancelled';
  return null;
}

/** Step 0: options that can only be checked against the workspace. */
function checkSetup(ctx: Ctx): { cwd: string } | Errored {
  const o = ctx.options;
  const patternProblem = checkTracePattern(o.traceIds.pattern);
  if (patternProblem) return { state: 'errored', reason: patternProblem };
  const cwd = path.resolve(ctx.workspace, o.cwd ?? '.');
  if (cwd !== ctx.workspace && !cwd.startsWith(ctx.workspace + path.sep)) {
    return { state: 'errored', reason: `cwd "${o.cwd}" is outside the workspace` };
  }
  return { cwd };
}

/** Step 1: run the tests, when there is a command; the report globs to read after it. */
async function runTests(ctx: Ctx, cwd: string): Promise<{ command: CommandRun | null; patterns: string[] } | Errored> {
  const o = ctx.options;
  if (o.command === undefined) return { command: null, patterns: [...o.reports] };
  const shell = typeof o.command === 'string';
  const argv = typeof o.command === 'string' ? shellArgv(o.command) : o.command;
  const command = await runCommand(ctx, argv, shell, cwd, '');
  const problem = commandProblem(command, o.timeoutSeconds);
  if (problem) return { state: 'errored', reason: problem };
  if (o.reports.length > 0) return { command, patterns: [...o.reports] };
  const words = typeof o.command === 'string' ? splitCommand(o.command) : o.command;
  const rel = path.relative(ctx.workspace, cwd);
  const patterns = reportsNamedByCommand(words ?? [], o.env).map((p) => (rel ? `${rel}/${p}` : p));
  if (patterns.length === 0) {
    return { state: 'errored', reason: 'the command does not name a JUnit report (e.g. pytest --junitxml=…) and `reports` is empty: set `reports` to the globs of the reports it writes' };
  }
  return { command, patterns };
}

interface ReportsRead {
  reads: ReportOutcome[];
  refused: RefusedReport[];
}

/** Step 2: find the reports (fresh ones only, after a command) and read them into the collector. */
async function readAllReports(ctx: Ctx, tests: TestCollector, patterns: readonly string[], command: CommandRun | null): Promise<ReportsRead | Errored> {
  const search = await findReports(ctx.workspace, patterns);
  for (const r of search.refused) ctx.logger.error(`${r.rel}: ${r.why}`);
  let reports: FoundReport[] = search.found;
  if (command) {
    const stale = reports.filter((r) => r.mtimeMs < command.startedAt - STALE_SLACK_MS);
    for (const r of stale) ctx.logger.warn(`${r.rel}: ignored, it was last written before the test command started (a stale report from an earlier run)`);
    reports = reports.filter((r) => r.mtimeMs >= command.startedAt - STALE_SLACK_MS);
  }
  if (reports.length === 0) {
    const refusedNote = search.refused.length > 0 ? ` (refused: ${search.refused.map((r) => `${r.rel}: ${r.why}`).join('; ')})` : '';
    return {
      state: 'errored',
      reason: `no JUnit report found for ${patterns.map((p) => `"${p}"`).join(', ')}${command ? ' written by the test command' : ''}: a test stage that finds no reports must not pass${refusedNote}`,
    };
  }
  const reads = await readReports(reports, tests, { maxReportBytes: ctx.options.maxReportBytes });
  for (const r of reads) if (r.error) ctx.logger.error(r.error);
  return { reads, refused: search.refused };
}

/** The failed tests, named (from the spill) when few enough for a runner's filter. */
function failedTests(tests: TestCollector): { indices: number[]; failed: { count: number; named: RerunTest[] | null } } {
  const indices = tests.failingIndices();
  if (indices.length > MAX_FILTERED) return { indices, failed: { count: indices.length, named: null } };
  const wanted = new Set(indices);
  const named: RerunTest[] = [];
  for (const t of tests.tests()) {
    if (!wanted.has(t.i)) continue;
    const s = t.strings();
    named.push({ name: s.name, classname: s.classname, file: s.file });
  }
  return { indices, failed: { count: indices.length, named } };
}

/** Step 3: re-run what failed; the last run is the one whose exit code must agree with the reports. */
async function retryFailed(ctx: Ctx, tests: TestCollector, first: CommandRun | null, patterns: readonly string[], cwd: string): Promise<{ retries: RegressionResult['retries']; lastRun: CommandRun | null } | Errored> {
  const o = ctx.options;
  if (o.retries > 0 && o.command === undefined) ctx.logger.warn('retries is set but there is no command to re-run: reports are read as they are');
  const retries: RegressionResult['retries'] = [];
  let lastRun = first;
  if (!first || o.command === undefined) return { retries, lastRun };
  for (let attempt = 1; attempt <= o.retries; attempt++) {
    const { indices, failed } = failedTests(tests);
    if (indices.length === 0) break;
    const plan = planRerun(o.command, failed, shellArgv);
    ctx.logger.info(`retry ${attempt}/${o.retries}: ${plan.why}`);
    const rerun = await runCommand(ctx, plan.argv, typeof o.command === 'string', cwd, `retry ${attempt}: `);
    const problem = commandProblem(rerun, o.timeoutSeconds);
    if (problem) return { state: 'errored', reason: `retry ${attempt}: ${problem}` };
    lastRun = rerun;
    const again = await findReports(ctx.workspace, patterns);
    const fresh = again.found.filter((r) => r.mtimeMs >= rerun.startedAt - STALE_SLACK_MS);
    await readReports(fresh, tests, { maxReportBytes: o.maxReportBytes, retry: true });
    const nowPassing = indices.filter((i) => !isFailingIndex(tests, i)).length;
    retries.push({ attempt, argv: plan.argv.map((a) => ctx.masker.mask(a)), mode: plan.mode, why: plan.why, rerun: indices.length, nowPassing });
    ctx.logger.info(`retry ${attempt}: ${nowPassing} of ${indices.length} failed test(s) passed on rerun (flaky)`);
  }
  return { retries, lastRun };
}

function isFailingIndex(tests: TestCollector, i: number): boolean {
  const o = tests.outcome(i);
  return o === 'failed' || o === 'errored';
}

/** Step 4: the baseline, matched against the tests in one streaming read; null when there is none (or it is ignored). */
async function loadBaseline(ctx: Ctx, tests: TestCollector): Promise<{ match: BaselineMatch | null; info: RegressionResult['baseline'] } | Errored> {
  const o = ctx.options;
  if (o.baseline === 'none') {
    ctx.logger.info('baseline: none: every failing test gates');
    return { match: null, info: null };
  }
  const ref = await ctx.baseline();
  const bytes = ref ? await ref.read(STAGE_FILES.baseline) : null;
  if (ref && bytes) {
    const read = await BaselineMatch.read(bytes, tests);
    if ('match' in read) {
      const m = read.match;
      ctx.logger.info(`baseline: ${ref.description} (${plural(m.entries, 'test')})`);
      return { match: m, info: { origin: ref.origin, description: ref.description, ...(ref.serial ? { serial: ref.serial } : {}), tests: m.entries } };
    }
    ctx.logger.warn(`${STAGE_FILES.baseline} of ${ref.description} is not a regression baseline (${read.why}): ignored`);
  }
  if (o.baseline === 'required') {
    return { state: 'errored', reason: 'baseline: required, but there is no regression baseline for this stage (run on the base branch first, or `andon baseline update`)' };
  }
  ctx.logger.info('no baseline for this stage: every failing test gates (nothing tells known failures from new ones)');
  return { match: null, info: null };
}

/** What decides the stage's state before the tests are classified: a report that could not be read or was refused. */
function readProblem(read: ReportsRead): string | null {
  const broken = read.reads.filter((r) => r.error);
  if (broken.length > 0) return `${plural(broken.length, 'report')} could not be read: ${broken[0]?.error}${broken.length > 1 ? ` (and ${broken.length - 1} more)` : ''}`;
  const refused = read.refused[0];
  return refused ? `${refused.rel}: ${refused.why}` : null;
}

/** Step 6: the state and its one-line reason. */
function verdict(pass: TestsPass, problem: string | null, lastRun: CommandRun | null, hasBaseline: boolean): { state: StageOutcome['state']; reason: string } {
  if (problem) return { state: 'errored', reason: problem };
  const failingNow = pass.counts.failed + pass.counts.errors;
  if (lastRun && lastRun.res.exitCode !== 0 && failingNow === 0 && pass.tally.gating === 0) {
    return {
      state: 'errored',
      reason: `the test command exited with ${lastRun.res.exitCode === null ? `signal ${lastRun.res.signal}` : `code ${lastRun.res.exitCode}`} but its reports show no failing test: the reports may be incomplete`,
    };
  }
  if (pass.tally.gating > 0) {
    const first = pass.firstGating;
    const reason = `${pass.tally.gatingText()}${hasBaseline ? '' : ' (no baseline: every failure gates)'}; first: ${first?.id}${first?.message ? `: ${first.message}` : ''}`;
    return { state: 'failed', reason: reason.slice(0, 500) };
  }
  return { state: 'passed', reason: summarize(pass.tally.classes, pass.counts) };
}

function summarize(classes: Record<string, number>, counts: TestCounts): string {
  const parts = [`${plural(counts.tests, 'test')}`];
  for (const k of ['fixed', 'known-failure', 'flaky', 'quarantined', 'skipped', 'removed']) {
    const n = classes[k] ?? 0;
    if (n > 0) parts.push(`${n} ${k}`);
  }
  return parts.length === 1 ? `${parts[0]}: all passed` : `${parts[0]}: ${parts.slice(1).join(', ')} (none gating)`;
}

/** Steps 5 and 6: classify and write every test, then the summary and the state. */
async function finish(ctx: Ctx, tests: TestCollector, read: ReportsRead, run: { command: CommandRun | null; lastRun: CommandRun | null; retries: RegressionResult['retries'] }, baseline: { match: BaselineMatch | null; info: RegressionResult['baseline'] }, sources: SourceFiles): Promise<StageOutcome> {
  const o = ctx.options;
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const expired = o.quarantine.filter((q) => q.until < today);
  for (const q of expired) ctx.logger.warn(`quarantine of "${q.test}" expired on ${q.until}: it gates again (remove or extend the entry)`);
  if (tests.detailsDropped > 0) ctx.logger.warn(`${tests.detailsDropped} later failure messages were not kept (too many): those tests show their first one`);
  const problem = readProblem(read);
  const pass = await writeTests({
    stage: ctx.stage.id,
    outDir: ctx.outDir,
    tests,
    baseline: baseline.match,
    options: o,
    quarantine: o.quarantine.filter((q) => q.until >= today).map((q) => q.test),
    sources,
    mask: (t) => ctx.masker.mask(t),
    masking: ctx.masker.size > 0,
    writeBaseline: problem === null,
  });
  if (pass.duplicatesTotal > 0) {
    const d = pass.duplicates[0];
    ctx.logger.warn(`${plural(pass.duplicatesTotal, 'test')} appear in more than one report (shards or matrix legs overlap); each is counted once, e.g. ${d?.id} in ${d?.reports.join(', ')}`);
  }
  if (pass.slowTotal > 0) ctx.logger.warn(`${plural(pass.slowTotal, 'test')} ran at least ${o.slowdown?.factor}× slower than in the baseline`);
  for (const c of [...pass.findingsCut]) ctx.logger.warn(`${c.total} ${c.class} tests: findings.sarif lists the first ${c.kept}; ${TESTS_FILE} has them all`);
  const result: RegressionResult = {
    schema: 'andon.regression-result/v2',
    stage: ctx.stage.id,
    baseline: baseline.info,
    failOn: o.failOn,
    counts: pass.counts,
    classes: pass.tally.classes,
    tests: { file: TESTS_FILE, schema: TESTS_SCHEMA, rows: pass.rows },
    duplicates: pass.duplicates,
    duplicatesTotal: pass.duplicatesTotal,
    reports: read.reads,
    command: run.command ? { argv: run.command.argv.map((a) => ctx.masker.mask(a)), shell: run.command.shell, exitCode: run.command.res.exitCode, durationMs: run.command.res.durationMs } : null,
    retries: run.retries,
    quarantine: { active: pass.quarantined.ids, activeTotal: pass.quarantined.total, expired: expired.map((q) => ({ test: q.test, until: q.until })) },
    slow: pass.slow,
    slowTotal: pass.slowTotal,
    findingsCut: pass.findingsCut,
  };
  const { state, reason } = verdict(pass, problem, run.lastRun, baseline.match !== null);
  // An errored run leaves no baseline behind: a partial one would make the missing tests look removed.
  if (state === 'errored') await rm(path.join(ctx.outDir, STAGE_FILES.baseline), { force: true });
  return { state, reason: ctx.masker.mask(reason), counts: pass.counts, findings: pass.findings, result };
}

export const regressionStage: StageKind<RegressionOptions> = {
  name: 'regression',
  description: REGRESSION_DESCRIPTION,
  options: RegressionOptions,

  async inputs(options) {
    if (options.command !== undefined) return options.inputs.length > 0 ? { files: options.inputs } : null;
    // Reading reports only: the result depends on nothing but the reports (and the baseline, which the engine keys).
    return { files: [...options.reports, ...options.inputs] };
  },

  async run(ctx) {
    const setup = checkSetup(ctx);
    if ('state' in setup) return setup;
    const ran = await runTests(ctx, setup.cwd);
    if ('state' in ran) return ran;
    // Every test is located in the run's one listing of the workspace: no filesystem round trip per test.
    const sources = new SourceFiles(new WorkspaceFiles(ctx.workspace, await ctx.workspaceFiles()));
    const find = compileTracePattern(ctx.options.traceIds.pattern);
    const tracer = new TestTracer(sources, find, new SpecTagReader(ctx.workspace, ctx.options.traceIds.specTag, find));
    const spill = new Spill();
    let baseline: BaselineMatch | null = null;
    try {
      const tests = new TestCollector(ctx.workspace, spill, (t) => tracer.traceOf(t));
      const read = await readAllReports(ctx, tests, ran.patterns, ran.command);
      if ('state' in read) return read;
      const retried = await retryFailed(ctx, tests, ran.command, ran.patterns, setup.cwd);
      if ('state' in retried) return retried;
      const base = await loadBaseline(ctx, tests);
      if ('state' in base) return base;
      baseline = base.match;
      return await finish(ctx, tests, read, { command: ran.command, ...retried }, base, sources);
    } finally {
      baseline?.close();
      spill.close();
    }
  },
};
