// The `static-analysis` stage kind: gathers findings from ESLint, tsc, SARIF and checkstyle, marks the change, gates on new ones.
import type { ChangeSet } from '../../core/diff.js';
import { changedFiles, inChange } from '../../core/diff.js';
import { errorMessage } from '../../core/errors.js';
import { compareWithBaseline, readFindingBaseline, toBaselineFile, type FindingBaselineEntry } from '../../core/finding-baseline.js';
import { compareFindings, type Finding } from '../../core/findings.js';
import { fingerprintAll, workspaceLineReader } from '../../core/fingerprint.js';
import type { StageContext, StageKind, StageOutcome } from '../../core/stage-kind.js';
import { runCheckstyle } from './checkstyle-source.js';
import { runEslint } from './eslint-source.js';
import { blocks, describeFinding } from './gate.js';
import { STATIC_ANALYSIS_DESCRIPTION, StaticAnalysisOptions } from './options.js';
import { workspacePackageVersion } from './package-version.js';
import { runSarif } from './sarif-source.js';
import type { RawFinding, SourceContext, SourceOutcome } from './source.js';
import { runTsc } from './tsc-source.js';

const SHOWN = 20;

function byPlace(a: RawFinding, b: RawFinding): number {
  const pa = a.location?.path ?? '';
  const pb = b.location?.path ?? '';
  if (pa !== pb) return pa < pb ? -1 : 1;
  const d = (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0) || (a.location?.startColumn ?? 0) - (b.location?.startColumn ?? 0);
  if (d !== 0) return d;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Paths whose baseline entries this run can judge when some source covered only the changed files. */
function judgedPaths(partial: readonly (readonly string[])[], changes: ChangeSet | null): Set<string> {
  const judged = new Set<string>(partial.flat());
  for (const [p, f] of changes?.files ?? []) {
    if (f.status === 'deleted') judged.add(p);
    if (f.oldPath) judged.add(f.oldPath);
  }
  return judged;
}

type Gathered =
  | { ok: true; raw: RawFinding[]; tools: Record<string, string>; notes: string[]; partial: (readonly string[])[]; sources: string[] }
  | { ok: false; reason: string; tools: Record<string, string> };

/** Step: the findings of every configured source, in order; the first source that cannot do its job errors the stage. */
async function gather(ctx: StageContext<StaticAnalysisOptions>, sc: SourceContext): Promise<Gathered> {
  const o = ctx.options;
  const out: Extract<Gathered, { ok: true }> = { ok: true, raw: [], tools: {}, notes: [], partial: [], sources: [] };
  const sources: [string, () => Promise<SourceOutcome>][] = [];
  if (o.eslint) sources.push(['eslint', () => runEslint(o.eslint!, sc)]);
  if (o.tsc) sources.push(['tsc', () => runTsc(o.tsc!, sc)]);
  if (o.sarif) sources.push(['sarif', () => runSarif(o.sarif!, sc)]);
  if (o.checkstyle) sources.push(['checkstyle', () => runCheckstyle(o.checkstyle!, sc)]);
  for (const [name, go] of sources) {
    if (ctx.signal.aborted) return { ok: false, reason: `cancelled before the ${name} source ran`, tools: out.tools };
    let got: SourceOutcome;
    try {
      got = await go();
    } catch (err) {
      got = { ok: false, reason: `${name}: ${errorMessage(err)}` };
    }
    if (!got.ok) return { ok: false, reason: got.reason, tools: out.tools };
    out.raw.push(...got.findings);
    Object.assign(out.tools, got.tools);
    out.notes.push(...got.notes);
    if (got.partialScope) out.partial.push(got.partialScope);
    out.sources.push(name);
  }
  return out;
}

async function run(ctx: StageContext<StaticAnalysisOptions>): Promise<StageOutcome> {
  const o = ctx.options;
  const changes = o.filter === 'nofilter' ? null : await ctx.changes();
  if (changes && changes.base === null) ctx.logger.info(`filter ${o.filter} not applied: ${changes.note ?? 'no base commit known'}`);
  const narrow = changes !== null && changes.base !== null && (o.filter === 'file' || o.filter === 'added');
  const sc: SourceContext = {
    workspace: ctx.workspace,
    env: ctx.env,
    logger: ctx.logger,
    filter: o.filter,
    changedFiles: narrow ? changedFiles(changes) : null,
    maxReportBytes: o.maxReportBytes,
    reads: ctx.reads,
  };

  const gathered = await gather(ctx, sc);
  if (!gathered.ok) return { state: 'errored', reason: gathered.reason, tools: gathered.tools };
  const { raw, tools, notes, partial, sources } = gathered;

  const baseline = await readFindingBaseline(await ctx.baseline());
  if (baseline.kind === 'invalid') return { state: 'errored', reason: baseline.why, tools };
  const known = baseline.kind === 'ok' ? baseline.entries : null;

  // Sorted by place first so occurrence indexes of the fingerprints do not depend on tool output order.
  raw.sort(byPlace);
  const prints = await fingerprintAll(raw, workspaceLineReader(ctx.workspace));
  const marked: Finding[] = raw.map((r, i) => ({
    ...r,
    stage: ctx.stage.id,
    fingerprint: prints[i]!,
    baseline: 'new',
    traceTo: [],
    ...(changes && changes.base !== null ? { inDiff: inChange(changes, o.filter, r.location?.path, r.location?.startLine) } : {}),
  }));

  // A source that covered only the changed files cannot say whether findings elsewhere were fixed: carry them over.
  const judged = partial.length > 0 ? judgedPaths(partial, changes) : null;
  let carried: FindingBaselineEntry[] = [];
  let entries = known;
  if (entries && judged) {
    carried = entries.filter((e) => e.path === undefined || !judged.has(e.path));
    entries = entries.filter((e) => e.path !== undefined && judged.has(e.path));
  }
  const compared = compareWithBaseline(ctx.stage.id, marked, entries);
  const findings = compared.findings;
  const newOnly = o.newOnly ?? known !== null;
  const blocking = findings.filter((f) => blocks(f, { failOn: o.failOn, newOnly })).sort(compareFindings);
  const outsideDiff = findings.filter((f) => f.inDiff === false).length;
  const unchanged = findings.filter((f) => f.baseline === 'unchanged').length;

  for (const f of blocking.slice(0, SHOWN)) ctx.logger.error(describeFinding(f));
  if (blocking.length > SHOWN) ctx.logger.error(`… and ${blocking.length - SHOWN} more blocking finding(s) in findings.sarif`);

  const baselineFile = toBaselineFile(ctx.stage.id, findings);
  baselineFile.entries.push(...carried);
  const what = `${findings.length} finding(s): ${unchanged} known, ${outsideDiff} outside the change (filter ${o.filter}), ${compared.fixed.length} fixed`;
  const gateText = `failOn ${o.failOn}${newOnly ? ', new only' : ''}`;
  const reason =
    blocking.length > 0
      ? `${blocking.length} blocking finding(s) (${gateText}); first: ${describeFinding(blocking[0]!)}`
      : `no blocking finding (${gateText}); ${what}`;
  return {
    state: blocking.length > 0 ? 'failed' : 'passed',
    reason,
    tools,
    counts: { blocking: blocking.length, unchanged, outsideDiff, fixed: compared.fixed.length },
    findings: [...findings, ...compared.fixed],
    baseline: baselineFile,
    result: {
      filter: o.filter,
      base: changes?.base ?? null,
      failOn: o.failOn,
      newOnly,
      baseline: baseline.kind === 'ok' ? baseline.from : null,
      sources,
      scope: judged ? { partial: true, files: [...judged].sort() } : { partial: false },
      blocking: blocking.slice(0, 100).map(describeFinding),
      fixed: compared.fixed.slice(0, 100).map(describeFinding),
      notes,
    },
  };
}

export const staticAnalysisStage: StageKind<StaticAnalysisOptions> = {
  name: 'static-analysis',
  description: STATIC_ANALYSIS_DESCRIPTION,
  options: StaticAnalysisOptions,
  async inputs(o, env) {
    const files = new Set<string>();
    const tools: Record<string, string> = {};
    if (o.eslint) {
      const d = o.eslint.cwd === '.' ? '' : `${o.eslint.cwd.replace(/\/$/, '')}/`;
      for (const g of ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx,vue,svelte,json,md}', '**/.eslintrc*', '**/.eslintignore', 'package.json']) files.add(d + g);
      if (o.eslint.config) files.add(o.eslint.config);
      tools.eslint = workspacePackageVersion(env.workspace, 'eslint') ?? 'missing';
    }
    if (o.tsc) {
      for (const g of ['**/*.{ts,cts,mts,tsx,js,cjs,mjs,jsx,json}']) files.add(g);
      tools.typescript = workspacePackageVersion(env.workspace, 'typescript') ?? 'missing';
    }
    for (const g of [...(o.sarif ?? []), ...(o.checkstyle ?? [])]) files.add(g);
    // Outside nofilter the result depends on what the change is: the base commit keys it too.
    return { files: [...files], tools, ...(o.filter !== 'nofilter' ? { extra: { base: env.baseSha } } : {}) };
  },
  run,
};
