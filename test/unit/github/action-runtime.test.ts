// The runner's protocol as the runner reads it: real GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files, workflow commands.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINE_BREAK, RunnerRuntime, workflowCommand } from '../../../src/github/action-runtime.js';
import { Input, Output, State } from '../../../src/github/constants.js';
import { parseCommands, parseFileCommands } from '../../e2e/action-step.js';
import { makeTempDir } from '../../helpers/stage-context.js';

async function runnerFiles() {
  const dir = await makeTempDir('andon-rt-');
  const env = {
    GITHUB_OUTPUT: path.join(dir, 'out'),
    GITHUB_STATE: path.join(dir, 'state'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
  };
  for (const f of Object.values(env)) await writeFile(f, '');
  return env;
}

describe('RunnerRuntime', () => {
  it('writes outputs and state in the heredoc form, multi-line values intact', async () => {
    const files = await runnerFiles();
    const lines: string[] = [];
    const rt = new RunnerRuntime(files, (l) => lines.push(l));
    rt.setOutput(Output.stages, '[{"id":"a"}]\nsecond line');
    rt.setOutput(Output.verdict, 'failed');
    rt.saveState(State.serial, 'gh-1-1');
    rt.appendSummary('## hello');
    const out = parseFileCommands(await readFile(files.GITHUB_OUTPUT, 'utf8'));
    expect(out).toEqual({ stages: '[{"id":"a"}]\nsecond line', verdict: 'failed' });
    expect(parseFileCommands(await readFile(files.GITHUB_STATE, 'utf8'))).toEqual({ 'andon-serial': 'gh-1-1' });
    expect(await readFile(files.GITHUB_STEP_SUMMARY, 'utf8')).toBe('## hello\n');
  });

  it('reads inputs as the runner passes them (INPUT_ + upper case, dashes kept) and STATE_ values', () => {
    const rt = new RunnerRuntime({ 'INPUT_FROM-STAGE': '  unit ', 'STATE_andon-serial': 'gh-9-2' }, () => undefined);
    expect(rt.input(Input.fromStage)).toBe('unit');
    expect(rt.input(Input.resume)).toBe('');
    expect(rt.state(State.serial)).toBe('gh-9-2');
  });

  it('escapes workflow command data and properties so a message cannot start another command', () => {
    const line = workflowCommand('error', { file: 'a,b:c.ts', line: 3 }, '50% done\n::set-output name=x::y');
    expect(line).toBe('::error file=a%2Cb%3Ac.ts,line=3::50%25 done%0A::set-output name=x::y');
    expect(line.split('\n')).toHaveLength(1);
    expect(parseCommands(line)).toEqual([{ command: 'error', props: { file: 'a,b:c.ts', line: '3' }, message: '50% done\n::set-output name=x::y' }]);
  });

  it('prints tool output with workflow commands stopped, and resumes them before its own warnings', () => {
    const lines: string[] = [];
    const rt = new RunnerRuntime({}, (l) => lines.push(l));
    rt.startGroup('andon ▶ unit');
    rt.echoUntrusted('::add-mask::leak');
    rt.echoUntrusted('::warning::from a tool');
    rt.logger.warn('from andon');
    rt.endGroup();
    const commands = parseCommands(lines.join('\n'));
    expect(commands.map((c) => `${c.command}:${c.message}`)).toEqual(['group:andon ▶ unit', 'warning:from andon', 'endgroup:']);
    expect(lines.join('\n')).toContain('::add-mask::leak');
  });

  it('prints untrusted text (reasons, rule ids, paths) so that no line of it is a command the runner obeys', async () => {
    const files = await runnerFiles();
    const lines: string[] = [];
    const rt = new RunnerRuntime(files, (l) => lines.push(l));
    const hostile = [
      'rule\n::set-output name=verdict::passed\n::add-mask::hunter2',
      'cr\r::set-output name=verdict::passed',
      '   ::add-mask::indented',
      '##[set-output name=verdict;]passed',
      'ls\u2028::set-output name=verdict::passed',
      '::stop-commands::abc',
    ];
    for (const h of hostile) {
      rt.logger.info(`andon ■ lint: failed (${h})`);
      rt.logger.info(h);
      rt.logger.warn(h);
      rt.logger.error(h);
      rt.logger.debug(h);
      rt.annotate({ level: 'error', title: h, file: h, line: 3, message: h });
      rt.startGroup(h);
      rt.echoUntrusted(h);
      rt.endGroup();
    }
    rt.setOutput(Output.verdict, 'failed');
    // What the runner reads from stdout: lines end at \r or \n.
    const commands = parseCommands(`${lines.join('\n')}\n`);
    expect(commands.map((c) => c.command).filter((c) => !['warning', 'error', 'debug', 'group', 'endgroup'].includes(c))).toEqual([]);
    // Warnings, errors and annotations carry each hostile string whole, as data (any line break shown as a newline).
    for (const h of hostile) expect(commands.filter((c) => c.command === 'error' && c.message === h.split(LINE_BREAK).join('\n')), h).toHaveLength(2);
    expect(commands.find((c) => c.command === 'error' && c.props.title)?.props.file).toBe(hostile[0]);
    expect(parseFileCommands(await readFile(files.GITHUB_OUTPUT, 'utf8'))).toEqual({ verdict: 'failed' });
  });

  it('warns instead of failing when GITHUB_OUTPUT is not set', () => {
    const lines: string[] = [];
    const rt = new RunnerRuntime({}, (l) => lines.push(l));
    rt.setOutput(Output.serial, 'x');
    expect(lines.join('\n')).toContain('::warning::GITHUB_OUTPUT is not set');
  });
});
