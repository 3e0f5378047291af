import { describe, expect, it } from 'vitest';
import { shellArgv } from '../../../src/core/process-runner.js';
import { reportsNamedByCommand } from '../../../src/stages/regression/report-files.js';
import { detectRunner, planRerun, splitCommand, type FailedTests, type RerunTest } from '../../../src/stages/regression/rerun.js';

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
    expect(planRerun(['go', 'test', './...'], failed, shellArgv).argv).toEqual(['go', 'test', './...', '-run', '^(?:TestParse|TestLoad)$']);
    expect(planRerun(['pytest', '--junitxml=r.xml'], failed, shellArgv).argv).toEqual(['pytest', '--junitxml=r.xml', '--lf']);
    expect(planRerun(['npx', 'jest'], failing(rec('math adds (1+1)')), shellArgv).argv).toEqual(['npx', 'jest', '-t', '^(?:math adds \\(1\\+1\\))$']);
    expect(planRerun(['npx', 'mocha'], failing(rec('a b')), shellArgv).argv).toEqual(['npx', 'mocha', '--grep', '^(?:a b)$']);
    const v = planRerun(['npx', 'vitest', 'run'], failing(rec('parser > reads a file', { classname: 'test/parser.test.ts' })), shellArgv);
    expect(v).toMatchObject({ mode: 'failed-only', runner: 'vitest', argv: ['npx', 'vitest', 'run', 'test/parser.test.ts', '-t', '(?:reads a file)$'] });
  });

  it('extends a plain string command, but re-runs shell pipelines and unknown runners whole', () => {
    expect(planRerun('go test ./...', failing(rec('TestX')), shellArgv).argv).toEqual(['bash', '-c', "go test ./... -run '^(?:TestX)$'"]);
    expect(planRerun('go test ./... && echo done', failing(rec('TestX')), shellArgv)).toMatchObject({ mode: 'whole-command', argv: ['bash', '-c', 'go test ./... && echo done'] });
    expect(planRerun(['npm', 'test'], failing(rec('x')), shellArgv)).toMatchObject({ mode: 'whole-command', runner: null, argv: ['npm', 'test'] });
    expect(planRerun(['go', 'test'], { count: 201, named: null }, shellArgv)).toMatchObject({ mode: 'whole-command', why: '201 failed tests are too many to name, so the command is re-run whole' });
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
