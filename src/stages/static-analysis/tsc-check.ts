// Inside the tool process: type-checks with the workspace's own TypeScript (`tsc -p` semantics, no emit) and
// reports the diagnostics with their positions resolved, so the stage never loads TypeScript itself.
import { createRequire } from 'node:module';
import path from 'node:path';
import { errorMessage } from '../../core/errors.js';
import type { TscReport, TscRequest } from './tool-report.js';
import { relativeMessage, toWorkspacePath } from './workspace-path.js';

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

type Diagnostic = Extract<TscReport, { ok: true }>['diagnostics'][number];

function text(ts: TsApi, d: TsDiagnostic): string {
  return ts.flattenDiagnosticMessageText(d.messageText, '\n');
}

function where(ts: TsApi, d: TsDiagnostic, workspace: string): string {
  if (!d.file || d.start === undefined) return '';
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const wp = toWorkspacePath(workspace, d.file.fileName);
  return `${wp.ok ? wp.path : d.file.fileName}:${line + 1}:${character + 1}: `;
}

function toDiagnostic(ts: TsApi, d: TsDiagnostic): Diagnostic {
  const c = ts.DiagnosticCategory;
  const out: Diagnostic = { code: d.code, level: d.category === c.Error ? 'error' : d.category === c.Warning ? 'warning' : 'note', message: text(ts, d) };
  if (!d.file) return out;
  out.file = d.file.fileName;
  if (d.start !== undefined) {
    const s = d.file.getLineAndCharacterOfPosition(d.start);
    const e = d.file.getLineAndCharacterOfPosition(d.start + (d.length ?? 0));
    out.start = { line: s.line + 1, column: s.character + 1 };
    out.end = { line: e.line + 1, column: e.character + 1 };
  }
  return out;
}

/** Why a tsconfig with no root file judged nothing: a gate that checked no file must not read as a pass. */
function noRootFiles(ts: TsApi, req: TscRequest, parsed: { errors: TsDiagnostic[]; projectReferences?: readonly unknown[] }): string {
  const noInputs = parsed.errors.find((e) => e.code === 18003);
  const refs = parsed.projectReferences?.length ?? 0;
  const why = noInputs ? ` (TS18003: ${relativeMessage(req.workspace, text(ts, noInputs))})` : refs > 0 ? ` (it only references ${refs} other project(s), which \`tsc -p\` does not check)` : '';
  return `judged nothing: tsc has no file to check in ${req.projectName}${why}; point tsc.project at a tsconfig whose files or include name the sources`;
}

export function checkInProcess(req: TscRequest): TscReport {
  const { projectName } = req;
  let ts: TsApi;
  try {
    ts = createRequire(path.join(req.workspace, 'package.json'))('typescript') as TsApi;
  } catch {
    return { ok: false, reason: `TypeScript is not installed in the workspace (${req.workspace}): install it there with \`npm i -D typescript\`` };
  }
  const configPath = req.project;
  if (!ts.sys.fileExists(configPath)) return { ok: false, reason: `tsc: ${projectName} does not exist in the workspace` };
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (read.error) return { ok: false, reason: `tsc: ${where(ts, read.error, req.workspace)}${text(ts, read.error)}` };
  let program: TsProgram;
  let rootFiles: number;
  try {
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configPath), undefined, configPath);
    // No inputs (TS18003) is not a finding to baseline: it is a check of no file, told below.
    const fatal = parsed.errors.filter((e) => e.category === ts.DiagnosticCategory.Error && e.code !== 18003);
    if (fatal.length > 0) {
      return { ok: false, reason: `tsc: ${projectName}: ${fatal.map((e) => where(ts, e, req.workspace) + text(ts, e)).join('; ')}` };
    }
    if (parsed.fileNames.length === 0) return { ok: false, reason: noRootFiles(ts, req, parsed) };
    rootFiles = parsed.fileNames.length;
    program = ts.createProgram({
      rootNames: parsed.fileNames,
      options: { ...parsed.options, noEmit: true },
      ...(parsed.projectReferences ? { projectReferences: parsed.projectReferences } : {}),
      configFileParsingDiagnostics: parsed.errors,
    });
  } catch (err) {
    return { ok: false, reason: `tsc: TypeScript ${ts.version} failed on ${projectName}: ${errorMessage(err)}` };
  }

  const diagnostics: TsDiagnostic[] = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  let reportedOn: string[] | null = null;
  if (req.changedFiles) {
    // The checker still reads what the changed files import, but only reports on the changed files.
    reportedOn = [];
    for (const rel of req.changedFiles) {
      const sf = program.getSourceFile(path.resolve(req.workspace, rel));
      if (!sf) continue;
      reportedOn.push(rel);
      diagnostics.push(...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf));
    }
  } else {
    diagnostics.push(...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics());
  }
  return { ok: true, version: ts.version, rootFiles, sourceFiles: program.getSourceFiles().length, diagnostics: diagnostics.map((d) => toDiagnostic(ts, d)), reportedOn };
}
