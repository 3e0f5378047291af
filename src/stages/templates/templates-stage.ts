// The `uses: templates` stage kind: checks the codebase against its own rules, gates what the change introduced,
// carries known violations with their trend, measures drift, and (with.context: check) keeps the agent context fresh.
import path from 'node:path';
import { z } from 'zod';
import type { ChangeSet } from '../../core/diff.js';
import { inChange } from '../../core/diff.js';
import { UserError, errorMessage } from '../../core/errors.js';
import {
  blocksGate,
  compareWithBaseline,
  judgeAgainstBaseline,
  readFindingBaseline,
  toBaselineFile,
  type BaselineComparison,
  type FindingBaselineEntry,
  type FindingBaselineRead,
} from '../../core/finding-baseline.js';
import type { Finding } from '../../core/findings.js';
import { fingerprintAll, workspaceLineReader } from '../../core/fingerprint.js';
import type { BaseJudgement, StageContext, StageKind, StageOutcome } from '../../core/stage-kind.js';
import { checkContext, renderContextBlock } from './agent-context.js';
import { checkConformance, type ConformanceResult } from './conformance.js';
import { TemplatesBaseline, driftFigures, ruleUnits, toTemplatesBaseline, type DriftFigure, type RuleUnits } from './drift.js';
import { SOURCE_FILE, SOURCE_LANGUAGES, SourceIndex, buildGraph, type ImportGraph } from './import-graph.js';
import { loadRuleSet, type LoadedRuleSet } from './load-rules.js';
import { createResolver, readTsPaths } from './module-resolver.js';
import { TemplatesOptions, TEMPLATES_DESCRIPTION } from './options.js';
import { matchUnit } from './unit-pattern.js';
import { CYCLE_PREFIX, PARSE_RULE, UNREADABLE_RULE, type Violation } from './violation.js';
import { createFileReader, listFiles, listFilesAt, type FileListing } from './workspace-files.js';

export const CONTEXT_RULE = 'templates.context';

interface Baselines {
  read: FindingBaselineRead;
  entries: FindingBaselineEntry[] | null;
  templates: TemplatesBaseline | null;
  description: string | null;
}

/** The templates part a findings baseline carries beside its entries; an older one without it only costs the changed scope. */
const WithTemplates = z.object({ templates: TemplatesBaseline });

async function readBaselines(ctx: StageContext<TemplatesOptions>): Promise<Baselines | { invalid: string }> {
  const read = await readFindingBaseline(await ctx.baseline());
  if (read.kind === 'invalid') return { invalid: read.why };
  if (read.kind === 'none') return { read, entries: null, templates: null, description: null };
  if (read.kind === 'unavailable') {
    ctx.logger.info(`templates: the base could not be judged (${read.why}): violations outside the change are of unknown age`);
    return { read, entries: null, templates: null, description: read.from };
  }
  // Carrying untouched files needs a baseline of the base commit itself; a committed file may be older than it.
  const t = read.origin === 'file' ? null : WithTemplates.safeParse(read.json);
  return { read, entries: read.entries, templates: t?.success ? t.data.templates : null, description: read.from };
}

function touchedPaths(changes: ChangeSet): Set<string> {
  const out = new Set<string>();
  for (const [p, f] of changes.files) {
    out.add(p);
    if (f.oldPath) out.add(f.oldPath);
  }
  return out;
}

/** Why the changed scope cannot be used, or null when it can. */
function changedScopeBlocker(o: TemplatesOptions, changes: ChangeSet, onBaseBranch: boolean, b: Baselines, loaded: LoadedRuleSet, touched: ReadonlySet<string>): string | null {
  if (changes.base === null) return changes.note ?? 'no base commit known';
  if (onBaseBranch) return 'on the base branch the whole workspace is judged';
  if (o.filter !== 'file' && o.filter !== 'added') return `filter ${o.filter} owns findings beyond touched files`;
  if (!b.templates || !b.entries) return 'no templates baseline of the base commit to carry the untouched files from';
  if (b.templates.rulesDigest !== loaded.digest) return 'the rules or templates differ from the baseline\'s';
  for (const p of touched) {
    if (p === loaded.origin || p.startsWith(`${loaded.templatesDir}/`) || path.posix.basename(p).startsWith('tsconfig')) return `the change touches ${p}`;
  }
  return null;
}

