// Finds the JUnit reports the globs name, through the guarded reader: regular files only (a FIFO or a device is refused
// without being opened for a blocking read), never one that resolves outside the workspace (symlinks included).
import { closeSync, fstatSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { describeRefusal, openGuarded, type GuardedOpen } from '../../core/guarded-read.js';
import { fileIdentity, type FilesBefore } from '../../core/written-since.js';

export interface FoundReport {
  /** Workspace-relative POSIX path, as matched. */
  rel: string;
  /** The path to open (under the workspace; opened again through the guard to be read). */
  abs: string;
  /** The folder its real place must stay inside. */
  within: string;
  /** What tells one state of the file from another (inode, size, modified and changed times); '' when unknown. */
  identity: string;
  bytes: number;
}

export interface RefusedReport {
  rel: string;
  why: string;
}

export interface ReportSearch {
  found: FoundReport[];
  refused: RefusedReport[];
}

/** Opens a report through the guard: a regular file whose real place is inside `within`, read up to its size now. */
export function openReport(abs: string, within: string, realDirs?: Map<string, string | null>): GuardedOpen {
  return openGuarded(abs, { maxBytes: Number.MAX_SAFE_INTEGER, within, links: 'follow', ...(realDirs ? { realDirs } : {}) });
}

/** Why a report was not read, after its workspace-relative path. */
export function reportRefusal(r: Exclude<GuardedOpen, { kind: 'ok' }>): string {
  return r.kind === 'outside' ? `resolves to ${r.target}, outside the workspace (through a symlink): refused` : describeRefusal(r);
}

export async function findReports(workspace: string, patterns: readonly string[]): Promise<ReportSearch> {
  const root = path.resolve(workspace);
  const matched = await glob([...patterns], {
    cwd: root,
    onlyFiles: true,
    dot: true,
    expandDirectories: false,
    followSymbolicLinks: true,
  });
  matched.sort();
  const found: FoundReport[] = [];
  const refused: RefusedReport[] = [];
  const realDirs = new Map<string, string | null>();
  for (const rel of matched) {
    const abs = path.resolve(root, rel);
    const posix = rel.split(path.sep).join('/');
    const opened = openReport(abs, root, realDirs);
    if (opened.kind !== 'ok') {
      refused.push({ rel: posix, why: reportRefusal(opened) });
      continue;
    }
    let identity: string;
    try {
      identity = fileIdentity(fstatSync(opened.fd));
    } finally {
      closeSync(opened.fd);
    }
    found.push({ rel: posix, abs, within: root, identity, bytes: opened.size });
  }
  return { found, refused };
}

/** The reports the globs match before a command runs: what it leaves as it found them, it did not write. */
export async function reportsBefore(workspace: string, patterns: readonly string[]): Promise<FilesBefore> {
  return new Map((await findReports(workspace, patterns)).found.map((r) => [r.abs, r.identity]));
}

/** Options by which a runner is told where to write its JUnit report: pytest, vitest, gotestsum. */
const REPORT_OPTION = /^(--(?:junitxml|junit-xml|outputFile(?:\.junit)?|junitfile))(?:=(.*))?$/;
/** jest-junit takes its report's path from the environment. */
const REPORT_ENV = 'JEST_JUNIT_OUTPUT_FILE';

/** Where a command names a report: the word that holds the path (`--junitxml=r.xml`, or the word after `--junitxml`). */
interface NamedReport {
  index: number;
  /** The option, when the path is in the same word after `=`. */
  joined?: string;
  path: string;
}

function namedReports(argv: readonly string[]): NamedReport[] {
  const out: NamedReport[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = REPORT_OPTION.exec(argv[i] ?? '');
    if (!m) continue;
    if (m[2] !== undefined) out.push({ index: i, joined: m[1] as string, path: m[2] });
    else if (argv[i + 1] !== undefined) out.push({ index: ++i, path: argv[i] as string });
  }
  return out;
}

/** Report paths a command names itself: pytest --junitxml, vitest --outputFile(.junit), gotestsum --junitfile, jest-junit's env. */
export function reportsNamedByCommand(argv: readonly string[], env: Readonly<Record<string, string>>): string[] {
  const out = namedReports(argv).map((r) => r.path);
  if (env[REPORT_ENV]) out.push(env[REPORT_ENV]);
  return out.filter((p) => p !== '' && !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'));
}

/**
 * The command with every report it names written into `dir` instead (a retry's reports go there, so the reports the
 * command wrote stay as it wrote them); null when it names none (its reports are found by the globs only).
 */
export function redirectReports(argv: readonly string[], env: Readonly<Record<string, string>>, dir: string): { argv: string[]; env: Record<string, string>; reports: string[] } | null {
  const out = [...argv];
  const reports: string[] = [];
  const into = (p: string) => {
    const target = path.join(dir, `${reports.length}-${path.basename(p) || 'report.xml'}`);
    reports.push(target);
    return target;
  };
  for (const r of namedReports(argv)) out[r.index] = r.joined ? `${r.joined}=${into(r.path)}` : into(r.path);
  const extra: Record<string, string> = {};
  if (env[REPORT_ENV]) extra[REPORT_ENV] = into(env[REPORT_ENV]);
  return reports.length > 0 ? { argv: out, env: extra, reports } : null;
}
