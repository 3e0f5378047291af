// The `static-analysis` stage kind: gathers findings from ESLint, tsc, SARIF and checkstyle, marks them against the
// base (new, known, of unknown age) and the change (what is shown first), and blocks on new ones.
import type { ChangeSet } from '../../core/diff.js';
import { changedFiles, inChange } from '../../core/diff.js';
import { errorMessage } from '../../core/errors.js';
import {
  blocksGate,
  judgeAgainstBaseline,
  readFindingBaseline,
  toBaselineEntry,
  type FindingBaselineFile,
  type FindingBaselineRead,
} from '../../core/finding-baseline.js';
import { compareFindings, type Finding } from '../../core/findings.js';
import { fingerprintAll, workspaceLineReader } from '../../core/fingerprint.js';
import type { BaseJudgement, StageContext, StageKind, StageOutcome } from '../../core/stage-kind.js';
import { runCheckstyle } from './checkstyle-source.js';
import { runEslint } from './eslint-source.js';
import { describeFinding, eslintScope } from './gate.js';
import { configuredSources, INGESTED, NOT_AT_BASE, notJudgedAtBase, STATIC_ANALYSIS_DESCRIPTION, StaticAnalysisOptions, type SourceName } from './options.js';
import { workspacePackageVersion } from './package-version.js';
import { runSarif } from './sarif-source.js';
import type { RawFinding, SourceContext, SourceOutcome } from './source.js';
import { TOOL_CONFIG_GLOBS } from './tool-config-files.js';
import { runTsc } from './tsc-source.js';
import { messagesRelativeTo } from './workspace-path.js';

const SHOWN = 20;

