// The `uses: spec` stage kind: validates the spec set, traces requirements to the tests of this run, checks change linkage.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StageCompletion, StageContext, StageKind, StageOutcome, StageView } from '../../core/stage-kind.js';
import type { Finding, Level } from '../../core/findings.js';
import { compareFindings } from '../../core/findings.js';
import { compareWithBaseline, FindingBaselineFile, toBaselineFile, type FindingBaselineEntry } from '../../core/finding-baseline.js';
import { fingerprintAll, workspaceLineReader } from '../../core/fingerprint.js';
import { errorMessage } from '../../core/errors.js';
import { DEFAULT_LEXICON, SpecOptions, SPEC_DESCRIPTION } from './options.js';
import type { DraftFinding, Requirement, SpecFile, SpecFormat } from './model.js';
import { collectSpecFiles, specInputGlobs, specPaths } from './spec-files.js';
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
const levelRank: Record<Level, number> = { error: 0, warning: 1, note: 2 };

interface SpecModel {
  schema: 'andon.spec-model/v1';
  tracePending: boolean;
  result: Record<string, unknown>;
  counts: Record<string, unknown>;
  requirements: Requirement[];
  /** The findings of run(): the engine replaces findings.sarif with what complete() returns, so it returns them all. */
  findings: Finding[];
}

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

function againstBaseline(ctx: StageContext<SpecOptions>, findings: readonly Finding[], baseline: readonly FindingBaselineEntry[] | null): Finding[] {
  const compared = compareWithBaseline(ctx.stage.id, findings, baseline);
  return [...compared.findings.sort(compareFindings), ...compared.fixed];
}

async function loadBaseline(ctx: StageContext<SpecOptions>): Promise<FindingBaselineEntry[] | null> {
  const ref = await ctx.baseline();
  if (!ref) return null;
  const buf = await ref.read('baseline.json');
  if (!buf) return null;
  try {
    const parsed = FindingBaselineFile.safeParse(JSON.parse(buf.toString('utf8')));
    if (parsed.success) return parsed.data.entries;
    ctx.logger.warn(`baseline from ${ref.description} is not a findings baseline; every finding counts as new`);
  } catch (e) {
    ctx.logger.warn(`baseline from ${ref.description} is not JSON (${errorMessage(e)}); every finding counts as new`);
  }
  return null;
}

