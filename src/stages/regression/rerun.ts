// Re-running failed tests: which runner a command uses, and the argv that re-runs only the failed tests in it.

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
  /** 'failed-only' when the runner could be told which tests to run; else the whole command again. */
  mode: 'failed-only' | 'whole-command';
  runner: TestRunner | null;
  why: string;
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

/** Extra arguments that select the failed tests, or null when this runner cannot be told. */
export function filterArgs(runner: TestRunner, failed: readonly RerunTest[]): string[] | null {
  const named = failed.filter((t) => t.name !== '');
  if (named.length !== failed.length) return null;
  switch (runner) {
    case 'pytest':
      // pytest keeps the last failures in its cache; --lf runs exactly those.
      return ['--lf'];
    case 'go': {
      const tops = named.map((t) => t.name.split('/')[0] ?? t.name);
      return ['-run', `^${alternation(tops)}$`];
    }
    case 'jest':
      // jest-junit names a test by its full name, which is what -t matches.
      return ['-t', `^${alternation(named.map((t) => t.name))}$`];
    case 'mocha':
      return ['--grep', `^${alternation(named.map((t) => t.name))}$`];
    case 'vitest': {
      // vitest's JUnit names are "describe > test" and its classname is the file: filter by file and title.
      const files = [...new Set(named.map((t) => t.file ?? t.classname).filter((f) => /\.[cm]?[jt]sx?$/.test(f)))];
      return [...files, '-t', `${alternation(named.map((t) => lastTitle(t.name)))}$`];
    }
  }
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The re-run of `command` for these failed tests. A string command is extended only when it is a plain
 * word list (no shell operators), so the extra arguments reach the runner and not some later command.
 */
export function planRerun(command: string[] | string, failed: FailedTests, shellArgv: (c: string) => string[]): RerunPlan {
  const words = typeof command === 'string' ? splitCommand(command) : command;
  const whole = (runner: TestRunner | null, why: string): RerunPlan => ({
    argv: typeof command === 'string' ? shellArgv(command) : [...command],
    mode: 'whole-command',
    runner,
    why,
  });
  if (!words) return whole(null, 'the command string uses shell syntax, so it is re-run whole');
  const runner = detectRunner(words);
  if (!runner) return whole(null, 'no known test runner (vitest, jest, pytest, go test, mocha) in the command, so it is re-run whole');
  if (failed.count > MAX_FILTERED || !failed.named) return whole(runner, `${failed.count} failed tests are too many to name, so the command is re-run whole`);
  const extra = filterArgs(runner, failed.named);
  if (!extra) return whole(runner, 'some failed tests have no name to select them by, so the command is re-run whole');
  const argv = typeof command === 'string' ? shellArgv(`${command} ${extra.map(quote).join(' ')}`) : [...command, ...extra];
  return { argv, mode: 'failed-only', runner, why: `${runner}: only the ${failed.count} failed test(s)` };
}