/** Milliseconds per phase, for result.json: the bench and a slow CI run both want to know where the time goes. */
function phaseClock(): { timings: Record<string, number>; phase: (name: string) => void } {
  const timings: Record<string, number> = {};
  let mark = performance.now();
  return {
    timings,
    phase(name) {
      const now = performance.now();
      timings[name] = Math.round(now - mark);
      mark = now;
    },
  };
}

interface Scope {
  scope: 'full' | 'changed';
  note: string;
}

function chooseScope(ctx: StageContext<TemplatesOptions>, loaded: LoadedRuleSet, changes: ChangeSet, baselines: Baselines, touched: ReadonlySet<string>): Scope {
  const o = ctx.options;
  if (o.scope === 'full') return { scope: 'full', note: 'whole workspace' };
  const blocker = changedScopeBlocker(o, changes, ctx.source.onBaseBranch === true, baselines, loaded, touched);
  if (blocker === null) return { scope: 'changed', note: `${touched.size} touched paths, the files that import them and their units; the rest carried from the baseline` };
  if (o.scope === 'changed') {
    ctx.logger.warn(`templates: checking the whole workspace, not the change only: ${blocker}`);
    return { scope: 'full', note: 'whole workspace' };
  }
  return { scope: 'full', note: `whole workspace (${blocker})` };
}

interface Checked {
  listing: FileListing;
  result: ConformanceResult;
  index: SourceIndex;
  cacheDir: string | null;
  graphStats: { nodes: number; reused: number; rebuilt: number } | null;
}

/** Lists the files, builds the import graph when a rule needs it, and runs every rule; the caches are kept in full scope. */
async function checkWorkspace(ctx: StageContext<TemplatesOptions>, loaded: LoadedRuleSet, scope: Scope, changes: ChangeSet, touched: ReadonlySet<string>, clock: ReturnType<typeof phaseClock>): Promise<Checked> {
  const o = ctx.options;
  const changed = scope.scope === 'changed';
  // In changed scope the base tree plus the change is the file list: one git call, blob ids for the caches.
  const listing = (changed ? await listFilesAt(ctx.workspace, changes, o.exclude) : null) ?? (await listFiles(ctx.workspace, o.exclude));
  clock.phase('list');
  const read = createFileReader(ctx.workspace, o.maxFileBytes);
  const cacheDir = o.cache === false || !listing.git ? null : path.join(ctx.workspace, o.cache);
  const cacheFile = cacheDir && path.join(cacheDir, 'scans.txt');
  const index = await SourceIndex.open(read, listing.oids, cacheFile);
  clock.phase('cacheLoad');
  const tsPaths = readTsPaths(read);
  const needsGraph = loaded.set.rules.some((r) => (r.kind === 'imports' && (r.rule.cycles || r.rule.entryPoints.length > 0)) || (changed && (r.kind === 'imports' || r.kind === 'one-way')));
  let graph: ImportGraph | null = null;
  let graphStats: Checked['graphStats'] = null;
  if (needsGraph) {
    const built = await buildGraph(
      {
        files: listing.files.filter((f) => SOURCE_FILE.test(f)),
        oids: listing.oids,
        index,
        resolve: createResolver(new Set(listing.files), tsPaths),
        resolution: JSON.stringify(tsPaths),
        verbatimModuleSyntax: tsPaths.verbatimModuleSyntax === true,
        ...(changed ? { touched } : {}),
      },
      cacheDir && path.join(cacheDir, 'graph.json'),
      !changed,
    );
    graph = built.graph;
    graphStats = { nodes: built.graph.files.length, reused: built.reused, rebuilt: built.rebuilt };
    clock.phase('graph');
  }
  const result = checkConformance({ graph, set: loaded.set, listing, read, index, tsPaths, touched: changed ? touched : null, timings: clock.timings });
  clock.phase('check');
  // The full check keeps the caches; a changed-scope run reads them and leaves them as the base made them.
  if (cacheFile && !changed) await index.save(cacheFile).catch((err: unknown) => ctx.logger.warn(`templates: could not write the import cache ${cacheFile}: ${errorMessage(err)}`));
  return { listing, result, index, cacheDir, graphStats };
}

