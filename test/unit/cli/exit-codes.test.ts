// Mistakes a user can make on the command line are exit 2 with a message, never exit 3 ("a bug in Andon").
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { makeRepo } from '../../helpers/git-repo.js';

const yml = `version: 1\nline:\n  - id: a\n    uses: command\n    with: { run: [${JSON.stringify(process.execPath)}, "-e", ""] }\n`;

describe('exit codes for what the user asked', () => {
  it('andon trace of a serial the store does not hold, or of no serial at all, is exit 2 with the reason', async () => {
    const ws = await makeRepo({ 'andon.yml': yml });
    expect((await runCli(['run'], ws)).code).toBe(0);
    const unknown = await runCli(['trace', '20260101T000000000Z-abcdef'], ws);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain('no run 20260101T000000000Z-abcdef in');
    expect(unknown.stderr).not.toContain('internal error');
    const nonsense = await runCli(['trace', 'nonsense'], ws);
    expect(nonsense).toMatchObject({ code: 2 });
    expect(nonsense.stderr).toContain('"nonsense" is not an Andon serial');
  });
});
