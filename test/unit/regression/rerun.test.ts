import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellArgv, type ProcessResult } from '../../../src/core/process-runner.js';
import { redirectReports, reportsNamedByCommand } from '../../../src/stages/regression/report-files.js';
import { detectRunner, planRerun, pytestNodeIdOf, splitCommand, usageError, type FailedTests, type RerunOptions, type RerunTest } from '../../../src/stages/regression/rerun.js';
import { makeTempDir } from '../../helpers/stage-context.js';

/** Where retries write their reports in these plans, and a cwd with nothing in it. */
const opts: RerunOptions = { reportDir: '/tmp/retry-1', env: {}, cwd: '/nonexistent-cwd' };

function rec(name: string, extra: Partial<RerunTest> = {}): RerunTest {
  return { classname: '', name, ...extra };
}

/** Failed tests few enough to name. */
function failing(...tests: RerunTest[]): FailedTests {
  return { count: tests.length, named: tests };
}

describe('detectRunner', () => {
  it.each([
    [['npx', 'vitest', 'run'], 'vitest'],
    [['node_modules/.bin/jest', '--ci'], 'jest'],
    [['python3', '-m', 'pytest', '-q'], 'pytest'],
    [['pytest'], 'pytest'],
    [['go', 'test', './...'], 'go'],
    [['npx', 'mocha', 'test/'], 'mocha'],
    [['npm', 'test'], null],
    [['go', 'build'], null],
  ])('%j → %s', (argv, runner) => {
    expect(detectRunner(argv)).toBe(runner);
  });
});

describe('planRerun', () => {
  it('selects only the failed tests per runner', () => {
    const failed = failing(rec('TestParse/empty_input'), rec('TestLoad'));
    expect(planRerun(['go', 'test', './...'], failed, shellArgv, opts).argv).toEqual(['go', 'test', './...', '-run', '^(?:TestParse|TestLoad)$']);
    expect(planRerun(['pytest', '--junitxml=r.xml'], failed, shellArgv, opts)).toMatchObject({ argv: ['pytest', '--junitxml=/tmp/retry-1/0-r.xml', '--lf'], reports: ['/tmp/retry-1/0-r.xml'] });
    expect(planRerun(['npx', 'jest'], failing(rec('math adds (1+1)')), shellArgv, opts).argv).toEqual(['npx', 'jest', '-t', '^(?:math adds \\(1\\+1\\))$']);
    expect(planRerun(['npx', 'mocha'], failing(rec('a b')), shellArgv, opts).argv).toEqual(['npx', 'mocha', '--grep', '^(?:a b)$']);
    const v = planRerun(['npx', 'vitest', 'run'], failing(rec('parser > reads a file', { classname: 'test/parser.test.ts' })), shellArgv, opts);
    expect(v).toMatchObject({ mode: 'failed-only', runner: 'vitest', argv: ['npx', 'vitest', 'run', 'test/parser.test.ts', '-t', '(?:reads a file)$'] });
  });

  it('extends a plain string command, but re-runs shell pipelines and unknown runners whole', () => {
    expect(planRerun('go test ./...', failing(rec('TestX')), shellArgv, opts).argv).toEqual(['bash', '-c', "go test ./... -run '^(?:TestX)$'"]);
    expect(planRerun('go test ./... && echo done', failing(rec('TestX')), shellArgv, opts)).toMatchObject({ mode: 'whole-command', argv: ['bash', '-c', 'go test ./... && echo done'] });
    expect(planRerun(['npm', 'test'], failing(rec('x')), shellArgv, opts)).toMatchObject({ mode: 'whole-command', runner: null, argv: ['npm', 'test'] });
    expect(planRerun(['go', 'test'], { count: 201, named: null }, shellArgv, opts)).toMatchObject({ mode: 'whole-command', why: '201 failed tests are too many to name, so the command is re-run whole' });
  });

  it('splits quoted words and refuses shell syntax', () => {
    expect(splitCommand(`pytest -k "a and b" 'x y'`)).toEqual(['pytest', '-k', 'a and b', 'x y']);
    expect(splitCommand('a | b')).toBeNull();
    expect(splitCommand('echo $(id)')).toBeNull();
  });
});

describe('reportsNamedByCommand', () => {
  it('finds the report a runner is told to write, inside the workspace only', () => {
    expect(reportsNamedByCommand(['pytest', '--junitxml=out/r.xml'], {})).toEqual(['out/r.xml']);
    expect(reportsNamedByCommand(['vitest', 'run', '--outputFile.junit', 'junit.xml'], {})).toEqual(['junit.xml']);
    expect(reportsNamedByCommand(['jest'], { JEST_JUNIT_OUTPUT_FILE: 'reports/jest.xml' })).toEqual(['reports/jest.xml']);
    expect(reportsNamedByCommand(['pytest', '--junitxml=/tmp/r.xml', '--junitxml=../r.xml'], {})).toEqual([]);
  });
});

