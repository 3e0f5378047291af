// Reads checkstyle XML reports (Checkstyle, PHP_CodeSniffer, ESLint's and many linters' checkstyle output) as findings.
import type { Level } from '../../core/findings.js';
import { CheckstyleParseError, parseCheckstyle } from './checkstyle-xml.js';
import { readReports } from './report-files.js';
import type { RawFinding, SourceContext, SourceOutcome } from './source.js';
import { toWorkspacePath } from './workspace-path.js';

function levelOf(severity: string): Level | null {
  switch (severity.toLowerCase()) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'ignore':
      return null;
    default:
      return 'note'; // info
  }
}

export async function runCheckstyle(patterns: readonly string[], sc: SourceContext): Promise<SourceOutcome> {
  const read = await readReports('checkstyle', patterns, sc.workspace, sc.reads, sc.maxReportBytes);
  if (!read.ok) return read;
  if (read.files.length === 0) {
    return { ok: false, reason: `checkstyle: no file matches ${patterns.map((p) => JSON.stringify(p)).join(', ')}; did the tool that writes it run?` };
  }
  const findings: RawFinding[] = [];
  let version: string | undefined;
  for (const file of read.files) {
    let report;
    try {
      report = parseCheckstyle(file.text);
    } catch (err) {
      if (err instanceof CheckstyleParseError) return { ok: false, reason: `checkstyle: ${file.path}: ${err.message}` };
      throw err;
    }
    version ??= report.version;
    const tool = { name: 'checkstyle', ...(report.version ? { version: report.version } : {}) };
    // Relative file names are taken relative to the workspace, where the linter ran.
    for (const cf of report.files) {
      const wp = toWorkspacePath(sc.workspace, cf.name, sc.workspace);
      for (const e of cf.errors) {
        const level = levelOf(e.severity);
        if (!level) continue;
        const f: RawFinding = { ruleId: e.source ?? 'checkstyle', level, message: e.message, tool };
        if (wp.ok) {
          f.location = { path: wp.path };
          if (e.line) {
            f.location.startLine = e.line;
            if (e.column) f.location.startColumn = e.column;
          }
        } else {
          f.note = `${wp.reason}; location refused`;
        }
        findings.push(f);
      }
    }
  }
  sc.logger.info(`checkstyle: ${read.files.length} file(s), ${findings.length} finding(s)`);
  return { ok: true, findings, tools: { checkstyle: version ?? 'unknown' }, notes: [] };
}
