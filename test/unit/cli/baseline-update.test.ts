// `andon baseline update`: the newest run of this config on this commit, said out loud; refused when there is none.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { commitAll, gitIn, makeRepo } from '../../helpers/git-repo.js';

/** A SARIF file with one error per message, on a.txt. */
function sarif(messages: string[]): string {
  const results = messages.map((m, i) => ({ ruleId: 'r', level: 'error', message: { text: m }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.txt' }, region: { startLine: i + 1 } } }] }));
  return JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'writer', rules: [{ id: 'r' }] } }, results }] });
}

const config = (report: string) => `version: 1\nline:\n  - id: lint\n    uses: static-analysis\n    with: { sarif: ${report}, filter: nofilter }\n`;

async function entries(ws: string): Promise<string[]> {
  const file = JSON.parse(await readFile(path.join(ws, '.andon/baselines/lint.json'), 'utf8')) as { entries: { message: string }[] };
  return file.entries.map((e) => e.message).sort();
}

describe('andon baseline update', () => {
  it('takes the newest run of this config on this commit, names it, and refuses a run of another config or commit', async () => {
    const ws = await makeRepo({
      '.gitignore': '.andon/runs/\n.andon/cache/\n',
      'andon.yml': config('mine.sarif'),
      'other.yml': config('theirs.sarif'),
      'a.txt': '1\n2\n3\n',
      'mine.sarif': sarif(['mine']),
      'theirs.sarif': sarif(['theirs one', 'theirs two', 'theirs three']),
    });
    const head = gitIn(ws, 'rev-parse', 'HEAD').slice(0, 7);

    const none = await runCli(['baseline', 'update'], ws);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`no finished run of andon.yml (as it is now) on this commit ${head} to take a baseline from. Run \`andon run\` first, or name a run with --from <serial>`);

    // A failed run of another config is the newest run: it is not taken, and the refusal says why.
    const other = (await runCli(['run', '--config', 'other.yml'], ws)).stdout.trim();
    const refused = await runCli(['baseline', 'update'], ws);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`the newest run, ${other}, is not one: it ran other.yml`);

    const mine = await runCli(['run'], ws);
    expect(mine.code).toBe(1);
    const serial = mine.stdout.trim();
    const taken = await runCli(['baseline', 'update'], ws);
    expect(taken.code).toBe(0);
    expect(taken.stderr).toMatch(new RegExp(`^baseline from run ${serial} \\(failed, \\S+, andon\\.yml on ${head}\\)\\n`));
    expect(taken.stdout).toBe('.andon/baselines/lint.json ← lint\n');
    expect(await entries(ws)).toEqual(['mine']);

    // The config changed since that run: its run no longer is this config's.
    await writeFile(path.join(ws, 'andon.yml'), config('mine.sarif').replace('filter: nofilter', 'filter: nofilter, failOn: warning'));
    expect((await runCli(['baseline', 'update'], ws)).stderr).toContain(`is not one: it ran other contents of andon.yml`);

    // A new commit: the runs were of its parent.
    commitAll(ws, 'next');
    const moved = await runCli(['baseline', 'update'], ws);
    expect(moved.code).toBe(2);
    expect(moved.stderr).toContain(`it ran on ${head}`);

    // --from takes the run named, whatever it ran.
    const chosen = await runCli(['baseline', 'update', '--from', other], ws);
    expect(chosen.code).toBe(0);
    expect(chosen.stderr).toContain(`baseline from run ${other} (failed, `);
    expect(chosen.stderr).toContain('other.yml on');
    expect(await entries(ws)).toEqual(['theirs one', 'theirs three', 'theirs two']);
  }, 60_000);

  it('never takes a run of a working tree with uncommitted changes: its baseline would be of no commit', async () => {
    const ws = await makeRepo({ '.gitignore': '.andon/runs/\n.andon/cache/\n', 'andon.yml': config('mine.sarif'), 'a.txt': '1\n2\n3\n', 'mine.sarif': sarif(['committed']) });
    const clean = (await runCli(['run'], ws)).stdout.trim();
    // The working tree gains two findings, uncommitted: a run of it fails on them.
    await writeFile(path.join(ws, 'mine.sarif'), sarif(['committed', 'uncommitted one', 'uncommitted two']));
    const dirty = await runCli(['run'], ws);
    expect(dirty.code).toBe(1);
    const dirtySerial = dirty.stdout.trim();
    gitIn(ws, 'checkout', '--', 'mine.sarif');

    // By default the newest run of this commit that was of the commit itself is taken, and the dirty one passed over.
    const taken = await runCli(['baseline', 'update'], ws);
    expect(taken.code).toBe(0);
    expect(taken.stderr).toContain(`baseline from run ${clean} (`);
    expect(await entries(ws)).toEqual(['committed']);

    // Named, it is refused, with why and what to do.
    const named = await runCli(['baseline', 'update', '--from', dirtySerial], ws);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain(`run ${dirtySerial} cannot give a baseline to commit: it ran on a working tree with uncommitted changes`);
    expect(await entries(ws)).toEqual(['committed']);

    // Alone on this commit, it is not taken either, and the refusal says why.
    await runCli(['runs', 'prune', '--keep', '1'], ws);
    const alone = await runCli(['baseline', 'update'], ws);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain(`the newest run, ${dirtySerial}, is not one: it ran on a working tree with uncommitted changes`);
  }, 60_000);
});
