// Type-checks with the workspace's own TypeScript in-process (`tsc -p` semantics) and maps diagnostics to findings.
import { createRequire } from 'node:module';
import path from 'node:path';
import { errorMessage } from '../../core/errors.js';
import type { Level } from '../../core/findings.js';
import type { TscOptions } from './options.js';
import type { RawFinding, SourceContext, SourceOutcome } from './source.js';
import { checkPattern, toWorkspacePath } from './workspace-path.js';

// The slice of the TypeScript API this uses; typed locally since the workspace's TypeScript is not ours.
interface TsSourceFile {
  fileName: string;
  getLineAndCharacterOfPosition(pos: number): { line: number; character: number };
}
interface TsDiagnostic {
  file?: TsSourceFile;
  start?: number;
  length?: number;
  code: number;
  category: number;
  messageText: unknown;
}
interface TsProgram {
  getSourceFiles(): readonly TsSourceFile[];
  getSourceFile(name: string): TsSourceFile | undefined;
  getOptionsDiagnostics(): readonly TsDiagnostic[];
  getGlobalDiagnostics(): readonly TsDiagnostic[];
  getConfigFileParsingDiagnostics(): readonly TsDiagnostic[];
  getSyntacticDiagnostics(sf?: TsSourceFile): readonly TsDiagnostic[];
  getSemanticDiagnostics(sf?: TsSourceFile): readonly TsDiagnostic[];
}
interface TsApi {
  version: string;
  sys: { readFile(p: string): string | undefined; fileExists(p: string): boolean; readDirectory: unknown; useCaseSensitiveFileNames: boolean };
  DiagnosticCategory: { Warning: number; Error: number; Suggestion: number; Message: number };
  readConfigFile(file: string, read: (p: string) => string | undefined): { config?: unknown; error?: TsDiagnostic };
  parseJsonConfigFileContent(json: unknown, host: unknown, basePath: string, existing?: unknown, configFileName?: string): { options: Record<string, unknown>; fileNames: string[]; errors: TsDiagnostic[]; projectReferences?: readonly unknown[] };
  createProgram(o: { rootNames: readonly string[]; options: Record<string, unknown>; projectReferences?: readonly unknown[]; configFileParsingDiagnostics?: readonly TsDiagnostic[] }): TsProgram;
  flattenDiagnosticMessageText(m: unknown, newLine: string): string;
}

function text(ts: TsApi, d: TsDiagnostic): string {
  return ts.flattenDiagnosticMessageText(d.messageText, '\n');
}

function where(ts: TsApi, d: TsDiagnostic, workspace: string): string {
  if (!d.file || d.start === undefined) return '';
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const wp = toWorkspacePath(workspace, d.file.fileName);
  return `${wp.ok ? wp.path : d.file.fileName}:${line + 1}:${character + 1}: `;
}

export async function runTsc(o: TscOptions, sc: SourceContext): Promise<SourceOutcome> {
  const bad = checkPattern(o.project);
  if (bad) return { ok: false, reason: `tsc: ${bad}` };
  const req = createRequire(path.join(sc.workspace, 'package.json'));
  let ts: TsApi;
  try {
    ts = req('typescript') as TsApi;
  } catch {
    return { ok: false, reason: `TypeScript is not installed in the workspace (${sc.workspace}): install it there with \`npm i -D typescript\`` };
  }
  const configPath = path.resolve(sc.workspace, o.project);
  if (!ts.sys.fileExists(configPath)) return { ok: false, reason: `tsc: ${o.project} does not exist in the workspace` };
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (read.error) return { ok: false, reason: `tsc: ${where(ts, read.error, sc.workspace)}${text(ts, read.error)}` };
  let program: TsProgram;
  try {
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configPath), undefined, configPath);
    const fatal = parsed.errors.filter((e) => e.category === ts.DiagnosticCategory.Error && e.code !== 18003);
    if (fatal.length > 0) {
      return { ok: false, reason: `tsc: ${o.project}: ${fatal.map((e) => where(ts, e, sc.workspace) + text(ts, e)).join('; ')}` };
    }
    program = ts.createProgram({
      rootNames: parsed.fileNames,
      options: { ...parsed.options, noEmit: true },
      ...(parsed.projectReferences ? { projectReferences: parsed.projectReferences } : {}),
      configFileParsingDiagnostics: parsed.errors,
    });
  } catch (err) {
    return { ok: false, reason: `tsc: TypeScript ${ts.version} failed on ${o.project}: ${errorMessage(err)}` };
  }

  const diagnostics: TsDiagnostic[] = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
  ];
  let partialScope: string[] | undefined;
  if (sc.changedFiles) {
    // The checker still reads what the changed files import, but only reports on the changed files.
    partialScope = [];
    for (const rel of sc.changedFiles) {
      const sf = program.getSourceFile(path.resolve(sc.workspace, rel));
      if (!sf) continue;
      partialScope.push(rel);
      diagnostics.push(...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf));
    }
    sc.logger.info(`tsc: reporting on the ${partialScope.length} changed file(s) in ${o.project} only (filter: ${sc.filter})`);
  } else {
    diagnostics.push(...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics());
  }

  const tool = { name: 'tsc', version: ts.version, informationUri: 'https://www.typescriptlang.org' };
  const findings: RawFinding[] = [];
  for (const d of diagnostics) {
    const level: Level =
      d.category === ts.DiagnosticCategory.Error ? 'error' : d.category === ts.DiagnosticCategory.Warning ? 'warning' : 'note';
    const f: RawFinding = { ruleId: `TS${d.code}`, level, message: text(ts, d), tool };
    if (d.file) {
      const wp = toWorkspacePath(sc.workspace, d.file.fileName);
      if (wp.ok) {
        f.location = { path: wp.path };
        if (d.start !== undefined) {
          const s = d.file.getLineAndCharacterOfPosition(d.start);
          const e = d.file.getLineAndCharacterOfPosition(d.start + (d.length ?? 0));
          f.location = { path: wp.path, startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
        }
      } else {
        f.note = `${wp.reason}; location refused`;
      }
    } else {
      f.location = { path: path.relative(sc.workspace, configPath).split(path.sep).join('/') };
    }
    findings.push(f);
  }
  sc.logger.info(`tsc ${ts.version}: ${program.getSourceFiles().length} source file(s), ${findings.length} diagnostic(s)`);
  return { ok: true, findings, tools: { typescript: ts.version }, ...(partialScope ? { partialScope } : {}), notes: [] };
}