function byPlace(a: RawFinding, b: RawFinding): number {
  const pa = a.location?.path ?? '';
  const pb = b.location?.path ?? '';
  if (pa !== pb) return pa < pb ? -1 : 1;
  const d = (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0) || (a.location?.startColumn ?? 0) - (b.location?.startColumn ?? 0);
  if (d !== 0) return d;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** ESLint over the whole workspace, or over the changed files only (`checked`: those it linted, of `changed`). */
type EslintScope = { kind: 'whole' } | { kind: 'changed'; checked: readonly string[]; changed: number };

/** A raw finding and the source that found it. */
type Sourced = RawFinding & { source: SourceName };

interface Gathered {
  raw: Sourced[];
  tools: Record<string, string>;
  notes: string[];
  /** The changed files ESLint linted, when it linted only those. */
  eslintChecked: readonly string[] | null;
  sources: SourceName[];
  /** Sources that could not do their job, with why (at the base only; in a run the first one errors the stage). */
  failed: { part: SourceName; why: string }[];
}

/**
 * Step: the findings of the given sources, in order. tsc is a whole-program tool: it always reports on every file.
 * `keepGoing` (at the base) records a source that cannot run and goes on; a run errors on the first.
 */
async function gather(ctx: StageContext<StaticAnalysisOptions>, sc: SourceContext, names: readonly SourceName[], keepGoing: boolean): Promise<Gathered | { error: string; tools: Record<string, string> }> {
  const o = ctx.options;
  const out: Gathered = { raw: [], tools: {}, notes: [], eslintChecked: null, sources: [], failed: [] };
  const go: Record<SourceName, () => Promise<SourceOutcome>> = {
    eslint: () => runEslint(o.eslint!, sc),
    tsc: () => runTsc(o.tsc!, { ...sc, changedFiles: null }),
    sarif: () => runSarif(o.sarif!, sc),
    checkstyle: () => runCheckstyle(o.checkstyle!, sc),
  };
  for (const name of names) {
    if (ctx.signal.aborted) return { error: `cancelled before the ${name} source ran`, tools: out.tools };
    let got: SourceOutcome;
    try {
      got = await go[name]();
    } catch (err) {
      got = { ok: false, reason: `${name}: ${errorMessage(err)}` };
    }
    if (!got.ok) {
      if (!keepGoing) return { error: got.reason, tools: out.tools };
      out.failed.push({ part: name, why: got.reason });
      continue;
    }
    // A message naming the workspace's absolute path would differ in the base's worktree and never match there.
    const relative = messagesRelativeTo(ctx.workspace);
    for (const f of got.findings) out.raw.push({ ...f, message: relative(f.message), source: name });
    Object.assign(out.tools, got.tools);
    out.notes.push(...got.notes);
    if (name === 'eslint' && got.partialScope) out.eslintChecked = got.partialScope;
    out.sources.push(name);
  }
  return out;
}

/** Fingerprints (sorted by place first, so occurrence indexes do not depend on tool output order). */
async function fingerprinted(stage: string, workspace: string, raw: Sourced[]): Promise<{ findings: Finding[]; sources: SourceName[] }> {
  raw.sort(byPlace);
  const prints = await fingerprintAll(raw, workspaceLineReader(workspace));
  const sources: SourceName[] = [];
  const findings = raw.map(({ source, ...r }, i): Finding => {
    sources.push(source);
    return { ...r, stage, fingerprint: prints[i]!, baseline: 'new', traceTo: [] };
  });
  return { findings, sources };
}

/**
 * Baseline entries a run that linted only the changed files could not judge again: ESLint's, on files it did not
 * lint. They are carried over as known (their files are as at the base), never called fixed nor dropped.
 */
function splitFixed(fixed: readonly Finding[], scope: EslintScope, changes: ChangeSet): { carried: Finding[]; fixed: Finding[] } {
  if (scope.kind !== 'changed') return { carried: [], fixed: [...fixed] };
  const judged = new Set<string>(scope.checked);
  for (const [p, f] of changes.files) {
    if (f.status === 'deleted') judged.add(p);
    if (f.oldPath) judged.add(f.oldPath);
  }
  const carried: Finding[] = [];
  const gone: Finding[] = [];
  for (const f of fixed) {
    const eslints = f.tool === undefined || f.tool.name === 'ESLint';
    if (eslints && !judged.has(f.location?.path ?? '')) carried.push({ ...f, baseline: 'unchanged', note: 'carried from the base: its file was not linted again' });
    else gone.push(f);
  }
  return { carried, fixed: gone };
}

/** What the base says, in a few words, for the reason. */
function baseWords(read: FindingBaselineRead, base: string | null): string {
  if (read.kind === 'ok') return `new against ${read.from}`;
  if (read.kind === 'unavailable') return `the base could not be judged (${read.why}): findings outside the change are of unknown age`;
  return base ? `no baseline of the base ${base.slice(0, 7)}: every finding is new` : 'no base commit: every finding is new';
}

async function run(ctx: StageContext<StaticAnalysisOptions>): Promise<StageOutcome> {
  const o = ctx.options;
  const changes = await ctx.changes();
  if (changes.base === null) ctx.logger.info(`no change set: ${changes.note ?? 'no base commit known'}; the whole workspace is judged`);
  const read = await readFindingBaseline(await ctx.baseline());
  if (read.kind === 'invalid') return { state: 'errored', reason: read.why };
  if (read.kind !== 'none') ctx.logger.info(`baseline: ${read.from}${read.kind === 'unavailable' ? ` could not be judged: ${read.why}` : ''}`);
  const unjudgedAtBase = new Map(read.kind === 'ok' ? read.unjudged.map((u) => [u.part, u.why]) : []);

  const scope = o.eslint ? eslintScope({ filter: o.filter, changes, onBaseBranch: ctx.source.onBaseBranch === true, read, eslintUnjudged: unjudgedAtBase.get('eslint') }) : null;
  if (scope && !scope.narrow && scope.why) ctx.logger.info(`eslint: linting the whole workspace: ${scope.why}`);
  const sc: SourceContext = {
    workspace: ctx.workspace,
    env: ctx.env,
    logger: ctx.logger,
    filter: o.filter,
    changedFiles: scope?.narrow ? changedFiles(changes) : null,
    maxReportBytes: o.maxReportBytes,
    runner: ctx.runner,
    signal: ctx.signal,
    toolCache: () => ctx.toolCache(),
    reads: ctx.reads,
  };
  const gathered = await gather(ctx, sc, configuredSources(o), false);
  if ('error' in gathered) return { state: 'errored', reason: gathered.error, tools: gathered.tools };
  const { tools, notes, sources } = gathered;
  const eslintScopeNow: EslintScope = sc.changedFiles ? { kind: 'changed', checked: gathered.eslintChecked ?? [], changed: sc.changedFiles.length } : { kind: 'whole' };

  const shown = changes.base !== null && o.filter !== 'nofilter';
  const printed = await fingerprinted(ctx.stage.id, ctx.workspace, gathered.raw);
  const marked = printed.findings.map((f) => (shown ? { ...f, inDiff: inChange(changes, o.filter, f.location?.path, f.location?.startLine) } : f));
  const compared = judgeAgainstBaseline(ctx.stage.id, marked, read, (_, i) => unjudgedAtBase.has(printed.sources[i]!));
  const { carried, fixed } = splitFixed(compared.fixed, eslintScopeNow, changes);
  const carriedShown = carried.map((f) => (shown ? { ...f, inDiff: false } : f));
  const findings = [...compared.findings, ...carriedShown];
  const newOnly = o.newOnly ?? true;
  const blocking = findings.filter((f) => blocksGate(f, { failOn: o.failOn, newOnly })).sort(compareFindings);

  for (const f of blocking.slice(0, SHOWN)) ctx.logger.error(describeFinding(f));
  if (blocking.length > SHOWN) ctx.logger.error(`… and ${blocking.length - SHOWN} more blocking finding(s) in findings.sarif`);

  const count = (state: Finding['baseline']) => findings.filter((f) => f.baseline === state).length;
  const outsideDiff = findings.filter((f) => f.inDiff === false).length;
  const counts: Record<string, unknown> = { blocking: blocking.length, new: count('new'), unchanged: count('unchanged'), unknownAge: count('unknown'), outsideDiff, fixed: fixed.length };
  if (eslintScopeNow.kind === 'changed') Object.assign(counts, { checked: eslintScopeNow.checked.length, carried: carried.length });
  // Linting only the changed files, none of which ESLint lints: every lintable file is as at the base, whose
  // findings are carried, so that is a judgement of the change (a whole lint of no file errors in the source).
  const judgedNothing = eslintScopeNow.kind === 'changed' && eslintScopeNow.checked.length === 0 && sources.length === 1;
  const scopeWords =
    eslintScopeNow.kind === 'changed'
      ? `eslint checked ${eslintScopeNow.checked.length} of ${eslintScopeNow.changed} changed file(s), the rest unchanged since the base (${carried.length} known finding(s) carried)`
      : '';
  const gateText = `failOn ${o.failOn}${newOnly ? ', new only' : ''}`;
  const what = `${findings.length} finding(s): ${count('unchanged')} known, ${count('unknown')} of unknown age, ${outsideDiff} outside the change (filter ${o.filter}), ${fixed.length} fixed`;
  let reason: string;
  if (blocking.length > 0) reason = `${blocking.length} blocking finding(s) (${gateText}; ${baseWords(read, changes.base ?? ctx.source.baseSha)}); first: ${describeFinding(blocking[0]!)}`;
  else if (judgedNothing) reason = `nothing to lint: none of the ${eslintScopeNow.changed} changed file(s) is one ESLint lints, the others are as at the base; ${carried.length} known finding(s) carried from it`;
  else reason = `no blocking finding (${gateText}; ${baseWords(read, changes.base ?? ctx.source.baseSha)}); ${what}${scopeWords ? `; ${scopeWords}` : ''}`;

  const baselineFile: FindingBaselineFile = { schema: 'andon.findings-baseline/v1', stage: ctx.stage.id, entries: findings.filter((f) => f.baseline !== 'absent').map(toBaselineEntry) };
  return {
    state: blocking.length > 0 ? 'failed' : 'passed',
    reason,
    tools,
    counts,
    findings: [...findings, ...fixed],
    baseline: baselineFile,
    result: {
      filter: o.filter,
      base: changes.base,
      failOn: o.failOn,
      newOnly,
      baseline: read.kind === 'ok' || read.kind === 'unavailable' ? read.from : null,
      ...(read.kind === 'unavailable' ? { baseUnjudged: read.why } : {}),
      ...(unjudgedAtBase.size > 0 ? { unjudgedAtBase: Object.fromEntries(unjudgedAtBase) } : {}),
      sources,
      scope: eslintScopeNow.kind === 'changed' ? { eslint: { checked: eslintScopeNow.checked, changed: eslintScopeNow.changed, carried: carried.length } } : { eslint: o.eslint ? 'whole' : null },
      judgedNothing,
      blocking: blocking.slice(0, 100).map(describeFinding),
      fixed: fixed.slice(0, 100).map(describeFinding),
      notes,
    },
  };
}

/** The base judged whole with the same options: ESLint and tsc run there; ingested reports cannot be made again. */
async function judgeAtBase(ctx: StageContext<StaticAnalysisOptions>): Promise<BaseJudgement> {
  const o = ctx.options;
  const sc: SourceContext = {
    workspace: ctx.workspace,
    env: ctx.env,
    logger: ctx.logger,
    filter: 'nofilter',
    changedFiles: null,
    maxReportBytes: o.maxReportBytes,
    runner: ctx.runner,
    signal: ctx.signal,
    toolCache: async () => null,
    reads: ctx.reads,
  };
  const names = configuredSources(o);
  const runnable = names.filter((n) => !INGESTED.includes(n));
  const gathered = await gather(ctx, sc, runnable, true);
  if ('error' in gathered) return { kind: 'unjudged', why: gathered.error };
  const unjudged = [...gathered.failed, ...names.filter((n) => INGESTED.includes(n)).map((part) => ({ part, why: NOT_AT_BASE }))];
  if (gathered.sources.length === 0) return { kind: 'unjudged', why: unjudged.map((u) => u.why).join('; ') };
  const { findings } = await fingerprinted(ctx.stage.id, ctx.workspace, gathered.raw);
  const baseline: FindingBaselineFile = { schema: 'andon.findings-baseline/v1', stage: ctx.stage.id, entries: findings.map(toBaselineEntry), ...(unjudged.length > 0 ? { unjudged } : {}) };
  return { kind: 'judged', baseline };
}

export const staticAnalysisStage: StageKind<StaticAnalysisOptions> = {
  name: 'static-analysis',
  description: STATIC_ANALYSIS_DESCRIPTION,
  options: StaticAnalysisOptions,
  async inputs(o, env) {
    const files = new Set<string>();
    const tools: Record<string, string> = {};
    // What configures the tools (config files, manifests, every lockfile) wherever it sits: a plugin or @types
    // upgraded through any package manager gives another result.
    if (o.eslint || o.tsc) for (const g of TOOL_CONFIG_GLOBS) files.add(g);
    if (o.eslint) {
      const d = o.eslint.cwd === '.' ? '' : `${o.eslint.cwd.replace(/\/$/, '')}/`;
      files.add(`${d}**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx,vue,svelte,json,md}`);
      if (o.eslint.config) files.add(o.eslint.config);
      tools.eslint = workspacePackageVersion(env.workspace, 'eslint') ?? 'missing';
    }
    if (o.tsc) {
      for (const g of ['**/*.{ts,cts,mts,tsx,js,cjs,mjs,jsx,json}']) files.add(g);
      tools.typescript = workspacePackageVersion(env.workspace, 'typescript') ?? 'missing';
    }
    for (const g of [...(o.sarif ?? []), ...(o.checkstyle ?? [])]) files.add(g);
    // What is new is judged against the base commit, and what is shown first against the change: the base keys it.
    return { files: [...files], tools, extra: { base: env.baseSha } };
  },
  run,
  judgeAtBase,
  notJudgedAtBase,
};
