// Reads SARIF 2.1.0 logs from any tool and maps their results to findings, resolving uriBaseId and file:// URIs.
import path from 'node:path';
import { errorMessage } from '../../core/errors.js';
import { MAX_POSITION, type Level, type ToolInfo } from '../../core/findings.js';
import type { RawFinding, SourceContext, SourceOutcome } from './source.js';
import { readReports, type ReportFile } from './report-files.js';
import { toWorkspacePath } from './workspace-path.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const isPosition = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= MAX_POSITION;

function levelOf(v: unknown): Level | undefined {
  if (v === 'error' || v === 'warning' || v === 'note') return v;
  if (v === 'none') return 'note';
  return undefined;
}

/** Fills `{0}` placeholders of a rule's message string with the result's arguments (SARIF §3.11.5). */
function format(template: string, args: unknown): string {
  const list = Array.isArray(args) ? args : [];
  return template.replace(/\{(\d+)\}/g, (m, i: string) => {
    const a: unknown = list[Number(i)];
    return typeof a === 'string' ? a : m;
  });
}

interface RunView {
  rules: Obj[];
  ruleById: Map<string, Obj>;
  baseIds: Obj;
  artifacts: unknown[];
  tool: ToolInfo;
}

/** Resolves an artifactLocation to an absolute path or file URI, following uriBaseId chains (bounded, no cycles). */
function resolveLocation(loc: Obj, run: RunView, workspace: string, depth = 0): string | undefined {
  let uri = str(loc.uri);
  if (uri === undefined && typeof loc.index === 'number') {
    const art = run.artifacts[loc.index];
    if (isObj(art) && isObj(art.location)) return resolveLocation(art.location, run, workspace, depth + 1);
  }
  if (uri === undefined) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) && !uri.startsWith('file:')) return uri; // another scheme: kept as is, refused later
  if (uri.startsWith('file:')) return uri;
  try {
    uri = decodeURIComponent(uri);
  } catch {
    // A stray % is not an escape; keep the text.
  }
  const baseId = str(loc.uriBaseId);
  if (!baseId) return path.resolve(workspace, uri);
  const base = run.baseIds[baseId];
  if (!isObj(base) || depth > 8) return path.resolve(workspace, uri); // %SRCROOT% and friends mean the checkout root
  const baseUri = resolveLocation(base, run, workspace, depth + 1);
  if (!baseUri) return path.resolve(workspace, uri);
  if (baseUri.startsWith('file:')) {
    try {
      return new URL(uri, baseUri.endsWith('/') ? baseUri : baseUri + '/').href;
    } catch {
      throw new BadUri(`${JSON.stringify(uri)} against the base ${baseId} (${JSON.stringify(baseUri)}) is not a valid URI`);
    }
  }
  return path.resolve(baseUri, uri);
}

/** A location whose URI cannot be resolved: the finding is kept, its location refused with the reason. */
class BadUri extends Error {}

function runView(run: Obj): RunView {
  const tool = isObj(run.tool) ? run.tool : {};
  const driver = isObj(tool.driver) ? tool.driver : {};
  const rules = (Array.isArray(driver.rules) ? driver.rules : []).filter(isObj);
  const ruleById = new Map<string, Obj>();
  for (const r of rules) if (typeof r.id === 'string') ruleById.set(r.id, r);
  const name = str(driver.name) ?? 'unknown tool';
  const version = str(driver.semanticVersion) ?? str(driver.version);
  const informationUri = str(driver.informationUri);
  return {
    rules,
    ruleById,
    baseIds: isObj(run.originalUriBaseIds) ? run.originalUriBaseIds : {},
    artifacts: Array.isArray(run.artifacts) ? run.artifacts : [],
    tool: { name, ...(version ? { version } : {}), ...(informationUri ? { informationUri } : {}) },
  };
}

