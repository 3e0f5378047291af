// The `uses: spec` stage kind: validates the spec set, traces requirements to the tests of this run, checks change linkage.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { BaseJudgement, StageCompletion, StageContext, StageKind, StageOutcome, StageView } from '../../core/stage-kind.js';
import { inChange } from '../../core/diff.js';
import { describeRefusal } from '../../core/guarded-read.js';
import { readStageFolderFile } from '../../core/stage-folder.js';
import { compareFindings, Finding } from '../../core/findings.js';
import { blocksGate, judgeAgainstBaseline, readFindingBaseline, toBaselineFile, type FindingBaselineRead } from '../../core/finding-baseline.js';
import { fingerprintAll, workspaceLineReader } from '../../core/fingerprint.js';
import { DEFAULT_LEXICON, SpecOptions, SPEC_DESCRIPTION } from './options.js';
import { Requirement, type DraftFinding, type SpecFile, type SpecFormat } from './model.js';
import { collectSpecFiles, specInputGlobs, specPaths, type Collected } from './spec-files.js';
import { emptyRead, mergeReads, type FormatRead } from './format-result.js';
import { andonIdPattern, readAndonSpec } from './andon-format.js';
import { isSpecKitPath, readSpecKitFeature, specKitFeature, specKitRole } from './spec-kit-format.js';
import { openSpecRoot, readOpenSpecRoot, type OpenSpecRead } from './openspec-format.js';
import { ambiguousWording, brokenFileLinks, brokenIdRefs, duplicateIds, emptySections, missingCriteria } from './quality-rules.js';
import { buildMatrix, coverageFindings, isRegression, readRegressionTests, type Matrix } from './traceability.js';
import { asGlob, checkChangeLinkage, type LinkageResult } from './change-linkage.js';
import { RULES, resolveLevel, unknownRuleIds } from './rules.js';

export { SpecOptions } from './options.js';

const MODEL_FILE = 'spec-model.json';
const TRACE_FILE = 'traceability.json';
/** Rules judged against this run's tests: at the base no test ran, so their findings there are not known. */
const TRACE_RULES = ['spec/uncovered', 'spec/failing', 'spec/unknown-trace'];

/** What run() leaves in the stage folder for complete() to finish the trace matrix from. */
const SpecModel = z.object({
  schema: z.literal('andon.spec-model/v1'),
  tracePending: z.boolean(),
  result: z.looseObject({ traceability: z.record(z.string(), z.unknown()).optional() }),
  counts: z.record(z.string(), z.unknown()),
  requirements: z.array(Requirement),
  /** The findings of run(): the engine replaces findings.sarif with what complete() returns, so it returns them all. */
  findings: z.array(Finding),
});
type SpecModel = z.infer<typeof SpecModel>;

/** Which format reads a file: the configured one, or (auto) the one its place and opening say. */
function detect(file: SpecFile, format: SpecOptions['format']): SpecFormat | null {
  if (format !== 'auto') return format;
  if (openSpecRoot(file.path) !== null) return 'openspec';
  const frontMatter = file.lines[0]?.trim() === '---';
  // A dated folder (2024-notes/) is not a spec-kit feature when the file is an Andon spec of its own.
  if (isSpecKitPath(file.path) && (!frontMatter || specKitRole(file.path) !== 'other')) return 'spec-kit';
  if (frontMatter) return 'andon';
  return null;
}

