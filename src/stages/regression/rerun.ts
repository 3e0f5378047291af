// Re-running failed tests: which runner a command uses, the argv that re-runs only the failed tests in it (each runner's
// own way: pytest node ids, vitest/jest titles, go -run, mocha --grep), with its reports written apart, and whether the
// runner refused the arguments it was given.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ProcessResult } from '../../core/process-runner.js';
import { redirectReports } from './report-files.js';

/** What re-running a failed test needs to know of it. */
export interface RerunTest {
  name: string;
  classname: string;
  file?: string | undefined;
}

/** The failed tests: how many, and (when few enough to name, MAX_FILTERED) which. */
export interface FailedTests {
  count: number;
  named: readonly RerunTest[] | null;
}

export type TestRunner = 'vitest' | 'jest' | 'pytest' | 'go' | 'mocha';

export interface RerunPlan {
  argv: string[];
  /** Variables the retry gets beside the command's (a report path a runner takes from the environment). */
  env: Record<string, string>;
  /** The retry's own report files (absolute), when the command names its reports; null when only the globs find them. */
  reports: string[] | null;
  /** 'failed-only' when the runner could be told which tests to run; else the whole command again. */
  mode: 'failed-only' | 'whole-command';
  runner: TestRunner | null;
  why: string;
}

export interface RerunOptions {
  /** The folder the retry's reports are written to, when the command names them. */
  reportDir: string;
  /** The stage's environment (a runner may take its report's path from it). */
  env: Readonly<Record<string, string>>;
  /** The command's working directory: pytest paths are relative to it. */
  cwd: string;
  /** The pytest node id of a failed test (relative to cwd), or null when it cannot be told. */
  pytestNodeId?: (t: RerunTest) => string | null;
}

/** Above this many failed tests a filter gets unwieldy (argv length); the whole command is re-run instead. */
export const MAX_FILTERED = 200;

