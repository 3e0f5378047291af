// Finds the JUnit reports the globs name, refusing any that resolves outside the workspace (symlinks included).
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';

export interface FoundReport {
  /** Workspace-relative POSIX path, as matched. */
  rel: string;
  /** The real file to read. */
  abs: string;
  mtimeMs: number;
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

export async function findReports(workspace: string, patterns: readonly string[]): Promise<ReportSearch> {
  const root = path.resolve(workspace);
  const rootReal = await realpath(root);
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
  for (const rel of matched) {
    const abs = path.resolve(root, rel);
    let real: string;
    try {
      real = await realpath(abs);
    } catch (e) {
      refused.push({ rel, why: `cannot be resolved: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
      refused.push({ rel, why: `resolves to ${real}, outside the workspace (through a symlink): refused` });
      continue;
    }
    const st = await stat(real);
    if (!st.isFile()) continue;
    found.push({ rel: rel.split(path.sep).join('/'), abs: real, mtimeMs: st.mtimeMs, bytes: st.size });
  }
  return { found, refused };
}

/** Report paths a command names itself: pytest --junitxml, vitest --outputFile(.junit), jest-junit's env, go-junit-report -out. */
export function reportsNamedByCommand(argv: readonly string[], env: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const m = /^--(junitxml|junit-xml|outputFile(?:\.junit)?)=(.+)$/.exec(a);
    if (m?.[2]) out.push(m[2]);
    else if (/^--(junitxml|junit-xml|outputFile(?:\.junit)?)$/.test(a) && argv[i + 1]) out.push(argv[i + 1] ?? '');
  }
  if (env.JEST_JUNIT_OUTPUT_FILE) out.push(env.JEST_JUNIT_OUTPUT_FILE);
  return out.filter((p) => p !== '' && !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'));
}
