// The `regression` stage kind: runs the tests or reads their JUnit reports, and tells regressions from known failures, flaky tests and fixes.
import path from 'node:path';
import { shellArgv, type ProcessResult } from '../../core/process-runner.js';
import type { StageContext, StageKind, StageOutcome } from '../../core/stage-kind.js';
import type { BaselineEntry } from './baseline-file.js';
import { parseBaselineFile, toBaselineFile } from './baseline-file.js';
import { classify } from './classify.js';
import { RegressionOptions, REGRESSION_DESCRIPTION } from './options.js';
import { readReports, type ReportOutcome } from './read-reports.js';
import { findReports, reportsNamedByCommand, type FoundReport } from './report-files.js';
import { planRerun, splitCommand } from './rerun.js';
import type { RegressionCounts, RegressionResult, RegressionTest } from './result.js';
import { isFailing, TestCollector } from './test-collector.js';
import { testFindings, testFingerprint, traceOf } from './test-findings.js';
import { idMatches } from './test-identity.js';
import { WorkspaceFiles } from './test-location.js';
import { checkTracePattern, compileTracePattern, SpecTagReader } from './trace-ids.js';

export { RegressionOptions } from './options.js';
export { RegressionResult } from './result.js';

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

async function runCommand(ctx: StageContext<RegressionOptions>, argv: string[], shell: boolean, cwd: string, label: string): Promise<CommandRun> {
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
    const o = ctx.options;
    const patternProblem = checkTracePattern(o.traceIds.pattern);
    if (patternProblem) return { state: 'errored', reason: patternProblem };
    const cwd = path.resolve(ctx.workspace, o.cwd ?? '.');
    if (cwd !== ctx.workspace && !cwd.startsWith(ctx.workspace + path.sep)) {
      return { state: 'errored', reason: `cwd "${o.cwd}" is outside the workspace` };
    }

    // 1. Run the tests, when there is a command.
    let command: CommandRun | null = null;
    let patterns = [...o.reports];
    if (o.command !== undefined) {
      const shell = typeof o.command === 'string';
      const argv = typeof o.command === 'string' ? shellArgv(o.command) : o.command;
      command = await runCommand(ctx, argv, shell, cwd, '');
      const problem = commandProblem(command, o.timeoutSeconds);
      if (problem) return { state: 'errored', reason: problem };
      if (patterns.length === 0) {
        const words = typeof o.command === 'string' ? splitCommand(o.command) : o.command;
        const rel = path.relative(ctx.workspace, cwd);
        patterns = reportsNamedByCommand(words ?? [], o.env).map((p) => (rel ? `${rel}/${p}` : p));
        if (patterns.length === 0) {
          return { state: 'errored', reason: 'the command does not name a JUnit report (e.g. pytest --junitxml=…) and `reports` is empty: set `reports` to the globs of the reports it writes' };
        }
      }
    }

    // 2. Find and read the reports.
    const search = await findReports(ctx.workspace, patterns);
    for (const r of search.refused) ctx.logger.error(`${r.rel}: ${r.why}`);
    let reports: FoundReport[] = search.found;
    if (command) {
      const started = command.startedAt;
      const stale = reports.filter((r) => r.mtimeMs < started - STALE_SLACK_MS);
      for (const r of stale) ctx.logger.warn(`${r.rel}: ignored, it was last written before the test command started (a stale report from an earlier run)`);
      reports = reports.filter((r) => r.mtimeMs >= started - STALE_SLACK_MS);
    }
    if (reports.length === 0) {
      const refusedNote = search.refused.length > 0 ? ` (refused: ${search.refused.map((r) => `${r.rel}: ${r.why}`).join('; ')})` : '';
      return {
        state: 'errored',
        reason: `no JUnit report found for ${patterns.map((p) => `"${p}"`).join(', ')}${command ? ' written by the test command' : ''}: a test stage that finds no reports must not pass${refusedNote}`,
      };
    }
    const collector = new TestCollector(ctx.workspace);
    const readOutcomes: ReportOutcome[] = await readReports(reports, collector, { maxReportBytes: o.maxReportBytes });
    for (const r of readOutcomes) if (r.error) ctx.logger.error(r.error);

    // 3. Re-run what failed.
    if (o.retries > 0 && o.command === undefined) ctx.logger.warn('retries is set but there is no command to re-run: reports are read as they are');
    const retries: RegressionResult['retries'] = [];
    // The exit code that must agree with the reports: the last run's, since a retry may have cleared the failures.
    let lastRun = command;
    if (command && o.command !== undefined) {
      for (let attempt = 1; attempt <= o.retries; attempt++) {
        const failing = collector.failingIds().map((id) => collector.tests.get(id)).filter((t) => t !== undefined);
        if (failing.length === 0) break;
        const plan = planRerun(o.command, failing, shellArgv);
        ctx.logger.info(`retry ${attempt}/${o.retries}: ${plan.why}`);
        const rerun = await runCommand(ctx, plan.argv, typeof o.command === 'string', cwd, `retry ${attempt}: `);
        const problem = commandProblem(rerun, o.timeoutSeconds);
        if (problem) return { state: 'errored', reason: `retry ${attempt}: ${problem}` };
        lastRun = rerun;
        const again = await findReports(ctx.workspace, patterns);
        const fresh = again.found.filter((r) => r.mtimeMs >= rerun.startedAt - STALE_SLACK_MS);
        await readReports(fresh, collector, { maxReportBytes: o.maxReportBytes, retry: true });
        const stillFailing = new Set(collector.failingIds());
        const nowPassing = failing.filter((t) => !stillFailing.has(t.id)).length;
        retries.push({ attempt, argv: plan.argv.map((a) => ctx.masker.mask(a)), mode: plan.mode, why: plan.why, rerun: failing.length, nowPassing });
        ctx.logger.info(`retry ${attempt}: ${nowPassing} of ${failing.length} failed test(s) passed on rerun (flaky)`);
      }
    }

    // 4. Baseline.
    let baselineTests: BaselineEntry[] | null = null;
    let baselineInfo: RegressionResult['baseline'] = null;
    if (o.baseline !== 'none') {
      const ref = await ctx.baseline();
      const bytes = ref ? await ref.read('baseline.json') : null;
      if (ref && bytes) {
        const parsed = parseBaselineFile(bytes);
        if (parsed.ok) {
          baselineTests = parsed.entries;
          baselineInfo = { origin: ref.origin, description: ref.description, ...(ref.serial ? { serial: ref.serial } : {}) };
          ctx.logger.info(`baseline: ${ref.description} (${plural(baselineTests.length, 'test')})`);
        } else {
          ctx.logger.warn(`baseline.json of ${ref.description} is not a regression baseline (${parsed.why}): ignored`);
        }
      }
      if (!baselineTests) {
        if (o.baseline === 'required') {
          return { state: 'errored', reason: 'baseline: required, but there is no regression baseline for this stage (run on the base branch first, or `andon baseline update`)' };
        }
        ctx.logger.info('no baseline for this stage: every failing test gates (nothing tells known failures from new ones)');
      }
    } else {
      ctx.logger.info('baseline: none: every failing test gates');
    }

    // 5. Quarantine, classification, gate.
    const today = ctx.clock.now().toISOString().slice(0, 10);
    const activeQ = o.quarantine.filter((q) => q.until >= today);
    const expiredQ = o.quarantine.filter((q) => q.until < today);
    for (const q of expiredQ) ctx.logger.warn(`quarantine of "${q.test}" expired on ${q.until}: it gates again (remove or extend the entry)`);
    const quarantinedIds: string[] = [];
    const isQuarantined = (id: string) => {
      const hit = activeQ.some((q) => idMatches(id, q.test));
      if (hit) quarantinedIds.push(id);
      return hit;
    };
    const records = [...collector.tests.values()];
    const classification = classify(collector.tests, baselineTests, o.failOn, activeQ.length > 0 ? isQuarantined : () => false);

    // 6. Trace, findings, slowdowns.
    const files = new WorkspaceFiles(ctx.workspace);
    const specTags = new SpecTagReader(ctx.workspace, o.traceIds.specTag, compileTracePattern(o.traceIds.pattern));
    const find = compileTracePattern(o.traceIds.pattern);
    const traceTo = new Map<string, string[]>();
    for (const t of records) traceTo.set(t.id, await traceOf(t, find, files, specTags));
    for (const t of records) if (t.message !== undefined) t.message = ctx.masker.mask(t.message);
    const findings = await testFindings(ctx.stage.id, classification.items, traceTo, files);

    const slow: RegressionResult['slow'] = [];
    if (o.slowdown && baselineTests) {
      for (const t of records) {
        const baseMs = t.base?.[2];
        if (!baseMs || t.durationMs === undefined || t.durationMs < o.slowdown.minMs) continue;
        const factor = t.durationMs / baseMs;
        if (factor >= o.slowdown.factor) slow.push({ id: t.id, ms: t.durationMs, baselineMs: baseMs, factor: Math.round(factor * 100) / 100 });
      }
      slow.sort((a, b) => b.factor - a.factor);
      for (const s of slow.slice(0, 1000)) {
        const t = collector.tests.get(s.id);
        findings.push({
          stage: ctx.stage.id,
          ruleId: 'regression/slowdown',
          level: 'warning',
          message: `${s.factor}× slower than the baseline: ${s.ms} ms, was ${s.baselineMs} ms (test ${t?.name ?? s.id})`,
          fingerprint: testFingerprint(s.id, 'slowdown'),
          baseline: 'new',
          traceTo: traceTo.get(s.id) ?? [],
          ...(t?.file ? { location: { path: t.file, ...(t.line ? { startLine: t.line } : {}) } } : {}),
        });
      }
      if (slow.length > 0) ctx.logger.warn(`${plural(slow.length, 'test')} ran at least ${o.slowdown.factor}× slower than in the baseline`);
    }

    // 7. Counts, result, verdict.
    const counts: RegressionCounts = { tests: records.length, passed: 0, failed: 0, errors: 0, skipped: 0, flaky: 0, regressions: classification.classes.regression };
    for (const t of records) {
      if (t.outcome === 'passed') counts.passed++;
      else if (t.outcome === 'failed') counts.failed++;
      else if (t.outcome === 'errored') counts.errors++;
      else counts.skipped++;
      if (t.flaky) counts.flaky++;
    }
    const duplicates = collector.duplicates();
    if (duplicates.length > 0) {
      ctx.logger.warn(`${plural(duplicates.length, 'test')} appear in more than one report (shards or matrix legs overlap); each is counted once, e.g. ${duplicates[0]?.id} in ${duplicates[0]?.reports.join(', ')}`);
    }

    const tests: RegressionTest[] = classification.items.map((c) => {
      const t = c.test;
      const out: RegressionTest = t
        ? {
            id: t.id,
            suite: t.suite,
            classname: t.classname,
            name: t.name,
            outcome: t.outcome,
            class: c.class,
            traceTo: traceTo.get(t.id) ?? [],
            runs: t.runs,
            gating: c.gating,
            reports: t.reports,
          }
        : { id: c.id, suite: '', classname: '', name: '', outcome: 'absent', class: 'removed', traceTo: [], runs: 0, gating: c.gating, reports: [] };
      if (t?.file !== undefined) out.file = t.file;
      if (t?.line !== undefined) out.line = t.line;
      if (t?.durationMs !== undefined) out.durationMs = t.durationMs;
      if (t?.message !== undefined && (isFailing(t.outcome) || t.flaky || t.outcome === 'skipped')) out.message = t.message;
      if (c.baseline) out.baselineOutcome = c.baseline[1];
      return out;
    });
    const result: RegressionResult = {
      schema: 'andon.regression-result/v1',
      stage: ctx.stage.id,
      baseline: baselineInfo,
      failOn: o.failOn,
      counts,
      classes: classification.classes,
      tests,
      duplicates,
      reports: readOutcomes,
      command: command ? { argv: command.argv.map((a) => ctx.masker.mask(a)), shell: command.shell, exitCode: command.res.exitCode, durationMs: command.res.durationMs } : null,
      retries,
      quarantine: { active: [...new Set(quarantinedIds)], expired: expiredQ.map((q) => ({ test: q.test, until: q.until })) },
      slow,
    };
    const outcome: StageOutcome = {
      state: 'passed',
      reason: '',
      counts,
      findings,
      result,
      baseline: toBaselineFile(ctx.stage.id, records),
    };

    // An errored run leaves no baseline behind: a partial one would make the missing tests look removed.
    const { baseline: _unused, ...withoutBaseline } = outcome;
    const broken = readOutcomes.filter((r) => r.error);
    if (broken.length > 0) {
      return { ...withoutBaseline, state: 'errored', reason: `${plural(broken.length, 'report')} could not be read: ${broken[0]?.error}${broken.length > 1 ? ` (and ${broken.length - 1} more)` : ''}` };
    }
    if (search.refused.length > 0) {
      return { ...withoutBaseline, state: 'errored', reason: `${search.refused[0]?.rel}: ${search.refused[0]?.why}` };
    }
    const failingNow = counts.failed + counts.errors;
    if (lastRun && lastRun.res.exitCode !== 0 && failingNow === 0 && classification.gating === 0) {
      return {
        ...withoutBaseline,
        state: 'errored',
        reason: `the test command exited with ${lastRun.res.exitCode === null ? `signal ${lastRun.res.signal}` : `code ${lastRun.res.exitCode}`} but its reports show no failing test: the reports may be incomplete`,
      };
    }
    const summary = summarize(classification.classes, counts);
    if (classification.gating > 0) {
      const first = classification.items.find((c) => c.gating);
      const gatingClasses = (Object.keys(classification.classes) as (keyof typeof classification.classes)[])
        .filter((k) => classification.classes[k] > 0 && classification.items.some((c) => c.gating && c.class === k))
        .map((k) => `${classification.classes[k]} ${k}`);
      return { ...outcome, state: 'failed', reason: `${gatingClasses.join(', ')}${baselineTests ? '' : ' (no baseline: every failure gates)'}; first: ${first?.id}${first?.test?.message ? `: ${first.test.message}` : ''}`.slice(0, 500) };
    }
    return { ...outcome, state: 'passed', reason: summary };
  },
};

function summarize(classes: Record<string, number>, counts: RegressionCounts): string {
  const parts = [`${plural(counts.tests, 'test')}`];
  for (const k of ['fixed', 'known-failure', 'flaky', 'quarantined', 'skipped', 'removed']) {
    const n = classes[k] ?? 0;
    if (n > 0) parts.push(`${n} ${k}`);
  }
  return parts.length === 1 ? `${parts[0]}: all passed` : `${parts[0]}: ${parts.slice(1).join(', ')} (none gating)`;
}
