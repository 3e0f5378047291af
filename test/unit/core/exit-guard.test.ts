// A stage whose code ends the process (process.exit, an error nothing caught) still leaves a finished record and a
// non-zero exit code: the engine's guard in a real process, and the bundled CLI with an ESLint config that exits.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RunRecord } from '../../../src/core/run-record.js';
import { spawnCli } from '../../helpers/cli.js';
import { makeRepo } from '../../helpers/git-repo.js';
import { makeTempDir } from '../../helpers/stage-context.js';
import { commitBase, makeWorkspace, repoRoot } from '../static-analysis/fixture-repo.js';

const src = (rel: string) => JSON.stringify(pathToFileURL(path.join(repoRoot, 'src', rel)).href);

/** A line whose first stage (a kind of its own, in this process) ends the process the way `how` says. */
const script = (ws: string, how: string) => `
import { CommandOptions } from ${src('stages/command/index.ts')};
import { parseConfig } from ${src('core/config.ts')};
import { ExitGuard } from ${src('core/exit-guard.ts')};
import { runLine } from ${src('core/line.ts')};
import { FsStore } from ${src('core/store.ts')};
import { defaultRegistry } from ${src('stages/index.ts')};
import { thisProcess } from ${src('this-process.ts')};

const guard = new ExitGuard();
process.on('exit', (code) => {
  const guarded = guard.onExit(code);
  if (guarded !== null) process.exitCode = guarded;
});
const registry = defaultRegistry();
registry.register({ name: 'rogue', description: 'ends the process', options: CommandOptions, inputs: async () => null, run: async () => { ${how}; return new Promise(() => {}); } });
const yml = 'version: 1\\nline:\\n  - id: rogue\\n    uses: rogue\\n    with: { run: [x] }\\n  - id: after\\n    uses: command\\n    with: { run: [${JSON.stringify(process.execPath).replace(/"/g, '\\"')}, "-e", ""] }\\n';
const ws = ${JSON.stringify(ws)};
await runLine({ workspace: ws, config: parseConfig(yml, 'andon.yml', registry), registry, store: new FsStore(ws + '/.andon/runs'), env: { PATH: process.env.PATH }, writer: thisProcess(), guard });
`;

function runScript(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: repoRoot, stdio: 'ignore' });
    child.on('close', (code) => resolve(code ?? -1));
  });
}

function onlyRecord(ws: string): RunRecord {
  const [serial] = readdirSync(path.join(ws, '.andon/runs'));
  return RunRecord.parse(JSON.parse(readFileSync(path.join(ws, '.andon/runs', serial!, 'run.json'), 'utf8')));
}

describe('a stage that ends the process', () => {
  it.each([
    ['process.exit(0)', 'process.exit(0)', 0],
    ['an error nothing catches', "setTimeout(() => { throw new Error('thrown where nothing catches it'); })", 1],
  ])('(%s) leaves the record finished: errored with the reason, later stages skipped, exit 1', async (_what, how, code) => {
    const ws = await makeRepo({});
    const file = path.join(await makeTempDir('andon-script-'), 'line.mts');
    await writeFile(file, script(ws, how));
    expect(await runScript(file)).toBe(1);
    const record = onlyRecord(ws);
    expect(record.verdict).toBe('errored');
    expect(record.finishedAt).not.toBeNull();
    expect(record.stages.map((s) => [s.id, s.state])).toEqual([
      ['rogue', 'errored'],
      ['after', 'skipped'],
    ]);
    expect(record.stages[0]!.reason).toContain(`the process ended (exit code ${code}) while this stage ran`);
  });

  it('an ESLint config that calls process.exit(0) does not make andon pass: the record is finished, the exit code 1', async () => {
    const ws = await makeWorkspace({
      'eslint.config.js': 'process.exit(0);\nexport default [];\n',
      'a.js': 'export const a = 1;\n',
      'andon.yml': `version: 1\nline:\n  - id: lint\n    uses: static-analysis\n    with: { eslint: true, filter: nofilter }\n  - id: after\n    uses: command\n    with: { run: [${JSON.stringify(process.execPath)}, "-e", ""] }\n`,
    });
    commitBase(ws);
    const { done } = spawnCli(['run'], ws);
    const { code } = await done;
    expect(code).toBe(1);
    const record = onlyRecord(ws);
    expect(record.verdict).toBe('errored');
    expect(record.stages.map((s) => [s.id, s.state])).toEqual([
      ['lint', 'errored'],
      ['after', 'skipped'],
    ]);
    expect(record.stages[0]!.reason).not.toBe('running');
  });
});