/** The violations as findings, in a stable order so occurrence numbers in fingerprints are stable too. */
async function freshFindings(ctx: StageContext<TemplatesOptions>, violations: readonly Violation[], changes: ChangeSet): Promise<Finding[]> {
  const o = ctx.options;
  const unowned = changes.base === null || o.filter === 'nofilter';
  const inDiff = (v: Violation): boolean => unowned || (v.owners ? v.owners.some((p) => changes.files.has(p)) : inChange(changes, o.filter, v.path, v.line));
  const fresh: Finding[] = [...violations].sort(byPlace).map((v) => ({
    stage: ctx.stage.id,
    ruleId: v.ruleId,
    level: v.level,
    message: v.message,
    location: { path: v.path, ...(v.line ? { startLine: v.line } : {}), ...(v.column ? { startColumn: v.column } : {}) },
    ...(v.related ? { related: v.related.map((r) => ({ path: r.path, ...(r.line ? { startLine: r.line } : {}), ...(r.column ? { startColumn: r.column } : {}), ...(r.message ? { message: r.message } : {}) })) } : {}),
    fingerprint: '',
    baseline: 'new',
    traceTo: [],
    inDiff: inDiff(v),
  }));
  const prints = await fingerprintAll(fresh, workspaceLineReader(ctx.workspace, o.maxFileBytes));
  fresh.forEach((f, i) => (f.fingerprint = prints[i]!));
  return fresh;
}

/**
 * Compares with the baseline. In changed scope, baseline findings outside what was checked again stand as they
 * were (carried), and only the rest is compared.
 */
function compareAndCarry(ctx: StageContext<TemplatesOptions>, loaded: LoadedRuleSet, baselines: Baselines, fresh: readonly Finding[], checked: ConformanceResult, scope: Scope, touched: ReadonlySet<string>): { compared: BaselineComparison; carried: Finding[] } {
  const carried: Finding[] = [];
  if (scope.scope !== 'changed' || !baselines.entries) return { compared: judgeAgainstBaseline(ctx.stage.id, fresh, baselines.read), carried };
  const fileLevel = new Set(loaded.set.rules.filter((r) => r.kind !== 'unit' && r.kind !== 'template').map((r) => r.id));
  fileLevel.add(PARSE_RULE);
  fileLevel.add(UNREADABLE_RULE);
  const covered = (e: FindingBaselineEntry): boolean => {
    if (e.message.startsWith(CYCLE_PREFIX)) return true;
    if (fileLevel.has(e.ruleId)) return e.path !== undefined && (checked.rechecked!.has(e.path) || touched.has(e.path));
    const folders = checked.recheckedUnits.get(e.ruleId);
    if (!folders) return !loaded.set.rules.some((r) => r.id === e.ruleId);
    return e.path !== undefined && [...folders].some((f) => e.path!.startsWith(f));
  };
  const compareTo: FindingBaselineEntry[] = [];
  for (const e of baselines.entries) {
    if (covered(e)) compareTo.push(e);
    else {
      carried.push({
        stage: ctx.stage.id,
        ruleId: e.ruleId,
        level: e.level,
        message: e.message,
        fingerprint: e.fingerprint,
        baseline: 'unchanged',
        traceTo: [],
        inDiff: false,
        ...(e.path ? { location: { path: e.path, ...(e.startLine ? { startLine: e.startLine } : {}) } } : {}),
      });
    }
  }
  return { compared: compareWithBaseline(ctx.stage.id, fresh, compareTo), carried };
}

/** With context: check, a finding per context file whose agent context block is stale. */
async function contextFindings(ctx: StageContext<TemplatesOptions>, loaded: LoadedRuleSet): Promise<Finding[]> {
  const o = ctx.options;
  if (o.context !== 'check') return [];
  const check = await checkContext({ workspace: ctx.workspace, files: o.contextFiles }, renderContextBlock(loaded)).catch((err: unknown) => {
    if (err instanceof UserError) return { ok: false, stale: [{ file: err.position?.file ?? o.contextFiles[0]!, why: err.message }] };
    throw err;
  });
  return check.stale.map((s) => ({ stage: ctx.stage.id, ruleId: CONTEXT_RULE, level: 'error', message: s.why, location: { path: s.file }, fingerprint: `context:${s.file}`, baseline: 'new', traceTo: [], inDiff: true }));
}

