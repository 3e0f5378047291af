// The tsc source: type-checks with the workspace's own TypeScript (`tsc -p` semantics, run in a process of its own)
// and maps its diagnostics to findings.
import path from 'node:path';
import { resolveInside } from '../../core/inside-path.js';
import type { TscOptions } from './options.js';
import type { RawFinding, SourceContext, SourceOutcome } from './source.js';
import { runToolProcess } from './tool-process.js';
import { TscReport } from './tool-report.js';
import { checkPattern, toWorkspacePath } from './workspace-path.js';

function toFindings(report: Extract<TscReport, { ok: true }>, sc: SourceContext, configPath: string): RawFinding[] {
  const tool = { name: 'tsc', version: report.version, informationUri: 'https://www.typescriptlang.org' };
  return report.diagnostics.map((d) => {
    const f: RawFinding = { ruleId: `TS${d.code}`, level: d.level, message: d.message, tool };
    if (d.file) {
      const wp = toWorkspacePath(sc.workspace, d.file);
      if (!wp.ok) f.note = `${wp.reason}; location refused`;
      else if (d.start && d.end) f.location = { path: wp.path, startLine: d.start.line, startColumn: d.start.column, endLine: d.end.line, endColumn: d.end.column };
      else f.location = { path: wp.path };
    } else {
      f.location = { path: path.relative(sc.workspace, configPath).split(path.sep).join('/') };
    }
    return f;
  });
}

export async function runTsc(o: TscOptions, sc: SourceContext): Promise<SourceOutcome> {
  const bad = checkPattern(o.project);
  if (bad) return { ok: false, reason: `tsc: ${bad}` };
  const project = resolveInside(sc.workspace, o.project);
  if (!project.ok) return { ok: false, reason: `tsc: project ${project.reason}` };
  const request = { tool: 'tsc' as const, workspace: sc.workspace, project: project.abs, projectName: o.project, changedFiles: sc.changedFiles ? [...sc.changedFiles] : null };
  const ran = await runToolProcess(request, TscReport, sc, 'tsc');
  if (!ran.ok) return ran;
  const report = ran.report;
  if (!report.ok) return report;
  if (report.reportedOn) sc.logger.info(`tsc: reporting on the ${report.reportedOn.length} changed file(s) in ${o.project} only (filter: ${sc.filter})`);
  const findings = toFindings(report, sc, project.abs);
  sc.logger.info(`tsc ${report.version}: ${report.rootFiles} file(s) of ${o.project} checked (${report.sourceFiles} in the program with imports and lib declarations), ${findings.length} diagnostic(s)`);
  return { ok: true, findings, tools: { typescript: report.version }, ...(report.reportedOn ? { partialScope: report.reportedOn } : {}), notes: [] };
}
