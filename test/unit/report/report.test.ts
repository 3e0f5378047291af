// `andon report`: the page's data, escaping and Content-Security-Policy, and what it does with bad input.
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportData } from '../../../src/report/html/report-data.js';
import { embedJsonPieces } from '../../../src/report/html/write-html.js';
import { runCli } from '../../helpers/cli.js';
import { HOSTILE, writeSyntheticRun } from '../../helpers/report-fixture.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'andon-report-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const PARENT = '20261120T100000000Z-aaaaaa';
const CHILD = '20261120T110000000Z-bbbbbb';

async function report(root: string, serial: string): Promise<{ code: number; stderr: string; html: string; data: ReportData }> {
  const out = path.join(root, `${serial}.html`);
  const r = await runCli(['report', serial, '--store', root, '--out', out], root);
  if (r.code !== 0) return { code: r.code, stderr: r.stderr, html: '', data: null as unknown as ReportData };
  const html = readFileSync(out, 'utf8');
  const json = /<script type="application\/json" id="andon-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? 'null';
  return { code: r.code, stderr: r.stderr, html, data: JSON.parse(json) as ReportData };
}

describe('andon report', () => {
  it('embeds hostile text as inert data under a CSP that lets only its own script and style run', async () => {
    const root = tempDir();
    await writeSyntheticRun(root, { serial: CHILD, hostile: true });
    const r = await report(root, CHILD);
    expect(r.code).toBe(0);
    // The hostile `</script>` and `<!--` never reach the markup: only the data block and the page script close.
    expect(r.html.match(/<\/script>/g)).toHaveLength(2);
    expect(r.html).not.toContain('<!-- <img');
    expect(r.data.findings.some((f) => f.message === HOSTILE)).toBe(true);
    expect(r.data.tests.name).toContain(`renders ${HOSTILE}`);
    expect(r.data.stages.find((s) => s.id === 'lint')?.reason).toContain(HOSTILE);

    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(r.html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    const script = /<script>([\s\S]*)<\/script>\n<\/body>/.exec(r.html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(r.html)?.[1] ?? '';
    const hash = (t: string) => createHash('sha256').update(t).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
    expect(r.html).not.toMatch(/<(link|script|img)[^>]+(src|href)="https?:/);
  });

  it('writes the data in pieces that join to its JSON with every `<` escaped, at any depth', () => {
    const hostile = fc.constantFrom('</script>', '<!--', '<', '\u2028', '"', '\\', '__proto__', 'toJSON');
    const text = fc.oneof(fc.string(), hostile);
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(tie('value')), fc.dictionary(text, tie('value'))),
    })).value;
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 3 }), (value, depth) => {
        const joined = embedJsonPieces(value, depth).join('');
        expect(joined).toBe(JSON.stringify(value).replace(/</g, '\\u003c'));
        expect(joined).not.toContain('<');
        expect(JSON.parse(joined)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
    // Keys whose values JSON leaves out are left out in pieces too.
    expect(embedJsonPieces({ a: undefined, b: () => 1, c: 1, d: { e: undefined } }, 2).join('')).toBe('{"c":1,"d":{}}');
  });

  it('gathers findings new first, tests by class, the trace matrix, lineage and inputs changed against the parent', async () => {
    const root = tempDir();
    await writeSyntheticRun(root, { serial: PARENT, inputs: { 'src/a.ts': 'blob:1', 'src/b.ts': 'blob:2' } });
    await writeSyntheticRun(root, { serial: CHILD, parent: { serial: PARENT, fromStage: 'unit' }, tests: 40, inputs: { 'src/a.ts': 'blob:1', 'src/b.ts': 'blob:3', 'src/c.ts': 'blob:4' } });
    const { code, data } = await report(root, CHILD);
    expect(code).toBe(0);
    expect(data.run.parent).toEqual({ serial: PARENT, fromStage: 'unit' });
    expect(data.lineage.map((l) => l.serial)).toEqual([CHILD, PARENT]);
    const baselines = data.findings.map((f) => f.baseline);
    expect(baselines.indexOf('unchanged')).toBeGreaterThan(baselines.lastIndexOf('new'));
    expect(data.findings[0]).toMatchObject({ stage: 'lint', level: 'error', baseline: 'new', properties: [{ name: 'traceTo', value: '["REQ-1"]' }] });

    const t = data.tests;
    expect(t.total).toBe(40);
    expect(t.classes[0]).toBe('regression');
    expect(t.classCounts.reduce((a, b) => a + b, 0)).toBe(40);
    // Sorted by class: the class index never goes down along the list.
    expect(t.testClass.every((c, i) => i === 0 || c >= t.testClass[i - 1]!)).toBe(true);
    const failing = t.messageOf.map((i) => t.name[i]);
    expect(failing.length).toBeGreaterThan(0);
    expect(t.message.every((m) => m.startsWith('assertion failed'))).toBe(true);
    expect(failing.every((n, k) => t.message[k]!.endsWith(`case ${/number (\d+)/.exec(n!)![1]}`))).toBe(true);

    expect(data.traces[0]).toMatchObject({ stage: 'spec', counts: { covered: 1, uncovered: 1, failing: 0 } });
    expect(data.traces[0]!.requirements.map((r) => r.status)).toEqual(['covered', 'uncovered']);

    const unit = data.stages.find((s) => s.id === 'unit')!;
    expect(unit.inputs.kind).toBe('changed');
    expect(unit.inputs.files).toEqual([
      { path: 'src/b.ts', change: 'modified' },
      { path: 'src/c.ts', change: 'added' },
    ]);
    expect(unit.artifacts.every((a) => a.status === 'verified')).toBe(true);
  });

  it('reports artifacts that no longer verify, and a missing stage folder, without failing', async () => {
    const root = tempDir();
    await writeSyntheticRun(root, { serial: CHILD, parent: { serial: PARENT, fromStage: 'unit' } });
    writeFileSync(path.join(root, CHILD, 'lint', 'log.txt'), 'edited afterwards\n');
    rmSync(path.join(root, CHILD, 'unit'), { recursive: true });
    const { code, data } = await report(root, CHILD);
    expect(code).toBe(0);
    const lint = data.stages.find((s) => s.id === 'lint')!;
    expect(lint.artifacts.find((a) => a.path === 'lint/log.txt')?.status).toBe('modified');
    const unit = data.stages.find((s) => s.id === 'unit')!;
    expect(unit.artifacts.every((a) => a.status === 'missing')).toBe(true);
    expect(unit.notes.join(' ')).toMatch(/stage folder is not in this store/);
    expect(data.tests.total).toBe(0);
    // The parent is not in this store: the lineage says so.
    expect(data.lineage[1]).toMatchObject({ serial: PARENT, verdict: null });
    expect(data.lineage[1]!.problem).toMatch(/no run/);
  });

  it('refuses a record of another schema version with a message naming it, exit 2', async () => {
    const root = tempDir();
    await writeSyntheticRun(root, { serial: CHILD });
    const file = path.join(root, CHILD, 'run.json');
    const record = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...record, schema: 'andon.run/v2' }));
    let r = await runCli(['report', CHILD, '--store', root], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('andon.run/v2');
    expect(r.stderr).toContain('a newer Andon wrote it');
    expect(r.stderr).toContain(file);
    writeFileSync(file, JSON.stringify({ ...record, schema: 'andon.run/v0' }));
    r = await runCli(['report', CHILD, '--store', root], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('recorded as andon.run/v0; this Andon reads andon.run/v1');
  });

  it('reads what it can of stage files in another format, and says what it could not', async () => {
    const root = tempDir();
    await writeSyntheticRun(root, { serial: CHILD });
    writeFileSync(path.join(root, CHILD, 'unit', 'result.json'), JSON.stringify({ schema: 'andon.regression-result/v9' }));
    writeFileSync(path.join(root, CHILD, 'spec', 'result.json'), JSON.stringify({ traceability: { file: '../../run.json' } }));
    writeFileSync(path.join(root, CHILD, 'lint', 'findings.sarif'), '{"version":"2.1.0"');
    const { code, data } = await report(root, CHILD);
    expect(code).toBe(0);
    expect(data.notes).toEqual([
      expect.stringMatching(/^stage spec, traceability: result\.json names "\.\.\/\.\.\/run\.json" as its trace file/),
      expect.stringMatching(/^stage lint, findings: findings\.sarif: /),
      'stage unit, tests: result.json is andon.regression-result/v9; this Andon reads andon.regression-result/v2',
    ]);
  });

  it('a store without runs: a clear message; exit 2 only for a bad argument', async () => {
    const root = tempDir();
    let r = await runCli(['metrics', '--store', root], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`no finished runs in ${root}`);
    r = await runCli(['metrics', '--store', root, '--json'], root);
    expect(JSON.parse(r.stdout)).toMatchObject({ runs: 0, stages: [], series: [] });
    r = await runCli(['report', CHILD, '--store', root], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('that store holds no runs yet');
    r = await runCli(['report', '--store', root], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('andon report needs a serial');
    r = await runCli(['metrics', '--by', 'month', '--store', root], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--by takes day or week');
    r = await runCli(['metrics', '--last', '0', '--store', root], root);
    expect(r.code).toBe(2);
  });
});