/** Per rule, its units now: all of them in full scope; in changed scope the baseline's, updated by what was checked again. */
function measureUnits(loaded: LoadedRuleSet, checked: Checked, scope: Scope, baselines: Baselines, changes: ChangeSet, touched: ReadonlySet<string>): Map<string, RuleUnits> {
  const { listing, result } = checked;
  if (scope.scope !== 'changed' || !baselines.templates) return ruleUnits(result.tallies, null);
  const listed = new Set(listing.files);
  const added = (u: string): boolean => {
    const st = (p: string): boolean => {
      const c = changes.files.get(p);
      return c !== undefined && (c.status === 'added' || c.status === 'untracked' || c.status === 'renamed');
    };
    if (!u.endsWith('/')) return st(u);
    const inside = filesUnder(listing.files, u);
    return inside.length > 0 && inside.every(st);
  };
  const deleted = (ruleId: string): number => {
    const rule = loaded.set.rules.find((r) => r.id === ruleId);
    if (!rule) return 0;
    const gone = [...touched].filter((p) => !listed.has(p));
    if (rule.kind === 'unit' || rule.kind === 'template') {
      const folders = new Set(gone.map((p) => matchUnit(rule.pattern, p)?.folder).filter((f): f is string => f !== undefined));
      return [...folders].filter((f) => filesUnder(listing.files, f).length === 0).length;
    }
    return gone.filter((p) => rule.scope(p) && (rule.kind === 'naming' || rule.kind === 'content' || SOURCE_FILE.test(p))).length;
  };
  const rechecked = (id: string, u: string): boolean => {
    const folders = result.recheckedUnits.get(id);
    if (folders) return folders.has(u);
    return result.rechecked!.has(u) || touched.has(u) || (u.endsWith('/') && [...touched].some((p) => p.startsWith(u)));
  };
  return ruleUnits(result.tallies, { baseline: baselines.templates, rechecked, added, deleted });
}

/** Rules that judged nothing, each with why; `unreadable` when its files are all in languages it cannot read. */
function unjudgedRules(loaded: LoadedRuleSet, drift: Record<string, DriftFigure>, files: readonly string[]): { id: string; why: string; unreadable: boolean }[] {
  const out: { id: string; why: string; unreadable: boolean }[] = [];
  for (const rule of loaded.set.rules) {
    if ((drift[rule.id]?.units ?? 0) > 0) continue;
    if (rule.kind === 'unit' || rule.kind === 'template') {
      out.push({ id: rule.id, why: `no folder matches ${rule.rule.pattern}`, unreadable: false });
      continue;
    }
    const matched = files.filter((f) => rule.scope(f));
    if (matched.length === 0 || (rule.kind !== 'imports' && rule.kind !== 'one-way')) {
      out.push({ id: rule.id, why: `no file matches ${rule.rule.files.join(', ')}`, unreadable: false });
      continue;
    }
    const kinds = [...new Set(matched.map((f) => path.posix.extname(f) || path.posix.basename(f)))].sort();
    out.push({ id: rule.id, why: `its files (${matched.length}: ${kinds.slice(0, 5).join(', ')}${kinds.length > 5 ? ', ...' : ''}) are in no language it reads (${SOURCE_LANGUAGES})`, unreadable: true });
  }
  return out;
}