describe('pytest re-runs by node id', () => {
  const files = new Set(['tests/test_x.py', 'tests/sub/test_y.py']);
  const nodeId = pytestNodeIdOf((rel) => files.has(rel));

  it('turns pytest JUnit names back into node ids, the module being the longest dotted prefix that is a file', () => {
    expect(nodeId(rec('test_y[a-1.5]', { classname: 'tests.test_x.TestC' }))).toBe('tests/test_x.py::TestC::test_y[a-1.5]');
    expect(nodeId(rec('test_z', { classname: 'tests.sub.test_y' }))).toBe('tests/sub/test_y.py::test_z');
    expect(nodeId(rec('test_z', { classname: 'tests.test_x.TestOuter.TestInner' }))).toBe('tests/test_x.py::TestOuter::TestInner::test_z');
    expect(nodeId(rec('test_z', { classname: 'elsewhere.test_q' }))).toBeNull();
    expect(nodeId(rec('test_z', { classname: 'not a module' }))).toBeNull();
  });

  it('runs the failed node ids without the paths the command collects, and needs no cache', async () => {
    const cwd = await makeTempDir('andon-rerun-');
    await mkdir(path.join(cwd, 'tests'));
    await writeFile(path.join(cwd, 'tests/test_x.py'), '');
    const failed = failing(rec('test_y[1]', { classname: 'tests.test_x.TestC' }), rec('test_w', { classname: 'tests.test_x' }));
    const plan = planRerun(['python3', '-m', 'pytest', '-p', 'no:cacheprovider', 'tests', '-k', 'tests', '--junitxml', 'out/r.xml', '-q'], failed, shellArgv, { ...opts, cwd, pytestNodeId: nodeId });
    expect(plan).toMatchObject({ mode: 'failed-only', runner: 'pytest', why: 'pytest: only the 2 failed test(s), by node id' });
    // `tests` is a folder under cwd: dropped; `-k tests` is an option's value: kept; the report goes elsewhere.
    expect(plan.argv).toEqual(['python3', '-m', 'pytest', '-p', 'no:cacheprovider', '-k', 'tests', '--junitxml', '/tmp/retry-1/0-r.xml', '-q', 'tests/test_x.py::TestC::test_y[1]', 'tests/test_x.py::test_w']);
  });

  it('uses --lf when a failed test has no node id, and re-runs the whole command when the cache is off too', () => {
    const failed = failing(rec('test_q', { classname: 'nowhere.test_q' }));
    expect(planRerun(['pytest', '-q'], failed, shellArgv, { ...opts, pytestNodeId: nodeId }).argv).toEqual(['pytest', '-q', '--lf']);
    const off = planRerun(['pytest', '-p', 'no:cacheprovider'], failed, shellArgv, { ...opts, pytestNodeId: nodeId });
    expect(off).toMatchObject({ mode: 'whole-command', argv: ['pytest', '-p', 'no:cacheprovider'] });
    expect(off.why).toMatch(/without its cache \(-p no:cacheprovider\), so --lf cannot select them/);
  });
});

describe('retry reports written apart', () => {
  it('redirects every report the command names, in argv or in the environment; a string command stays a string', () => {
    expect(redirectReports(['vitest', 'run', '--outputFile.junit', 'junit.xml', '--outputFile=other.xml'], {}, '/r')).toEqual({
      argv: ['vitest', 'run', '--outputFile.junit', '/r/0-junit.xml', '--outputFile=/r/1-other.xml'],
      env: {},
      reports: ['/r/0-junit.xml', '/r/1-other.xml'],
    });
    expect(redirectReports(['jest', '--ci'], { JEST_JUNIT_OUTPUT_FILE: 'reports/jest.xml' }, '/r')).toEqual({ argv: ['jest', '--ci'], env: { JEST_JUNIT_OUTPUT_FILE: '/r/0-jest.xml' }, reports: ['/r/0-jest.xml'] });
    expect(redirectReports(['npm', 'test'], {}, '/r')).toBeNull();
    const plan = planRerun('go test ./... | go-junit-report', failing(rec('TestX')), shellArgv, opts);
    expect(plan).toMatchObject({ reports: null, mode: 'whole-command' });
    expect(planRerun('pytest --junitxml=r.xml', failing(rec('t')), shellArgv, opts).argv).toEqual(['bash', '-c', 'pytest --junitxml=/tmp/retry-1/0-r.xml --lf']);
  });
});

describe('usageError', () => {
  const res = (exitCode: number, tail: string): ProcessResult => ({ argv: [], exitCode, signal: null, timedOut: false, cancelled: false, durationMs: 1, tail });
  it.each([
    ['pytest', 4, 'ERROR: usage: pytest [options]\npytest: error: unrecognized arguments: --lf\n', 'pytest: error: unrecognized arguments: --lf'],
    ['pytest', 2, '!!! Interrupted: 1 error during collection !!!\n', 'pytest exited with 2 (interrupted, e.g. by an error while collecting): !!! Interrupted: 1 error during collection !!!'],
    ['vitest', 1, 'CACError: Unknown option `--bogus`\n', 'CACError: Unknown option `--bogus`'],
    ['jest', 1, '● Unrecognized CLI Parameter:\n\n  Unrecognized option "bogus".\n', '● Unrecognized CLI Parameter:'],
    ['go', 2, 'flag provided but not defined: -bogus\n', 'flag provided but not defined: -bogus'],
  ] as const)('%s exit %i is a usage error', (runner, code, tail, said) => {
    expect(usageError(runner, res(code, tail))).toBe(said);
  });
  it('is not one when tests ran and failed', () => {
    expect(usageError('pytest', res(1, '1 failed, 2 passed\n'))).toBeNull();
    expect(usageError('vitest', res(0, ''))).toBeNull();
  });
});