function explicitOpenSpecRoot(p: string, configured: readonly string[]): string {
  const auto = openSpecRoot(p);
  if (auto !== null) return auto;
  const prefixes = configured.map((c) => c.replace(/^\.\//, '').replace(/\/+$/, '')).filter((c) => p.startsWith(`${c}/`));
  prefixes.sort((a, b) => b.length - a.length);
  return prefixes[0] ?? '';
}

/** Drafts as findings: levels after the user's overrides, located, fingerprinted; baseline state still "new". */
async function toFindings(ctx: StageContext<SpecOptions>, drafts: readonly DraftFinding[]): Promise<Finding[]> {
  const o = ctx.options;
  const kept: Omit<Finding, 'fingerprint' | 'baseline'>[] = [];
  for (const d of drafts) {
    const override = o.rules[d.ruleId];
    if (override === 'off') continue;
    const level = override ?? d.level ?? resolveLevel(d.ruleId, {});
    if (!level) continue;
    kept.push({
      stage: ctx.stage.id,
      ruleId: d.ruleId,
      level,
      message: d.message,
      traceTo: d.traceTo ?? [],
      ...(d.place
        ? {
            location: {
              path: d.place.path,
              startLine: d.place.line,
              ...(d.place.column ? { startColumn: d.place.column } : {}),
              ...(d.place.endColumn ? { endLine: d.place.line, endColumn: d.place.endColumn } : {}),
            },
          }
        : {}),
      ...(d.note ? { note: d.note } : {}),
    });
  }
  const prints = await fingerprintAll(kept, workspaceLineReader(ctx.workspace));
  return kept.map((f, i) => ({ ...f, fingerprint: prints[i]!, baseline: 'new' }));
}

/**
 * Marked against the base: in the change when their file is touched (what is shown first, and what decides for a base
 * that could not be judged), then new, known or of unknown age (a rule the base was not judged for).
 */
async function againstBaseline(ctx: StageContext<SpecOptions>, findings: readonly Finding[], read: FindingBaselineRead): Promise<Finding[]> {
  const changes = await ctx.changes();
  const marked = changes.base === null ? findings : findings.map((f) => ({ ...f, inDiff: inChange(changes, 'file', f.location?.path) }));
  const unjudged = new Set(read.kind === 'ok' ? read.unjudged.map((u) => u.part) : []);
  const compared = judgeAgainstBaseline(ctx.stage.id, marked, read, (f) => unjudged.has(f.ruleId));
  return [...compared.findings.sort(compareFindings), ...compared.fixed];
}

/** The baseline to compare with, or why it cannot be used (the stage errors then). */
async function loadBaseline(ctx: StageContext<SpecOptions>): Promise<FindingBaselineRead | { invalid: string }> {
  const read = await readFindingBaseline(await ctx.baseline());
  return read.kind === 'invalid' ? { invalid: read.why } : read;
}

function blocking(findings: readonly Finding[], o: SpecOptions): Finding[] {
  if (o.failOn === 'none') return [];
  const rule = { failOn: o.failOn, newOnly: o.newOnly };
  return findings.filter((f) => blocksGate(f, rule));
}

function traceDoc(matrix: Matrix | null, o: SpecOptions, sources: string[], completedAtEndOfLine: boolean, pending: boolean, note?: string): unknown {
  return {
    schema: 'andon.traceability/v1',
    requireCoverage: o.requireCoverage,
    completedAtEndOfLine,
    pending,
    sources,
    ...(note ? { note } : {}),
    counts: matrix?.counts ?? null,
    requirements: matrix?.rows ?? [],
    unknownTraces: matrix?.unknown ?? [],
  };
}

/** Why the files found cannot be validated as a spec set; null when they can. */
function unusable(ctx: StageContext<SpecOptions>, collected: Collected, paths: readonly string[]): string | null {
  const o = ctx.options;
  if (collected.refused.length > 0) return `spec path(s) outside the workspace refused: ${collected.refused.join(', ')}`;
  if (collected.missing.length > 0) return `spec folder(s) not found: ${collected.missing.map((m) => path.join(ctx.workspace, m)).join(', ')} (with.paths); nothing was validated`;
  if (collected.truncated) return `more than ${o.maxFiles} spec files under ${paths.join(', ')} (with.maxFiles); refusing to validate a partial set`;
  if (collected.files.length === 0 && collected.problems.length === 0) return `no Markdown spec files under ${paths.join(', ')}; nothing was validated`;
  return null;
}

/** The spec set as its formats read it. */
interface SpecSet {
  read: FormatRead;
  byFormat: Record<SpecFormat, number>;
  ignored: string[];
  openspecItems: OpenSpecRead['items'];
}

function addTo(groups: Map<string, SpecFile[]>, key: string, file: SpecFile): void {
  const list = groups.get(key) ?? [];
  list.push(file);
  groups.set(key, list);
}

/** Step: every file read in its format (spec-kit features and OpenSpec roots as wholes). */
function readSpecSet(ctx: StageContext<SpecOptions>, collected: Collected, paths: readonly string[]): SpecSet {
  const o = ctx.options;
  const set: SpecSet = { read: emptyRead(), byFormat: { andon: 0, 'spec-kit': 0, openspec: 0 }, ignored: [], openspecItems: [] };
  const features = new Map<string, SpecFile[]>();
  const roots = new Map<string, SpecFile[]>();
  const ids = andonIdPattern(o.idPrefixes);
  for (const file of collected.files) {
    const format = detect(file, o.format);
    if (!format) {
      set.ignored.push(file.path);
      continue;
    }
    set.byFormat[format]++;
    if (format === 'andon') mergeReads(set.read, readAndonSpec(file, ids));
    else if (format === 'spec-kit') addTo(features, specKitFeature(file.path), file);
    else addTo(roots, o.format === 'openspec' ? explicitOpenSpecRoot(file.path, paths) : openSpecRoot(file.path)!, file);
  }
  const known = new Set(collected.files.map((f) => f.path));
  for (const [feature, files] of features) mergeReads(set.read, readSpecKitFeature(feature, files, { known, clarifyOverride: o.rules['spec/needs-clarification'] !== undefined }));
  for (const [root, files] of roots) {
    const r = readOpenSpecRoot(root, files, collected.side);
    mergeReads(set.read, r);
    set.openspecItems.push(...r.items);
  }
  if (set.ignored.length > 0) ctx.logger.info(`${set.ignored.length} Markdown file(s) in no known spec format were not validated (e.g. ${set.ignored.slice(0, 3).join(', ')})`);
  return set;
}

/** Step: the rules every format shares, over the whole set. */
async function sharedRuleDrafts(ctx: StageContext<SpecOptions>, collected: Collected, read: FormatRead): Promise<DraftFinding[]> {
  const o = ctx.options;
  const lexicon = [...(o.lexicon ?? DEFAULT_LEXICON), ...o.lexiconAdd];
  return [
    ...collected.problems,
    ...read.findings,
    ...duplicateIds(read.requirements, read.docs),
    ...brokenIdRefs(read.refs, read.requirements),
    ...(await brokenFileLinks(ctx.workspace, read.prose)),
    ...ambiguousWording(read.prose, lexicon),
    ...emptySections(read.prose),
    ...missingCriteria(read.requirements),
  ];
}

interface EarlyTrace {
  matrix: Matrix | null;
  sources: string[];
  /** No regression stage ran before this one: the matrix is completed at the end of the line. */
  pending: boolean;
  drafts: DraftFinding[];
}

/** Step: traceability from the regression stages that already ran. */
async function traceEarlierTests(ctx: StageContext<SpecOptions>, requirements: readonly Requirement[]): Promise<EarlyTrace> {
  const o = ctx.options;
  const earlierRegs = ctx.earlier.filter((v) => isRegression(v, o.regressionStages) && (v.state === 'passed' || v.state === 'failed'));
  if (earlierRegs.length === 0) return { matrix: null, sources: [], pending: true, drafts: [] };
  const tests = await readRegressionTests(earlierRegs);
  for (const p of tests.problems) ctx.logger.warn(p);
  const matrix = buildMatrix(requirements, tests.tests);
  return { matrix, sources: tests.stages, pending: false, drafts: coverageFindings(matrix, o.requireCoverage) };
}

/** Step: change linkage (code changed without its spec), when configured. */
async function linkChanges(ctx: StageContext<SpecOptions>, paths: readonly string[]): Promise<LinkageResult | null> {
  const o = ctx.options;
  if (!o.changes) return null;
  const specGlobs = o.changes.specPaths ?? [...paths, 'openspec/changes/**', '**/openspec/changes/**'];
  const linkage = checkChangeLinkage(await ctx.changes(), o.changes.paths, specGlobs, o.changes.level);
  if (linkage.note) ctx.logger.info(`change linkage: ${linkage.note}`);
  return linkage;
}

function specResult(o: SpecOptions, set: SpecSet, trace: EarlyTrace, linkage: LinkageResult | null): SpecModel['result'] {
  const items = set.openspecItems;
  const openspec =
    items.length > 0
      ? {
          items: items.length,
          passed: items.filter((i) => i.valid).length,
          failed: items.filter((i) => !i.valid).length,
          verdicts: items.map((i) => ({ root: i.root, id: i.id, type: i.type, valid: i.valid })),
        }
      : null;
  return {
    schema: 'andon.spec-result/v1',
    formats: set.byFormat,
    ignored: set.ignored,
    specs: set.read.docs,
    openspec,
    traceability: {
      file: TRACE_FILE,
      requireCoverage: o.requireCoverage,
      sources: trace.sources,
      pending: trace.pending,
      completedAtEndOfLine: false,
      ...(trace.pending ? { note: 'no regression stage ran before this one: the matrix is completed at the end of the line' } : {}),
    },
    changeLinkage: linkage ? { checked: linkage.checked, note: linkage.note, codeChanged: linkage.codeChanged, specChanged: linkage.specChanged } : null,
  };
}

async function run(ctx: StageContext<SpecOptions>): Promise<StageOutcome> {
  const o = ctx.options;
  const unknown = unknownRuleIds(o.rules);
  if (unknown.length > 0) {
    return { state: 'errored', reason: `unknown rule id(s) in with.rules: ${unknown.join(', ')} (known: ${RULES.map((r) => r.id).join(', ')})` };
  }
  const where = specPaths(ctx.workspace, o);
  if (!where.ok) return { state: 'errored', reason: `${where.why}; nothing was validated` };
  const { paths } = where;
  if (where.discovered) ctx.logger.info(`specs read from ${paths.map((p) => `${p}/`).join(', ')} (found; with.paths not set)`);
  const collected = await collectSpecFiles(ctx.workspace, paths, { maxFileBytes: o.maxFileBytes, maxFiles: o.maxFiles });
  const refused = unusable(ctx, collected, paths);
  if (refused) return { state: 'errored', reason: refused };
  const set = readSpecSet(ctx, collected, paths);
  const drafts = await sharedRuleDrafts(ctx, collected, set.read);
  const trace = await traceEarlierTests(ctx, set.read.requirements);
  drafts.push(...trace.drafts);
  const linkage = await linkChanges(ctx, paths);
  if (linkage?.finding) drafts.push(linkage.finding);

  const baseline = await loadBaseline(ctx);
  if ('invalid' in baseline) return { state: 'errored', reason: baseline.invalid };
  const findings = await againstBaseline(ctx, await toFindings(ctx, drafts), baseline);
  const { read } = set;
  const counts = {
    specs: read.docs.length,
    requirements: read.requirements.length,
    covered: trace.matrix?.counts.covered ?? null,
    uncovered: trace.matrix?.counts.uncovered ?? null,
    failing: trace.matrix?.counts.failing ?? null,
  };
  const result = specResult(o, set, trace, linkage);
  await writeFile(path.join(ctx.outDir, TRACE_FILE), JSON.stringify(traceDoc(trace.matrix, o, trace.sources, false, trace.pending), null, 2));
  const model: SpecModel = { schema: 'andon.spec-model/v1', tracePending: trace.pending, result, counts, requirements: read.requirements, findings };
  await writeFile(path.join(ctx.outDir, MODEL_FILE), JSON.stringify(model));

  const failing = blocking(findings, o);
  const errors = findings.filter((f) => f.level === 'error' && f.baseline !== 'absent').length;
  const summary = `${read.docs.length} spec(s), ${read.requirements.length} requirement(s)`;
  return {
    state: failing.length > 0 ? 'failed' : 'passed',
    reason: failing.length > 0 ? `${failing.length} blocking finding(s) (${errors} error(s)) in ${summary}; first: ${failing[0]!.message}` : `${summary}, no blocking findings`,
    counts,
    findings,
    result,
    baseline: toBaselineFile(ctx.stage.id, findings),
  };
}

async function complete(ctx: StageContext<SpecOptions>, line: readonly StageView[]): Promise<StageCompletion | null> {
  const o = ctx.options;
  // Never through a link, a FIFO or a device: the stage folder holds what run() wrote, or nothing is completed.
  const read = readStageFolderFile(ctx.outDir, MODEL_FILE);
  if (read.kind === 'missing') return null; // run() did not get as far as reading the specs: nothing to complete
  if (read.kind !== 'ok') {
    ctx.logger.warn(`${MODEL_FILE} ${describeRefusal(read)}: the traceability matrix is not completed`);
    return null;
  }
  // Written by run() just before: one that does not parse is a bug, and the engine reports it.
  const model = SpecModel.parse(JSON.parse(read.bytes.toString('utf8')));
  if (!model.tracePending) return null;
  const me = line.findIndex((v) => v.id === ctx.stage.id);
  const later = line.filter((v, i) => i > me && isRegression(v, o.regressionStages));
  const ran = later.filter((v) => v.state === 'passed' || v.state === 'failed');
  const trace = model.result.traceability ?? {};
  if (later.length > 0 && ran.length === 0) {
    const note = `regression stage(s) ${later.map((v) => `${v.id} (${v.state})`).join(', ')} did not run: no test results to trace`;
    await writeFile(path.join(ctx.outDir, TRACE_FILE), JSON.stringify(traceDoc(null, o, [], true, false, note), null, 2));
    return { result: { ...model.result, traceability: { ...trace, pending: false, completedAtEndOfLine: true, note } } };
  }
  const tests = await readRegressionTests(ran);
  for (const p of tests.problems) ctx.logger.warn(p);
  const matrix = buildMatrix(model.requirements, tests.tests);
  const drafts = coverageFindings(matrix, o.requireCoverage);
  // Every finding of the stage, compared with the baseline together, so findings.sarif and baseline.json stay whole
  // when the engine rewrites them from what complete() returns.
  const earlier = model.findings.filter((f) => f.baseline !== 'absent').map((f) => ({ ...f, baseline: 'new' as const }));
  // The same baseline bytes as run() had (the inputs digest holds them): one run() could not use never gets here.
  const baseline = await loadBaseline(ctx);
  if ('invalid' in baseline) return null;
  const findings = await againstBaseline(ctx, [...earlier, ...(await toFindings(ctx, drafts))], baseline);
  const failing = blocking(findings, o);
  const note = ran.length === 0 ? 'no regression stage in the line: every requirement is uncovered' : undefined;
  await writeFile(path.join(ctx.outDir, TRACE_FILE), JSON.stringify(traceDoc(matrix, o, tests.stages, true, false, note), null, 2));
  const counts = { ...model.counts, ...matrix.counts };
  return {
    counts,
    result: { ...model.result, traceability: { ...trace, sources: tests.stages, pending: false, completedAtEndOfLine: true, ...(note ? { note } : {}) } },
    findings,
    baseline: toBaselineFile(ctx.stage.id, findings),
    ...(failing.length > 0
      ? { state: 'failed' as const, reason: `traceability completed at the end of the line: ${failing.length} blocking finding(s); first: ${failing[0]!.message}` }
      : {}),
  };
}

/** The spec set judged at the base with the same options; the rules that need this run's tests are not judged there. */
async function judgeAtBase(ctx: StageContext<SpecOptions>): Promise<BaseJudgement> {
  const outcome = await run(ctx);
  if (outcome.baseline === undefined) return { kind: 'unjudged', why: outcome.reason };
  const why = 'judged against the tests of a run, and no test runs at the base';
  return { kind: 'judged', baseline: { ...(outcome.baseline as object), unjudged: TRACE_RULES.map((part) => ({ part, why })) } };
}

export const specStage: StageKind<SpecOptions> = {
  name: 'spec',
  description: SPEC_DESCRIPTION,
  options: SpecOptions,
  async inputs(options) {
    // Traceability reads this run's test results and change linkage reads the diff: neither is in the files.
    if (options.changes || options.requireCoverage !== 'none') return null;
    return { files: specInputGlobs(options).map(asGlob), extra: { rules: RULES.map((r) => `${r.id}:${r.level}`) } };
  },
  run,
  complete,
  judgeAtBase,
};