/** Splits a command string like a shell would for plain words and quotes; null when it uses shell syntax we must not touch. */
export function splitCommand(command: string): string[] | null {
  if (/[;&|<>`$(){}\n]/.test(command)) return null;
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of command.matchAll(re)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3] ?? ''));
  return out;
}

function base(token: string): string {
  return (token.split(/[\\/]/).pop() ?? token).replace(/\.(c?js|mjs|cmd|exe)$/, '');
}

export function detectRunner(argv: readonly string[]): TestRunner | null {
  for (let i = 0; i < argv.length; i++) {
    const t = base(argv[i] ?? '');
    if (t === 'vitest') return 'vitest';
    if (t === 'jest') return 'jest';
    if (t === 'pytest' || t === 'py.test') return 'pytest';
    if (t === '-m' && argv[i + 1] === 'pytest') return 'pytest';
    if (t === 'mocha' || t === '_mocha') return 'mocha';
    if (t === 'go' && argv[i + 1] === 'test') return 'go';
  }
  return null;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function alternation(names: Iterable<string>): string {
  return `(?:${[...new Set(names)].map(escapeRegExp).join('|')})`;
}

function lastTitle(name: string): string {
  const parts = name.split(' > ');
  return (parts[parts.length - 1] ?? name).trim();
}

/** pytest options that take the next word as their value (the word is not a path to collect). */
const PYTEST_VALUE_OPTIONS = new Set([
  '-k', '-m', '-p', '-o', '-c', '-n', '-W', '-r', '--tb', '--rootdir', '--junitxml', '--junit-xml', '--junit-prefix', '--basetemp',
  '--confcutdir', '--maxfail', '--log-level', '--log-cli-level', '--log-file', '--durations', '--cov', '--cov-report', '--cov-config',
  '--ignore', '--ignore-glob', '--deselect', '--import-mode', '--capture', '--color', '--dist', '--maxprocesses', '--timeout',
  '--reruns', '--reruns-delay', '--only-rerun', '--override-ini', '--lfnf', '--last-failed-no-failures', '--config-file',
]);

function pytestIndex(words: readonly string[]): number {
  return words.findIndex((w, i) => ['pytest', 'py.test'].includes(base(w)) && (i === 0 || words[i - 1] !== '-p'));
}

/**
 * The pytest command without the paths it names to collect (`tests/`, `tests/test_x.py`): with node ids added, pytest
 * would collect those paths whole again. A word counts as a path only when it exists under the command's cwd.
 */
function withoutPytestPaths(words: readonly string[], cwd: string): string[] {
  const at = pytestIndex(words);
  if (at === -1) return [...words];
  const out = words.slice(0, at + 1);
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i] as string;
    if (w.startsWith('-')) {
      out.push(w);
      if (PYTEST_VALUE_OPTIONS.has(w) && i + 1 < words.length) out.push(words[++i] as string);
      continue;
    }
    if (!existsSync(path.resolve(cwd, w.split('::')[0] ?? w))) out.push(w);
  }
  return out;
}

/** pytest's cache (and with it --lf) is off: `-p no:cacheprovider`. */
function pytestCacheOff(words: readonly string[]): boolean {
  return words.some((w, i) => w === '-pno:cacheprovider' || (w === '-p' && words[i + 1] === 'no:cacheprovider'));
}

/**
 * The node id of a pytest test from its JUnit names: pytest writes the node id `tests/test_x.py::TestC::test_y[p]` as
 * classname `tests.test_x.TestC` and name `test_y[p]`; the module is the longest dotted prefix that is a file.
 */
export function pytestNodeIdOf(isFile: (rel: string) => boolean): (t: RerunTest) => string | null {
  return (t) => {
    const parts = t.classname.split('.');
    if (t.name === '' || !parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) return null;
    for (let k = parts.length; k >= 1; k--) {
      const module = `${parts.slice(0, k).join('/')}.py`;
      if (isFile(module)) return [module, ...parts.slice(k), t.name].join('::');
    }
    return null;
  };
}

/** Words to run the failed tests with: the command's words (pytest's paths taken out) and the filter; or why it cannot. */
export function filterArgs(runner: TestRunner, failed: readonly RerunTest[], words: readonly string[], o: Pick<RerunOptions, 'cwd' | 'pytestNodeId'>): { words: string[]; extra: string[]; how: string } | string {
  const named = failed.filter((t) => t.name !== '');
  if (named.length !== failed.length) return 'some failed tests have no name to select them by';
  switch (runner) {
    case 'pytest': {
      // Node ids select exactly the failed tests and need no cache; --lf needs pytest's cache of this run.
      const ids = o.pytestNodeId ? named.map(o.pytestNodeId) : [];
      if (ids.length > 0 && ids.every((id) => id !== null)) return { words: withoutPytestPaths(words, o.cwd), extra: [...new Set(ids as string[])], how: 'by node id' };
      if (pytestCacheOff(words)) return 'pytest runs without its cache (-p no:cacheprovider), so --lf cannot select them, and not every failed test has a node id';
      return { words: [...words], extra: ['--lf'], how: 'with --lf' };
    }
    case 'go': {
      const tops = named.map((t) => t.name.split('/')[0] ?? t.name);
      return { words: [...words], extra: ['-run', `^${alternation(tops)}$`], how: 'with -run' };
    }
    case 'jest':
      // jest-junit names a test by its full name, which is what -t matches.
      return { words: [...words], extra: ['-t', `^${alternation(named.map((t) => t.name))}$`], how: 'with -t' };
    case 'mocha':
      return { words: [...words], extra: ['--grep', `^${alternation(named.map((t) => t.name))}$`], how: 'with --grep' };
    case 'vitest': {
      // vitest's JUnit names are "describe > test" and its classname is the file: filter by file and title.
      const files = [...new Set(named.map((t) => t.file ?? t.classname).filter((f) => /\.[cm]?[jt]sx?$/.test(f)))];
      return { words: [...words], extra: [...files, '-t', `${alternation(named.map((t) => lastTitle(t.name)))}$`], how: 'by file and -t' };
    }
  }
}

/** An argv word as a shell needs it written (quoted unless it is plain). */
export function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The re-run of `command` for these failed tests. A string command is changed only when it is a plain word list (no
 * shell operators), so the extra arguments reach the runner and not some later command. The reports the command names
 * are written into `reportDir` instead, so the command's own stay as it wrote them.
 */
export function planRerun(command: string[] | string, failed: FailedTests, shellArgv: (c: string) => string[], o: RerunOptions): RerunPlan {
  const plain = typeof command === 'string' ? splitCommand(command) : command;
  const toArgv = (words: readonly string[]) => (typeof command === 'string' ? shellArgv(words.map(quote).join(' ')) : [...words]);
  if (!plain) return { argv: shellArgv(command as string), env: {}, reports: null, mode: 'whole-command', runner: null, why: 'the command string uses shell syntax, so it is re-run whole' };
  const redirected = redirectReports(plain, o.env, o.reportDir);
  const words = redirected?.argv ?? [...plain];
  const apart = { env: redirected?.env ?? {}, reports: redirected?.reports ?? null };
  const whole = (runner: TestRunner | null, why: string): RerunPlan => ({ argv: toArgv(words), ...apart, mode: 'whole-command', runner, why });
  const runner = detectRunner(words);
  if (!runner) return whole(null, 'no known test runner (vitest, jest, pytest, go test, mocha) in the command, so it is re-run whole');
  if (failed.count > MAX_FILTERED || !failed.named) return whole(runner, `${failed.count} failed tests are too many to name, so the command is re-run whole`);
  const filter = filterArgs(runner, failed.named, words, o);
  if (typeof filter === 'string') return whole(runner, `${filter}, so the command is re-run whole`);
  return { argv: toArgv([...filter.words, ...filter.extra]), ...apart, mode: 'failed-only', runner, why: `${runner}: only the ${failed.count} failed test(s), ${filter.how}` };
}

/** Lines by which runners refuse their arguments: pytest, vitest (cac), jest, mocha (commander), go's flag package. */
const USAGE = /unrecognized arguments|unknown option|unrecognized (?:cli parameter|option)|flag provided but not defined|no such option/i;

/**
 * Why a retry did not run the tests at all: the runner refused its arguments (pytest exits 4; vitest, jest and mocha say
 * "unknown option"), or pytest was interrupted (exit 2, e.g. an error while collecting). Null when it ran.
 */
export function usageError(runner: TestRunner | null, res: ProcessResult): string | null {
  if (res.exitCode === 0 || res.exitCode === null) return null;
  const said = res.tail.split('\n').find((l) => USAGE.test(l));
  if (said) return said.trim().slice(0, 300);
  if (runner === 'pytest' && (res.exitCode === 4 || res.exitCode === 2)) {
    const error = res.tail.split('\n').find((l) => /^(?:ERROR|E )|Interrupted/.test(l.trim()));
    return `pytest exited with ${res.exitCode} (${res.exitCode === 4 ? 'a usage error' : 'interrupted, e.g. by an error while collecting'})${error ? `: ${error.trim().slice(0, 300)}` : ''}`;
  }
  return null;
}
