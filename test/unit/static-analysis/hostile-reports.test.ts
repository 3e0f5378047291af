// Reports as an attacker or a broken tool writes them: links to devices, FIFOs, bad bytes, absurd line numbers.
import { execFileSync } from 'node:child_process';
import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintAll } from '../../../src/core/fingerprint.js';
import type { Finding } from '../../../src/core/findings.js';
import { staticAnalysisStage } from '../../../src/stages/static-analysis/index.js';
import { StaticAnalysisOptions } from '../../../src/stages/static-analysis/options.js';
import { makeStageContext } from '../../helpers/stage-context.js';
import { makeWorkspace, writeFiles } from './fixture-repo.js';

async function runStage(workspace: string, options: Record<string, unknown>) {
  const ctx = await makeStageContext({ workspace, options: StaticAnalysisOptions.parse(options), stageId: 'sa', uses: 'static-analysis' });
  const outcome = await staticAnalysisStage.run(ctx);
  return { outcome, findings: (outcome.findings ?? []) as Finding[] };
}

const sarifWith = (region: Record<string, unknown>) =>
  JSON.stringify({
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 't' } }, results: [{ ruleId: 'r', level: 'warning', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a.js' }, region } }] }] }],
  });

describe('static-analysis reports that are not plain files', () => {
  it('refuses a report that links to /dev/zero instead of reading it forever', async () => {
    const ws = await makeWorkspace({}, { withNodeModules: false });
    await symlink('/dev/zero', path.join(ws, 'r.sarif'));
    const { outcome } = await runStage(ws, { sarif: 'r.sarif', filter: 'nofilter' });
    expect(outcome).toMatchObject({ state: 'errored', reason: 'sarif: path "r.sarif" leads outside the workspace through a symlink; refusing to read it' });
  });

  it('refuses a FIFO behind a link as a report instead of waiting for a writer', async () => {
    const ws = await makeWorkspace({}, { withNodeModules: false });
    execFileSync('mkfifo', [path.join(ws, 'fifo')]);
    await symlink('fifo', path.join(ws, 'r.sarif'));
    const { outcome } = await runStage(ws, { sarif: 'r.sarif', filter: 'nofilter' });
    expect(outcome).toMatchObject({ state: 'errored', reason: 'sarif: r.sarif is a FIFO, not a regular file; not read' });
  });

  it('refuses a report with invalid UTF-8 at its line and column', async () => {
    const ws = await makeWorkspace({}, { withNodeModules: false });
    await writeFile(path.join(ws, 'r.sarif'), Buffer.concat([Buffer.from('{"version":"2.1.0",\n"runs":[{"x":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}')]));
    const { outcome } = await runStage(ws, { sarif: 'r.sarif', filter: 'nofilter' });
    expect(outcome).toMatchObject({ state: 'errored', reason: 'sarif: r.sarif:2:15: not valid UTF-8 (byte 0xc3); a report must be UTF-8 text' });
  });
});

describe('line numbers no file has', () => {
  it.each([
    ['2^53', 9007199254740992],
    ['2^53 + 2', 9007199254740994],
    ['1e300', 1e300],
    ['0', 0],
    ['a fraction', 1.5],
  ])('startLine %s: fingerprinting ends, the finding is kept without the line and with a note', async (_what, startLine) => {
    const ws = await makeWorkspace({ 'src/a.js': 'one\ntwo\n' }, { withNodeModules: false });
    await writeFiles(ws, { 'r.sarif': sarifWith({ startLine, startColumn: 2, endLine: startLine }) });
    const { outcome, findings } = await runStage(ws, { sarif: 'r.sarif', filter: 'nofilter', failOn: 'error' });
    expect(outcome.state).toBe('passed');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.location).toEqual({ path: 'src/a.js' });
    expect(findings[0]!.note).toMatch(/^region startLine .* out of range \(1 to 2147483647\); dropped$/);
    expect(findings[0]!.fingerprint).toMatch(/^[0-9a-f]{16}:1$/);
  });

  it('fingerprints whatever line number it is given, in bounded work', async () => {
    const lines = ['a', 'b', 'c'];
    for (const startLine of [2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, Infinity, -Infinity, NaN, 1e20, -5]) {
      const [fp] = await fingerprintAll([{ ruleId: 'r', message: 'm', location: { path: 'f', startLine } }], async () => lines);
      expect(fp, String(startLine)).toMatch(/^[0-9a-f]{16}:1$/);
    }
  });

  it('takes a checkstyle line beyond any file as no line', async () => {
    const ws = await makeWorkspace({ 'src/a.js': 'x\n' }, { withNodeModules: false });
    await writeFiles(ws, { 'cs.xml': '<checkstyle><file name="src/a.js"><error line="99999999999999999999" column="3" severity="warning" message="m" source="s"/></file></checkstyle>' });
    const { outcome, findings } = await runStage(ws, { checkstyle: 'cs.xml', filter: 'nofilter', failOn: 'error' });
    expect(outcome.state).toBe('passed');
    expect(findings[0]!.location).toEqual({ path: 'src/a.js' });
  });
});