async function run(ctx: StageContext<TemplatesOptions>): Promise<StageOutcome> {
  const o = ctx.options;
  const started = Date.now();
  const clock = phaseClock();
  let loaded: LoadedRuleSet;
  try {
    loaded = await loadRuleSet({ workspace: ctx.workspace, rulesFile: o.rulesFile, ...(o.rules ? { rules: o.rules } : {}), templatesDir: o.templatesDir, exclude: o.exclude });
  } catch (err) {
    if (err instanceof UserError) return { state: 'errored', reason: err.message };
    throw err;
  }
  clock.phase('rules');
  const changes = await ctx.changes();
  const baselines = await readBaselines(ctx);
  if ('invalid' in baselines) return { state: 'errored', reason: baselines.invalid };
  clock.phase('changesAndBaseline');
  const touched = touchedPaths(changes);
  const scope = chooseScope(ctx, loaded, changes, baselines, touched);
  if (ctx.signal.aborted) throw new Error('cancelled');

  let checked: Checked;
  try {
    checked = await checkWorkspace(ctx, loaded, scope, changes, touched, clock);
  } catch (err) {
    if (err instanceof UserError) return { state: 'errored', reason: err.message };
    throw err;
  }
  const fresh = await freshFindings(ctx, checked.result.violations, changes);
  clock.phase('cacheSaveAndFingerprints');
  const { compared, carried } = compareAndCarry(ctx, loaded, baselines, fresh, checked.result, scope, touched);
  clock.phase('compare');
  const context = await contextFindings(ctx, loaded);
  const units = measureUnits(loaded, checked, scope, baselines, changes, touched);
  clock.phase('ruleUnits');
  const drift = driftFigures(units, baselines.templates);
  const unjudged = unjudgedRules(loaded, drift, checked.listing.files);
  const outcome = conclude(ctx, { loaded, checked, scope, baselines, compared, carried, context, units, drift, unjudged, timings: clock.timings, started });
  clock.phase('baselineAndDrift');
  return outcome;
}

interface Judged {
  loaded: LoadedRuleSet;
  checked: Checked;
  scope: Scope;
  baselines: Baselines;
  compared: BaselineComparison;
  carried: Finding[];
  context: Finding[];
  units: Map<string, RuleUnits>;
  drift: Record<string, DriftFigure>;
  unjudged: { id: string; why: string; unreadable: boolean }[];
  timings: Record<string, number>;
  started: number;
}