function mapResult(res: Obj, run: RunView, workspace: string): RawFinding | null {
  const kind = str(res.kind);
  if (kind && kind !== 'fail' && kind !== 'open' && kind !== 'review') return null; // pass, notApplicable, informational
  // A suppression in force (status absent or accepted) means the tool's user already dismissed it.
  if (Array.isArray(res.suppressions) && res.suppressions.some((s) => isObj(s) && (s.status === undefined || s.status === 'accepted'))) return null;
  const ruleRef = isObj(res.rule) ? res.rule : {};
  const index = typeof res.ruleIndex === 'number' ? res.ruleIndex : typeof ruleRef.index === 'number' ? ruleRef.index : undefined;
  const ruleId = str(res.ruleId) ?? str(ruleRef.id) ?? (index !== undefined ? str(run.rules[index]?.id) : undefined) ?? 'unknown-rule';
  const rule = (index !== undefined ? run.rules[index] : undefined) ?? run.ruleById.get(ruleId);
  const defaults = rule && isObj(rule.defaultConfiguration) ? rule.defaultConfiguration : {};
  const level = levelOf(res.level) ?? levelOf(defaults.level) ?? 'warning';
  const msg = isObj(res.message) ? res.message : {};
  let message = str(msg.text) ?? str(msg.markdown);
  if (message === undefined && typeof msg.id === 'string' && rule && isObj(rule.messageStrings)) {
    const ms = rule.messageStrings[msg.id];
    if (isObj(ms) && typeof ms.text === 'string') message = format(ms.text, msg.arguments);
  }
  const f: RawFinding = { ruleId, level, message: message ?? ruleId, tool: run.tool };
  const helpUri = rule ? str(rule.helpUri) : undefined;
  if (helpUri) f.helpUri = helpUri;
  const first = Array.isArray(res.locations) ? res.locations[0] : undefined;
  const phys = isObj(first) && isObj(first.physicalLocation) ? first.physicalLocation : undefined;
  if (phys && isObj(phys.artifactLocation)) {
    let target: string | undefined;
    try {
      target = resolveLocation(phys.artifactLocation, run, workspace);
    } catch (e) {
      if (!(e instanceof BadUri)) throw e;
      f.note = `location ${e.message}; location refused`;
    }
    if (target !== undefined && /^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('file:')) {
      f.note = `location ${JSON.stringify(target)} is not a file in the workspace; location refused`;
    } else if (target !== undefined) {
      const wp = toWorkspacePath(workspace, target, workspace, str(phys.artifactLocation.uri) ?? target);
      if (wp.ok) {
        f.location = { path: wp.path };
        const region = isObj(phys.region) ? phys.region : {};
        // A number that is no line or column (0, 1.5, 2^53, 1e400) is dropped and said, never used: loops and
        // sorting over lines must not meet it.
        const refused: string[] = [];
        const position = (key: string): number | undefined => {
          const v = region[key];
          if (v === undefined) return undefined;
          if (isPosition(v)) return v;
          refused.push(`${key} ${JSON.stringify(v) ?? String(v)}`);
          return undefined;
        };
        const startLine = position('startLine');
        const sc = position('startColumn');
        const el = position('endLine');
        const ec = position('endColumn');
        if (startLine) {
          f.location.startLine = startLine;
          if (sc) f.location.startColumn = sc;
          if (el) f.location.endLine = el;
          if (ec) f.location.endColumn = ec;
        }
        if (refused.length > 0) f.note = `region ${refused.join(', ')} out of range (1 to ${MAX_POSITION}); dropped`;
      } else {
        f.note = `${wp.reason}; location refused`;
      }
    }
  }
  return f;
}

/** Maps one parsed SARIF file; a structural problem is an error naming the file and the JSON pointer. */
export function mapSarifLog(log: unknown, file: string, workspace: string): { ok: true; findings: RawFinding[]; tools: ToolInfo[] } | { ok: false; reason: string } {
  if (!isObj(log)) return { ok: false, reason: `${file}: not a SARIF log (the top level is not a JSON object)` };
  if (log.version !== '2.1.0') {
    const v = log.version === undefined ? 'no version' : `version ${JSON.stringify(log.version)}`;
    return { ok: false, reason: `${file}: SARIF ${v} is not supported; Andon reads SARIF 2.1.0 (convert it with the SARIF multitool)` };
  }
  if (!Array.isArray(log.runs)) return { ok: false, reason: `${file}: /runs is missing or not an array` };
  const findings: RawFinding[] = [];
  const tools: ToolInfo[] = [];
  for (const [i, run] of log.runs.entries()) {
    if (!isObj(run) || !isObj(run.tool) || !isObj(run.tool.driver)) return { ok: false, reason: `${file}: /runs/${i}/tool/driver is missing` };
    const view = runView(run);
    tools.push(view.tool);
    const results = run.results;
    if (results === undefined || results === null) continue;
    if (!Array.isArray(results)) return { ok: false, reason: `${file}: /runs/${i}/results is not an array` };
    for (const [j, res] of results.entries()) {
      if (!isObj(res)) return { ok: false, reason: `${file}: /runs/${i}/results/${j} is not an object` };
      const f = mapResult(res, view, workspace);
      if (f) findings.push(f);
    }
  }
  return { ok: true, findings, tools };
}

export function parseSarifFile(file: ReportFile, workspace: string): ReturnType<typeof mapSarifLog> {
  let log: unknown;
  try {
    log = JSON.parse(file.text);
  } catch (err) {
    return { ok: false, reason: `${file.path}: not valid JSON (${errorMessage(err)})` };
  }
  return mapSarifLog(log, file.path, workspace);
}

export async function runSarif(patterns: readonly string[], sc: SourceContext): Promise<SourceOutcome> {
  const read = await readReports('sarif', patterns, sc.workspace, sc.reads, sc.maxReportBytes);
  if (!read.ok) return read;
  if (read.files.length === 0) {
    return { ok: false, reason: `sarif: no file matches ${patterns.map((p) => JSON.stringify(p)).join(', ')}; did the tool that writes it run?` };
  }
  const findings: RawFinding[] = [];
  const tools: Record<string, string> = {};
  for (const file of read.files) {
    const mapped = parseSarifFile(file, sc.workspace);
    if (!mapped.ok) return { ok: false, reason: `sarif: ${mapped.reason}` };
    findings.push(...mapped.findings);
    for (const t of mapped.tools) tools[t.name] = t.version ?? 'unknown';
  }
  sc.logger.info(`sarif: ${read.files.length} file(s), ${findings.length} result(s) from ${Object.keys(tools).join(', ') || 'no tool'}`);
  return { ok: true, findings, tools, notes: [] };
}
