// The `regression` stage kind: runs the tests or reads their JUnit reports, and tells regressions from known failures, flaky tests and fixes.
import { createReadStream, createWriteStream, closeSync, fstatSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { STAGE_FILES } from '../../core/stage-folder.js';
import { shellArgv, type ProcessResult } from '../../core/process-runner.js';
import type { StageContext, StageKind, StageOutcome } from '../../core/stage-kind.js';
import { resolvePath } from '../../core/stage-validation.js';
import { TESTS_FILE, TESTS_SCHEMA, type TestCounts } from '../../core/tests-contract.js';
import { writtenSince, type FilesBefore } from '../../core/written-since.js';
import { BaselineMatch } from './classify.js';
import { RegressionOptions, REGRESSION_DESCRIPTION } from './options.js';
import { readReports, type ReportOutcome } from './read-reports.js';
import { findReports, openReport, reportsBefore, reportsNamedByCommand, type FoundReport, type RefusedReport } from './report-files.js';
import { MAX_FILTERED, planRerun, pytestNodeIdOf, quote, splitCommand, usageError, type RerunPlan, type RerunTest } from './rerun.js';
import type { RegressionResult } from './result.js';
import { TestCollector } from './test-collector.js';
import { describeLegs } from './test-findings.js';
import { SourceFiles, WorkspaceFiles } from './test-location.js';
import { Spill } from './test-spill.js';
import { checkTracePattern, compileTracePattern, SpecTagReader, TestTracer } from './trace-ids.js';
import { writeTests, type TestsPass } from './write-tests.js';

export { RegressionOptions } from './options.js';
export { RegressionResult } from './result.js';

type Ctx = StageContext<RegressionOptions>;
type Errored = { state: 'errored'; reason: string };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

interface CommandRun {
  argv: string[];
  shell: boolean;
  res: ProcessResult;
  /** The reports the globs matched before it started: those it left as they were are not its own. */
  before: FilesBefore;
}

async function runCommand(ctx: Ctx, argv: string[], shell: boolean, cwd: string, label: string, patterns: readonly string[], env: Record<string, string> = {}): Promise<CommandRun> {
  const o = ctx.options;
  const before = await reportsBefore(ctx.workspace, patterns);
  ctx.logger.info(`${label}$ ${ctx.masker.mask(argv.map(quote).join(' '))}${shell ? '   (string command: run through bash -c)' : ''}`);
  const res = await ctx.runner.run(argv, {
    cwd,
    env: { ...ctx.env, ...o.env, ...env },
    signal: ctx.signal,
    masker: ctx.masker,
    logFile: path.join(ctx.outDir, 'log.txt'),
    ...(o.timeoutSeconds ? { timeoutMs: o.timeoutSeconds * 1000 } : {}),
  });
  return { argv, shell, res, before };
}

/** The reports a command wrote among those the globs match now. */
async function reportsWrittenBy(ctx: Ctx, run: CommandRun, patterns: readonly string[]): Promise<FoundReport[]> {
  return writtenSince(run.before, (await findReports(ctx.workspace, patterns)).found).written;
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
  // Checked after resolving links (a cwd that is a symlink to /etc is outside the workspace however it is spelled), and
  // that it is a folder: a missing one would fail the spawn as if the program were missing.
  const cwd = resolvePath(ctx.workspace, o.cwd ?? '.', 'folder');
  if (!cwd.ok) return { state: 'errored', reason: `cwd ${cwd.reason}` };
  return { cwd: cwd.abs };
}

/** Step 1: run the tests, when there is a command; the report globs to read after it. */
async function runTests(ctx: Ctx, cwd: string): Promise<{ command: CommandRun | null; patterns: string[] } | Errored> {
  const o = ctx.options;
  if (o.command === undefined) return { command: null, patterns: [...o.reports] };
  const shell = typeof o.command === 'string';
  const argv = typeof o.command === 'string' ? shellArgv(o.command) : o.command;
  const words = typeof o.command === 'string' ? splitCommand(o.command) : o.command;
  const rel = path.relative(ctx.workspace, cwd);
  const patterns = o.reports.length > 0 ? [...o.reports] : reportsNamedByCommand(words ?? [], o.env).map((p) => (rel ? `${rel}/${p}` : p));
  if (patterns.length === 0) {
    return { state: 'errored', reason: 'the command does not name a JUnit report (e.g. pytest --junitxml=…) and `reports` is empty: set `reports` to the globs of the reports it writes' };
  }
  const command = await runCommand(ctx, argv, shell, cwd, '', patterns);
  const problem = commandProblem(command, o.timeoutSeconds);
  if (problem) return { state: 'errored', reason: problem };
  return { command, patterns };
}

interface ReportsRead {
  reads: ReportOutcome[];
  refused: RefusedReport[];
  /** The reports read (the command's, when there is one). */
  found: FoundReport[];
}

/** Step 2: find the reports (fresh ones only, after a command) and read them into the collector. */
async function readAllReports(ctx: Ctx, tests: TestCollector, patterns: readonly string[], command: CommandRun | null): Promise<ReportsRead | Errored> {
  const search = await findReports(ctx.workspace, patterns);
  for (const r of search.refused) ctx.logger.error(`${r.rel}: ${r.why}`);
  let reports: FoundReport[] = search.found;
  if (command) {
    const { written, stale } = writtenSince(command.before, reports);
    for (const r of stale) ctx.logger.warn(`${r.rel}: ignored, the test command did not write it (a stale report from an earlier run)`);
    reports = written;
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
  return { reads, refused: search.refused, found: reports };
}

/** The failing tests to retry, named (from the spill) when few enough for a runner's filter; known failures left out unless asked. */
function failedTests(tests: TestCollector, baseline: BaselineMatch | null, retryKnown: boolean): { indices: number[]; known: number; failed: { count: number; named: RerunTest[] | null } } {
  let known = 0;
  const indices = tests.failingIndices().filter((i) => {
    const base = baseline?.baseOutcome(i);
    const isKnown = !retryKnown && (base === 'failed' || base === 'errored');
    if (isKnown) known++;
    return !isKnown;
  });
  if (indices.length > MAX_FILTERED) return { indices, known, failed: { count: indices.length, named: null } };
  const wanted = new Set(indices);
  const named: RerunTest[] = [];
  for (const t of tests.tests()) {
    if (!wanted.has(t.i)) continue;
    const s = t.strings();
    named.push({ name: s.name, classname: s.classname, file: s.file });
  }
  return { indices, known, failed: { count: indices.length, named } };
}

type Retries = { retries: RegressionResult['retries']; lastRun: CommandRun | null; knownNotRetried: number };

/** What a retry needs beside the stage context: where the command ran, what it read first, the baseline and the files. */
interface RetrySetup {
  cwd: string;
  patterns: readonly string[];
  /** The reports the command wrote, read before any retry. */
  first: readonly FoundReport[];
  baseline: BaselineMatch | null;
  sources: SourceFiles;
}

/**
 * Step 4: re-run what failed, each runner its own way, with the reports written apart so those the command wrote stay
 * as it wrote them; the attempts are merged into the tests. Known failures are not retried unless asked. A retry the
 * runner refused (a usage error) errors the stage: it never reads as "passed on rerun".
 */
async function retryFailed(ctx: Ctx, tests: TestCollector, first: CommandRun | null, setup: RetrySetup): Promise<Retries | Errored> {
  const o = ctx.options;
  if (o.retries > 0 && o.command === undefined) ctx.logger.warn('retries is set but there is no command to re-run: reports are read as they are');
  const out: Retries = { retries: [], lastRun: first, knownNotRetried: 0 };
  if (!first || o.command === undefined || o.retries === 0) return out;
  const dir = await mkdtemp(path.join(tmpdir(), 'andon-retry-'));
  try {
    for (let attempt = 1; attempt <= o.retries; attempt++) {
      const { indices, known, failed } = failedTests(tests, setup.baseline, o.retryKnownFailures);
      if (attempt === 1 && known > 0) {
        out.knownNotRetried = known;
        ctx.logger.info(`retry: ${plural(known, 'failing test')} the baseline knows as failing ${known === 1 ? 'is' : 'are'} not retried (retryKnownFailures: true retries them)`);
      }
      if (indices.length === 0) break;
      const reportDir = path.join(dir, String(attempt));
      await mkdir(reportDir);
      const plan = planRerun(o.command, failed, shellArgv, { reportDir, env: stageEnv(ctx), cwd: setup.cwd, pytestNodeId: pytestNodeIds(ctx.workspace, setup.cwd, setup.sources) });
      ctx.logger.info(`retry ${attempt}/${o.retries}: ${plan.why}`);
      const ran = await retryOnce(ctx, tests, plan, attempt, indices, setup, path.join(dir, `${attempt}-kept`));
      if ('state' in ran) return ran;
      out.lastRun = ran.run;
      out.retries.push({ attempt, argv: plan.argv.map((a) => ctx.masker.mask(a)), mode: plan.mode, why: plan.why, rerun: indices.length, nowPassing: ran.nowPassing, ran: ran.ran, reports: ran.reports });
      const missing = indices.length - ran.ran;
      ctx.logger.info(`retry ${attempt}: ${ran.nowPassing} of ${indices.length} failed test(s) passed on rerun (flaky)${missing > 0 ? `; ${missing} did not run again (not in the retry's reports) and keep their failure` : ''}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

/** The command's environment as the stage gives it (the report paths a runner takes from it are redirected for a retry). */
function stageEnv(ctx: Ctx): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...ctx.env, ...ctx.options.env })) if (v !== undefined) env[k] = v;
  return env;
}

/** pytest node ids of failed tests, relative to the command's cwd: their module looked up under the cwd, then the workspace. */
function pytestNodeIds(workspace: string, cwd: string, sources: SourceFiles): (t: RerunTest) => string | null {
  const cwdRel = path.relative(workspace, cwd).split(path.sep).join('/');
  const fromCwd = pytestNodeIdOf((rel) => sources.files.resolve(cwdRel ? `${cwdRel}/${rel}` : rel) !== null);
  const fromRoot = pytestNodeIdOf((rel) => sources.files.resolve(rel) !== null);
  return (t) => {
    const id = fromCwd(t);
    if (id !== null || cwdRel === '') return id;
    const rooted = fromRoot(t);
    return rooted === null ? null : path.posix.relative(cwdRel, rooted.slice(0, rooted.indexOf('::'))) + rooted.slice(rooted.indexOf('::'));
  };
}

/** One retry: run, check the runner took its arguments, read its reports into the tests, put the command's reports back. */
async function retryOnce(ctx: Ctx, tests: TestCollector, plan: RerunPlan, attempt: number, indices: readonly number[], setup: RetrySetup, keepDir: string): Promise<{ run: CommandRun; nowPassing: number; ran: number; reports: string[] } | Errored> {
  const o = ctx.options;
  // A command whose reports only the globs find writes them where it wrote the first ones: those are set aside first.
  const kept = plan.reports ? null : await setAside(setup.first, keepDir);
  let run: CommandRun | null = null;
  let retryReports: FoundReport[] = [];
  try {
    run = await runCommand(ctx, plan.argv, typeof o.command === 'string', setup.cwd, `retry ${attempt}: `, plan.reports ? [] : setup.patterns, plan.env);
    const problem = commandProblem(run, o.timeoutSeconds) ?? usageProblem(plan, run.res);
    if (problem) return { state: 'errored', reason: `retry ${attempt}: ${problem}` };
    retryReports = plan.reports ? writtenReports(plan.reports, path.dirname(plan.reports[0] as string)) : await reportsWrittenBy(ctx, run, setup.patterns);
    if (retryReports.length === 0) {
      return { state: 'errored', reason: `retry ${attempt}: the re-run (exit code ${run.res.exitCode ?? run.res.signal}) wrote no JUnit report${plan.reports ? ` to ${plan.reports.join(', ')}` : ` for ${setup.patterns.map((p) => `"${p}"`).join(', ')}`}: the failed tests did not run again` };
    }
    const runsBefore = indices.map((i) => tests.cols.runs.get(i));
    const reads = await readReports(retryReports, tests, { maxReportBytes: o.maxReportBytes, retry: true });
    const broken = reads.find((r) => r.error);
    if (broken) return { state: 'errored', reason: `retry ${attempt}: ${broken.error}` };
    const ran = indices.filter((i, k) => tests.cols.runs.get(i) !== runsBefore[k]).length;
    const nowPassing = indices.filter((i) => !isFailingIndex(tests, i)).length;
    return { run, nowPassing, ran, reports: retryReports.map((r) => r.rel) };
  } finally {
    if (kept) await putBack(kept, retryReports, run, ctx, setup.patterns);
  }
}

function usageProblem(plan: RerunPlan, res: ProcessResult): string | null {
  const usage = usageError(plan.runner, res);
  return usage === null ? null : `the runner refused the re-run's arguments (exit code ${res.exitCode}): ${usage}; the failed tests did not run again`;
}

/** The retry's own reports that exist, named for the record by their file name. */
function writtenReports(files: readonly string[], dir: string): FoundReport[] {
  const out: FoundReport[] = [];
  for (const abs of files) {
    const opened = openReport(abs, dir);
    if (opened.kind !== 'ok') continue;
    closeSync(opened.fd);
    out.push({ rel: `retry/${path.basename(abs)}`, abs, within: dir, identity: '', bytes: opened.size });
  }
  return out;
}

interface KeptReport {
  report: FoundReport;
  copy: string;
  atime: Date;
  mtime: Date;
}

/** Copies the command's reports aside (through the guarded reader) before a retry that writes where they are. */
async function setAside(reports: readonly FoundReport[], dir: string): Promise<KeptReport[]> {
  await mkdir(dir, { recursive: true });
  const kept: KeptReport[] = [];
  for (const [k, report] of reports.entries()) {
    const opened = openReport(report.abs, report.within);
    if (opened.kind !== 'ok') continue;
    const st = fstatSync(opened.fd);
    const copy = path.join(dir, String(k));
    if (opened.size === 0) closeSync(opened.fd);
    await pipeline(opened.size === 0 ? [] : createReadStream('', { fd: opened.fd, start: 0, end: opened.size - 1 }), createWriteStream(copy));
    kept.push({ report, copy, atime: st.atime, mtime: st.mtime });
  }
  return kept;
}

/** Puts the command's reports back as it wrote them, and removes the reports only the retry wrote. */
async function putBack(kept: readonly KeptReport[], retryReports: readonly FoundReport[], run: CommandRun | null, ctx: Ctx, patterns: readonly string[]): Promise<void> {
  const ours = new Set(kept.map((k) => k.report.abs));
  const written = retryReports.length > 0 || !run ? retryReports : await reportsWrittenBy(ctx, run, patterns);
  for (const r of written) if (!ours.has(r.abs)) await rm(r.abs, { force: true });
  for (const k of kept) {
    await rm(k.report.abs, { force: true });
    await copyFile(k.copy, k.report.abs);
    await utimes(k.report.abs, k.atime, k.mtime);
  }
}

function isFailingIndex(tests: TestCollector, i: number): boolean {
  const o = tests.outcome(i);
  return o === 'failed' || o === 'errored';
}

/** Step 3: the baseline, matched against the tests in one streaming read; null when there is none (or it is ignored). */
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
function verdict(pass: TestsPass, problem: string | null, lastRun: CommandRun | null, o: RegressionOptions, hasBaseline: boolean): { state: StageOutcome['state']; reason: string } {
  if (problem) return { state: 'errored', reason: problem };
  if (pass.counts.tests === 0) {
    if (o.allowEmpty) return { state: 'passed', reason: '0 tests: the reports hold no test (allowEmpty)' };
    return { state: 'errored', reason: 'the reports hold no test: a test stage that ran nothing must not pass (set allowEmpty: true if that is expected)' };
  }
  // Every test skipped (a conftest or setup that skips all, a missing service): nothing was judged either.
  if (pass.counts.skipped === pass.counts.tests && !o.allowEmpty) {
    return { state: 'errored', reason: `all ${plural(pass.counts.tests, 'test')} in the reports were skipped: a test stage that ran nothing must not pass (set allowEmpty: true if that is expected)` };
  }
  const failingNow = pass.counts.failed + pass.counts.errors;
  if (lastRun && lastRun.res.exitCode !== 0 && failingNow === 0 && pass.tally.gating === 0) {
    return {
      state: 'errored',
      reason: `the test command exited with ${lastRun.res.exitCode === null ? `signal ${lastRun.res.signal}` : `code ${lastRun.res.exitCode}`} but its reports show no failing test: the reports may be incomplete`,
    };
  }
  // Most of what the baseline ran did not run now: the gate would judge a suite that is mostly not there.
  const d = pass.dropped;
  if (d && d.of > 0 && d.count / d.of > o.maxDropped) {
    const share = Math.round((d.count / d.of) * 100);
    return {
      state: 'failed',
      reason: `${d.count} of the ${d.of} tests that ran in the baseline did not run now (${share}%, skipped or gone; at most ${Math.round(o.maxDropped * 100)}% may), e.g. ${d.first}: a left-over .only, a filter or a conftest that drops tests? Set maxDropped if the change means it`.slice(0, 500),
    };
  }
  if (pass.tally.gating > 0) {
    const first = pass.firstGating;
    const where = first?.legs ? ` (${describeLegs(first.legs)})` : '';
    const reason = `${pass.tally.gatingText()}${hasBaseline ? '' : ' (no baseline: every failure gates)'}; first: ${first?.id}${first?.message ? `: ${first.message}` : ''}${where}`;
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
async function finish(ctx: Ctx, tests: TestCollector, read: ReportsRead, run: Retries & { command: CommandRun | null }, baseline: { match: BaselineMatch | null; info: RegressionResult['baseline'] }, sources: SourceFiles, tags: SpecTagReader): Promise<StageOutcome> {
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
  if (pass.legSplitsTotal > 0) {
    const d = pass.legSplits[0];
    ctx.logger.warn(`${plural(pass.legSplitsTotal, 'test')} failed in some legs and passed in others: failed, not flaky (a failure in any leg fails the test), e.g. ${d?.id}: ${d ? describeLegs(d) : ''}`);
  }
  for (const q of pass.quarantineUnmatched) ctx.logger.warn(`quarantine entry "${q}" names no test of the reports (check its spelling: an id from ${TESTS_FILE}, a pytest node id, or a dotted name)`);
  for (const p of tags.problems) ctx.logger.warn(p);
  // The test files read for their tags decide the trace as much as the reports do: told to the stage's reader.
  await ctx.reads.note(tags.filesRead());
  const untagged = tags.unused();
  if (untagged.length > 0) ctx.logger.warn(`${plural(untagged.length, `${o.traceIds.specTag} tag`)} above a test named no test of the reports, e.g. ${untagged[0]}`);
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
    legSplits: pass.legSplits,
    legSplitsTotal: pass.legSplitsTotal,
    reports: read.reads,
    command: run.command ? { argv: run.command.argv.map((a) => ctx.masker.mask(a)), shell: run.command.shell, exitCode: run.command.res.exitCode, durationMs: run.command.res.durationMs } : null,
    retries: run.retries,
    knownNotRetried: run.knownNotRetried,
    quarantine: {
      active: pass.quarantined.ids,
      activeTotal: pass.quarantined.total,
      expired: expired.map((q) => ({ test: q.test, until: q.until })),
      unmatched: pass.quarantineUnmatched,
    },
    slow: pass.slow,
    slowTotal: pass.slowTotal,
    ...(pass.dropped ? { dropped: pass.dropped } : {}),
    findingsCut: pass.findingsCut,
  };
  const { state, reason } = verdict(pass, problem, run.lastRun, o, baseline.match !== null);
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
    // Reading reports only: the result depends on the reports (and the baseline, which the engine keys), and on the
    // test files read for their @spec tags, which the stage tells its reader: name them in `inputs` to let it be reused.
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
    const tags = new SpecTagReader(ctx.workspace, ctx.options.traceIds.specTag, find);
    const tracer = new TestTracer(sources, find, tags);
    const spill = new Spill();
    let baseline: BaselineMatch | null = null;
    try {
      const tests = new TestCollector(ctx.workspace, spill, (t) => tracer.traceOf(t));
      const read = await readAllReports(ctx, tests, ran.patterns, ran.command);
      if ('state' in read) return read;
      // The baseline before the retries: failures it already knows are not retried.
      const base = await loadBaseline(ctx, tests);
      if ('state' in base) return base;
      baseline = base.match;
      const retried = await retryFailed(ctx, tests, ran.command, { cwd: setup.cwd, patterns: ran.patterns, first: read.found, baseline, sources });
      if ('state' in retried) return retried;
      return await finish(ctx, tests, read, { command: ran.command, ...retried }, base, sources, tags);
    } finally {
      baseline?.close();
      spill.close();
    }
  },
};