/** What blocks, the counts, the result and the baseline, and the verdict with its reason. */
function conclude(ctx: StageContext<TemplatesOptions>, j: Judged): StageOutcome {
  const o = ctx.options;
  const { loaded, checked, compared, carried, context, drift, unjudged } = j;
  const findings = [...compared.findings, ...carried, ...context, ...compared.fixed];
  // New against the base blocks wherever it is; the filter only says what the change owns and is shown first.
  const blocking = [...[...compared.findings, ...carried].filter((f) => blocksGate(f, { failOn: o.failOn, newOnly: o.newOnly })), ...context];
  let unitCount = 0;
  let conforming = 0;
  for (const d of Object.values(drift)) {
    unitCount += d.units;
    conforming += d.conforming;
  }
  const open = findings.filter((f) => f.baseline !== 'absent');
  const newCount = compared.findings.filter((f) => f.baseline === 'new').length;
  const unknownAge = compared.findings.filter((f) => f.baseline === 'unknown').length;
  const counts = {
    rules: loaded.set.rules.length,
    unjudged: unjudged.length,
    units: unitCount,
    conforming,
    violations: open.length,
    new: newCount,
    unknownAge,
    blocking: blocking.length,
    fixed: compared.fixed.length,
    drift: Object.fromEntries(Object.entries(drift).map(([id, d]) => [id, d.share])),
  };
  const baselineFile = { ...toBaselineFile(ctx.stage.id, [...compared.findings, ...carried]), templates: toTemplatesBaseline(loaded.digest, j.units) };
  const trend = j.baselines.entries
    ? { baseline: j.baselines.entries.length, now: open.length - context.length, new: newCount, fixed: compared.fixed.length, from: j.baselines.description }
    : null;
  const elapsed = Date.now() - j.started;
  const whyNot = new Map(unjudged.map((u) => [u.id, u.why]));
  ctx.logger.info(`templates: ${loaded.set.rules.length} rules from ${loaded.origin}; scope: ${j.scope.note}; ${checked.listing.files.length} files, ${unitCount} units, ${conforming} conforming; ${open.length} violations (${newCount} new, ${compared.fixed.length} fixed); ${elapsed} ms`);
  for (const [id, d] of Object.entries(drift)) {
    const why = whyNot.get(id);
    ctx.logger.info(`  drift ${id}: ${why ? `judged nothing: ${why}` : `${d.conforming}/${d.units} conform (${(d.share * 100).toFixed(1)}%)${d.trend ? `, ${d.trend} (baseline ${(d.baseline! * 100).toFixed(1)}%)` : ''}`}`);
  }
  const { index, cacheDir, graphStats } = checked;
  const result = {
    schema: 'andon.templates-result/v1',
    rules: { origin: loaded.origin, digest: loaded.digest, count: loaded.set.rules.length },
    scope: j.scope.scope,
    scopeNote: j.scope.note,
    files: checked.listing.files.length,
    drift,
    unjudged: unjudged.map(({ id, why }) => ({ id, why })),
    trend,
    blocking: blocking.slice(0, 50).map((f) => ({ ruleId: f.ruleId, message: f.message, path: f.location?.path, line: f.location?.startLine })),
    importCache: cacheDir ? { folder: path.relative(ctx.workspace, cacheDir), hits: index.hits, misses: index.misses, graph: graphStats } : null,
    durationMs: elapsed,
    timings: j.timings,
  };
  const outcome = { counts, findings, result, baseline: baselineFile };
  const nothing = unjudged.map((u) => `${u.id} (${u.why})`).join('; ');
  const cannot = unjudged.filter((u) => u.unreadable);
  // A gate that judged nothing must not read as a pass.
  if (cannot.length > 0) return { ...outcome, state: 'errored', reason: `rule${cannot.length > 1 ? 's' : ''} ${cannot.map((u) => `${u.id}: ${u.why}`).join('; ')}; nothing of ${cannot.length > 1 ? 'them' : 'it'} was judged` };
  if (loaded.set.rules.length > 0 && unjudged.length === loaded.set.rules.length && !o.allowEmpty) {
    return { ...outcome, state: 'errored', reason: `judged nothing: no rule matched a file (${nothing}); set allowEmpty: true if that is expected` };
  }
  const first = blocking[0];
  const where = first?.location ? `${first.location.path}${first.location.startLine ? `:${first.location.startLine}` : ''}` : '';
  const unjudgedNote = unjudged.length ? `; judged nothing for ${nothing}` : '';
  const against = j.baselines.read.kind === 'unavailable' ? `; the base could not be judged (${j.baselines.read.why}): ${unknownAge} of unknown age` : '';
  const reason = blocking.length
    ? `${blocking.length} ${o.newOnly ? 'new ' : ''}violation${blocking.length > 1 ? 's' : ''}${against}; first: ${where} ${first!.message}`
    : `no ${o.newOnly ? 'new ' : ''}violation; ${open.length - newCount - unknownAge} known, ${unknownAge} of unknown age (${compared.fixed.length} fixed)${against}; ${conforming}/${unitCount} units conform${unjudgedNote}`;
  return { ...outcome, state: blocking.length ? 'failed' : 'passed', reason };
}

/** The files of a sorted list under a folder (with trailing slash), found by binary search. */
function filesUnder(sorted: readonly string[], folder: string): string[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < folder) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.startsWith(folder); i++) out.push(sorted[i]!);
  return out;
}

function byPlace(a: Violation, b: Violation): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if ((a.line ?? 0) !== (b.line ?? 0)) return (a.line ?? 0) - (b.line ?? 0);
  if ((a.column ?? 0) !== (b.column ?? 0)) return (a.column ?? 0) - (b.column ?? 0);
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** The base judged whole with the same options: what its baseline.json would hold there (with the drift it carries). */
async function judgeAtBase(ctx: StageContext<TemplatesOptions>): Promise<BaseJudgement> {
  const outcome = await run(ctx);
  // A base where no rule matched still judged every file: its (empty) baseline stands; a base the rules cannot load at did not.
  if (outcome.baseline === undefined) return { kind: 'unjudged', why: outcome.reason };
  return { kind: 'judged', baseline: outcome.baseline };
}

export const templatesStage: StageKind<TemplatesOptions> = {
  name: 'templates',
  description: TEMPLATES_DESCRIPTION,
  options: TemplatesOptions,
  async inputs(options, env) {
    // On a change the stage checks what it touched: the base commit keys the result too.
    return { files: ['**'], extra: { exclude: options.exclude, base: env.baseSha } };
  },
  run,
  judgeAtBase,
};