function blocking(findings: readonly Finding[], o: SpecOptions): Finding[] {
  if (o.failOn === 'none') return [];
  const limit = levelRank[o.failOn];
  return findings.filter((f) => f.baseline !== 'absent' && (!o.newOnly || f.baseline === 'new') && levelRank[f.level] <= limit);
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

async function run(ctx: StageContext<SpecOptions>): Promise<StageOutcome> {
  const o = ctx.options;
  const unknown = unknownRuleIds(o.rules);
  if (unknown.length > 0) {
    return { state: 'errored', reason: `unknown rule id(s) in with.rules: ${unknown.join(', ')} (known: ${RULES.map((r) => r.id).join(', ')})` };
  }
  const where = specPaths(ctx.workspace, o);
  if (!where.ok) return { state: 'errored', reason: `${where.why}; nothing was validated` };
  const paths = where.paths;
  if (where.discovered) ctx.logger.info(`specs read from ${paths.map((p) => `${p}/`).join(', ')} (found; with.paths not set)`);
  const collected = await collectSpecFiles(ctx.workspace, paths, { maxFileBytes: o.maxFileBytes, maxFiles: o.maxFiles });
  if (collected.refused.length > 0) return { state: 'errored', reason: `spec path(s) outside the workspace refused: ${collected.refused.join(', ')}` };
  if (collected.missing.length > 0) {
    return { state: 'errored', reason: `spec folder(s) not found: ${collected.missing.map((m) => path.join(ctx.workspace, m)).join(', ')} (with.paths); nothing was validated` };
  }
  if (collected.truncated) return { state: 'errored', reason: `more than ${o.maxFiles} spec files under ${paths.join(', ')} (with.maxFiles); refusing to validate a partial set` };
  if (collected.files.length === 0 && collected.problems.length === 0) {
    return { state: 'errored', reason: `no Markdown spec files under ${paths.join(', ')}; nothing was validated` };
  }

  // Read every file in its format.
  const read: FormatRead = emptyRead();
  const byFormat: Record<SpecFormat, number> = { andon: 0, 'spec-kit': 0, openspec: 0 };
  const ignored: string[] = [];
  const features = new Map<string, SpecFile[]>();
  const roots = new Map<string, SpecFile[]>();
  const ids = andonIdPattern(o.idPrefixes);
  for (const file of collected.files) {
    const format = detect(file, o.format);
    if (!format) {
      ignored.push(file.path);
      continue;
    }
    byFormat[format]++;
    if (format === 'andon') mergeReads(read, readAndonSpec(file, ids));
    else if (format === 'spec-kit') {
      const feature = specKitFeature(file.path);
      const list = features.get(feature) ?? [];
      list.push(file);
      features.set(feature, list);
    } else {
      const root = o.format === 'openspec' ? explicitOpenSpecRoot(file.path, paths) : openSpecRoot(file.path)!;
      const list = roots.get(root) ?? [];
      list.push(file);
      roots.set(root, list);
    }
  }
  const known = new Set(collected.files.map((f) => f.path));
  for (const [feature, files] of features) mergeReads(read, readSpecKitFeature(feature, files, { known, clarifyOverride: o.rules['spec/needs-clarification'] !== undefined }));
  const openspecItems: OpenSpecRead['items'] = [];
  for (const [root, files] of roots) {
    const r = readOpenSpecRoot(root, files, collected.side);
    mergeReads(read, r);
    openspecItems.push(...r.items);
  }
  if (ignored.length > 0) ctx.logger.info(`${ignored.length} Markdown file(s) in no known spec format were not validated (e.g. ${ignored.slice(0, 3).join(', ')})`);

  // Shared rules.
  const lexicon = [...(o.lexicon ?? DEFAULT_LEXICON), ...o.lexiconAdd];
  const drafts: DraftFinding[] = [
    ...collected.problems,
    ...read.findings,
    ...duplicateIds(read.requirements, read.docs),
    ...brokenIdRefs(read.refs, read.requirements),
    ...(await brokenFileLinks(ctx.workspace, read.prose)),
    ...ambiguousWording(read.prose, lexicon),
    ...emptySections(read.prose),
    ...missingCriteria(read.requirements),
  ];

  // Traceability from regression stages that already ran; otherwise completed at the end of the line.
  const earlierRegs = ctx.earlier.filter((v) => isRegression(v, o.regressionStages) && (v.state === 'passed' || v.state === 'failed'));
  let matrix: Matrix | null = null;
  let sources: string[] = [];
  const tracePending = earlierRegs.length === 0;
  if (!tracePending) {
    const tests = await readRegressionTests(earlierRegs);
    for (const p of tests.problems) ctx.logger.warn(p);
    sources = tests.stages;
    matrix = buildMatrix(read.requirements, tests.tests);
    drafts.push(...coverageFindings(matrix, o.requireCoverage));
  }

  // Change linkage.
  let linkage: LinkageResult | null = null;
  if (o.changes) {
    const specGlobs = o.changes.specPaths ?? [...paths, 'openspec/changes/**', '**/openspec/changes/**'];
    linkage = checkChangeLinkage(await ctx.changes(), o.changes.paths, specGlobs, o.changes.level);
    if (linkage.note) ctx.logger.info(`change linkage: ${linkage.note}`);
    if (linkage.finding) drafts.push(linkage.finding);
  }

  const findings = againstBaseline(ctx, await toFindings(ctx, drafts), await loadBaseline(ctx));
  const failing = blocking(findings, o);
  const counts = {
    specs: read.docs.length,
    requirements: read.requirements.length,
    covered: matrix?.counts.covered ?? null,
    uncovered: matrix?.counts.uncovered ?? null,
    failing: matrix?.counts.failing ?? null,
  };
  const openspec = openspecItems.length > 0
    ? {
        items: openspecItems.length,
        passed: openspecItems.filter((i) => i.valid).length,
        failed: openspecItems.filter((i) => !i.valid).length,
        verdicts: openspecItems.map((i) => ({ root: i.root, id: i.id, type: i.type, valid: i.valid })),
      }
    : null;
  const result: Record<string, unknown> = {
    schema: 'andon.spec-result/v1',
    formats: byFormat,
    ignored,
    specs: read.docs,
    openspec,
    traceability: {
      file: TRACE_FILE,
      requireCoverage: o.requireCoverage,
      sources,
      pending: tracePending,
      completedAtEndOfLine: false,
      ...(tracePending ? { note: 'no regression stage ran before this one: the matrix is completed at the end of the line' } : {}),
    },
    changeLinkage: linkage ? { checked: linkage.checked, note: linkage.note, codeChanged: linkage.codeChanged, specChanged: linkage.specChanged } : null,
  };
  await writeFile(path.join(ctx.outDir, TRACE_FILE), JSON.stringify(traceDoc(matrix, o, sources, false, tracePending), null, 2));
  const model: SpecModel = { schema: 'andon.spec-model/v1', tracePending, result, counts, requirements: read.requirements, findings };
  await writeFile(path.join(ctx.outDir, MODEL_FILE), JSON.stringify(model));

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
  let model: SpecModel;
  try {
    model = JSON.parse(await readFile(path.join(ctx.outDir, MODEL_FILE), 'utf8')) as SpecModel;
  } catch {
    return null; // run() did not get as far as reading the specs: nothing to complete
  }
  if (!model.tracePending) return null;
  const me = line.findIndex((v) => v.id === ctx.stage.id);
  const later = line.filter((v, i) => i > me && isRegression(v, o.regressionStages));
  const ran = later.filter((v) => v.state === 'passed' || v.state === 'failed');
  const trace = (model.result.traceability ?? {}) as Record<string, unknown>;
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
  const findings = againstBaseline(ctx, [...earlier, ...(await toFindings(ctx, drafts))], await loadBaseline(ctx));
  const failing = blocking(findings, o);
  await writeFile(path.join(ctx.outDir, 'baseline.json'), JSON.stringify(toBaselineFile(ctx.stage.id, findings)));
  const note = ran.length === 0 ? 'no regression stage in the line: every requirement is uncovered' : undefined;
  await writeFile(path.join(ctx.outDir, TRACE_FILE), JSON.stringify(traceDoc(matrix, o, tests.stages, true, false, note), null, 2));
  const counts = { ...model.counts, ...matrix.counts };
  return {
    counts,
    result: { ...model.result, traceability: { ...trace, sources: tests.stages, pending: false, completedAtEndOfLine: true, ...(note ? { note } : {}) } },
    findings,
    ...(failing.length > 0
      ? { state: 'failed' as const, reason: `traceability completed at the end of the line: ${failing.length} blocking finding(s); first: ${failing[0]!.message}` }
      : {}),
  };
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
};
