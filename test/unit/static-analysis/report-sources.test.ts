import { mkdir, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings.js';
import { writeOutcome } from '../../../src/core/stage-folder.js';
import { parseCheckstyle } from '../../../src/stages/static-analysis/checkstyle-xml.js';
import { staticAnalysisStage } from '../../../src/stages/static-analysis/index.js';
import { StaticAnalysisOptions } from '../../../src/stages/static-analysis/options.js';
import { makeStageContext, makeTempDir } from '../../helpers/stage-context.js';
import { commitBase, makeWorkspace, writeFiles } from './fixture-repo.js';

async function runStage(workspace: string, options: Record<string, unknown>, extra: { baseSha?: string; baselineJson?: unknown; baselineOrigin?: string; baseUnavailable?: string } = {}) {
  const ctx = await makeStageContext({ workspace, options: StaticAnalysisOptions.parse(options), stageId: 'sa', uses: 'static-analysis', ...extra });
  const outcome = await staticAnalysisStage.run(ctx);
  return { outcome, ctx, findings: (outcome.findings ?? []) as Finding[] };
}

const sarif = (results: unknown[], run: Record<string, unknown> = {}) =>
  JSON.stringify({
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'Semgrep OSS', semanticVersion: '1.90.0', rules: [{ id: 'js.eval', defaultConfiguration: { level: 'error' }, helpUri: 'https://semgrep.dev/r/js.eval' }] } }, results, ...run }],
  });

describe('static-analysis sarif source', () => {
  it('maps results with tool name/version, rule default level, uriBaseId and file:// URIs', async () => {
    const ws = await makeWorkspace({ 'src/app.js': 'line1\neval(x)\nline3\n', 'lib/b.js': 'a\n' }, { withNodeModules: false });
    const results = [
      { ruleId: 'js.eval', message: { text: 'eval is dangerous' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'app.js', uriBaseId: 'SRC' }, region: { startLine: 2, startColumn: 1 } } }] },
      { ruleIndex: 0, level: 'note', message: { text: 'by file uri' }, locations: [{ physicalLocation: { artifactLocation: { uri: pathToFileURL(path.join(ws, 'lib/b.js')).href }, region: { startLine: 1 } } }] },
      { ruleId: 'js.eval', kind: 'pass', message: { text: 'not a problem' } },
      { ruleId: 'js.eval', message: { text: 'suppressed' }, suppressions: [{ kind: 'inSource' }] },
    ];
    await writeFiles(ws, { 'reports/semgrep.sarif': sarif(results, { originalUriBaseIds: { SRC: { uri: 'src/', uriBaseId: '%SRCROOT%' } } }) });
    const { outcome, findings } = await runStage(ws, { sarif: 'reports/*.sarif', filter: 'nofilter' });
    expect(outcome.state).toBe('failed');
    expect(outcome.tools).toEqual({ 'Semgrep OSS': '1.90.0' });
    expect(findings).toHaveLength(2);
    const byPath = Object.fromEntries(findings.map((f) => [f.location!.path, f]));
    expect(byPath['src/app.js']).toMatchObject({ level: 'error', ruleId: 'js.eval', helpUri: 'https://semgrep.dev/r/js.eval', location: { startLine: 2, startColumn: 1 }, tool: { name: 'Semgrep OSS', version: '1.90.0' } });
    expect(byPath['lib/b.js']).toMatchObject({ level: 'note', ruleId: 'js.eval' });
  });

  it('keeps a finding whose path is outside the workspace, with the path refused and a note', async () => {
    const ws = await makeWorkspace({}, { withNodeModules: false });
    await writeFiles(ws, {
      'r.sarif': sarif([
        { ruleId: 'x', level: 'warning', message: { text: 'dots' }, locations: [{ physicalLocation: { artifactLocation: { uri: '../../etc/passwd' }, region: { startLine: 1 } } }] },
        { ruleId: 'x', level: 'warning', message: { text: 'abs' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///etc/hosts' } } }] },
      ]),
    });
    const { outcome, findings } = await runStage(ws, { sarif: 'r.sarif', filter: 'nofilter', failOn: 'warning' });
    expect(findings).toHaveLength(2);
    for (const f of findings) {
      expect(f.location).toBeUndefined();
      expect(f.note).toMatch(/is outside the workspace; location refused/);
    }
    expect(findings.map((f) => f.note).join()).toContain('../../etc/passwd');
    expect(outcome.state).toBe('failed');
  });

  it('refuses a finding path that leads out through a symlink', async () => {
    const ws = await makeWorkspace({}, { withNodeModules: false });
    const outside = await makeTempDir('andon-outside-');
    await writeFile(path.join(outside, 'secret.js'), 'secret\n');
    await symlink(outside, path.join(ws, 'link'));
    await writeFiles(ws, { 'r.sarif': sarif([{ ruleId: 'x', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'link/secret.js' }, region: { startLine: 1 } } }] }]) });
    const { findings } = await runStage(ws, { sarif: 'r.sarif', filter: 'nofilter' });
    expect(findings[0]!.location).toBeUndefined();
    expect(findings[0]!.note).toContain('leads outside the workspace through a symlink');
  });

  it('an ingested report without a judged base: findings in the change block, the others are of unknown age, kept', async () => {
    const ws = await makeWorkspace({ 'a.js': 'one\ntwo\n', 'b.js': 'b\n' }, { withNodeModules: false });
    const base = commitBase(ws);
    await writeFile(path.join(ws, 'a.js'), 'one\ntwo\nthree\n');
    await writeFiles(ws, {
      'r.sarif': sarif(['a.js:1', 'a.js:3', 'b.js:1'].map((s) => {
        const [uri, line] = s.split(':');
        return { ruleId: 'js.eval', message: { text: s }, locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: Number(line) } } }] };
      })),
    });
    const why = 'an ingested report cannot be made again at the base';
    const { outcome, findings, ctx } = await runStage(ws, { sarif: 'r.sarif', filter: 'added' }, { baseSha: base, baseUnavailable: why });
    expect(Object.fromEntries(findings.map((f) => [f.message, `${f.inDiff}:${f.baseline}`]))).toEqual({ 'a.js:1': 'false:unknown', 'a.js:3': 'true:new', 'b.js:1': 'false:unknown' });
    expect(outcome.counts).toMatchObject({ blocking: 1, outsideDiff: 2, unknownAge: 2 });
    expect(outcome.reason).toContain(`the base could not be judged (${why}): findings outside the change are of unknown age`);
    // Kept in the record: the SARIF has all three, those of unknown age say so in their properties.
    writeOutcome(ctx.outDir, 'sa', outcome, ctx.masker);
    const log = JSON.parse(await readFile(path.join(ctx.outDir, 'findings.sarif'), 'utf8')).runs[0].results as { baselineState?: string; properties?: { age?: string } }[];
    expect(log.map((r) => r.baselineState ?? r.properties?.age).sort()).toEqual(['new', 'unknown', 'unknown']);
  });

  describe('bad input is errored with a clear message', () => {
    it('malformed JSON', async () => {
      const ws = await makeWorkspace({ 'r.sarif': '{"version": "2.1.0", "runs": [' }, { withNodeModules: false });
      const { outcome } = await runStage(ws, { sarif: 'r.sarif' });
      expect(outcome.state).toBe('errored');
      expect(outcome.reason).toMatch(/^sarif: r\.sarif: not valid JSON \(/);
    });

    it('SARIF of another version', async () => {
      const ws = await makeWorkspace({ 'old.sarif': JSON.stringify({ version: '1.0.0', runLogs: [] }) }, { withNodeModules: false });
      const { outcome } = await runStage(ws, { sarif: '*.sarif' });
      expect(outcome.state).toBe('errored');
      expect(outcome.reason).toContain('old.sarif: SARIF version "1.0.0" is not supported; Andon reads SARIF 2.1.0');
    });

    it('a structurally broken SARIF names the JSON pointer', async () => {
      const ws = await makeWorkspace({ 'r.sarif': JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 't' } }, results: {} }] }) }, { withNodeModules: false });
      const { outcome } = await runStage(ws, { sarif: 'r.sarif' });
      expect(outcome.state).toBe('errored');
      expect(outcome.reason).toContain('r.sarif: /runs/0/results is not an array');
    });

    it('an over-cap SARIF (a sparse 500 MB file) is refused before it is read', async () => {
      const ws = await makeWorkspace({}, { withNodeModules: false });
      await writeFile(path.join(ws, 'huge.sarif'), '');
      await truncate(path.join(ws, 'huge.sarif'), 500 * 1024 * 1024);
      const { outcome } = await runStage(ws, { sarif: 'huge.sarif' });
      expect(outcome.state).toBe('errored');
      expect(outcome.reason).toBe('sarif: huge.sarif: 500.0 MB is over the 128.0 MB cap for one report (raise maxReportBytes to read it)');
    });

    it('the cap is configurable', async () => {
      const ws = await makeWorkspace({ 'r.sarif': sarif([]) }, { withNodeModules: false });
      const { outcome } = await runStage(ws, { sarif: 'r.sarif', maxReportBytes: 64 });
      expect(outcome.state).toBe('errored');
      expect(outcome.reason).toMatch(/r\.sarif: .* is over the 0\.000 MB cap/);
    });

    it('report globs with ".." or absolute paths', async () => {
      const ws = await makeWorkspace({}, { withNodeModules: false });
      for (const pattern of ['../*.sarif', 'reports/../../x.sarif', '/etc/*.sarif']) {
        const { outcome } = await runStage(ws, { sarif: pattern });
        expect(outcome.state).toBe('errored');
        expect(outcome.reason).toMatch(/contains "\.\."|is absolute/);
      }
    });

    it('a report that is a symlink to a file outside the workspace', async () => {
      const ws = await makeWorkspace({}, { withNodeModules: false });
      const outside = await makeTempDir('andon-outside-');
      await writeFile(path.join(outside, 'x.sarif'), sarif([]));
      await symlink(path.join(outside, 'x.sarif'), path.join(ws, 'x.sarif'));
      const { outcome } = await runStage(ws, { sarif: '*.sarif' });
      expect(outcome.state).toBe('errored');
      expect(outcome.reason).toContain('leads outside the workspace through a symlink; refusing to read it');
    });

    it('no report matching is errored, never a silent pass', async () => {
      const ws = await makeWorkspace({}, { withNodeModules: false });
      const { outcome } = await runStage(ws, { sarif: 'reports/*.sarif' });
      expect(outcome.state).toBe('errored');
      expect(outcome.reason).toContain('no file matches "reports/*.sarif"');
    });

    it('a malformed baseline.json is errored, naming where it came from', async () => {
      const ws = await makeWorkspace({ 'r.sarif': sarif([]) }, { withNodeModules: false });
      const { outcome } = await runStage(ws, { sarif: 'r.sarif' }, { baselineJson: { schema: 'something-else' } });
      expect(outcome.state).toBe('errored');
      expect(outcome.reason).toContain('the baseline from test baseline is not an andon.findings-baseline/v1 file');
    });
  });
});

describe('static-analysis checkstyle source', () => {
  const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="10.12.0">\n${body}\n</checkstyle>\n`;

  it('maps files and errors, relative and absolute names, severities and escaped attributes', async () => {
    const ws = await makeWorkspace({ 'src/Main.java': 'class Main {}\n' }, { withNodeModules: false });
    await writeFiles(ws, {
      'build/cs.xml': xml(
        `<file name="${path.join(ws, 'src/Main.java')}">\n` +
          `  <error line="1" column="2" severity="error" message="Missing &quot;javadoc&quot; &amp; more &#x41;" source="com.puppycrawl.tools.checkstyle.checks.javadoc.MissingJavadocTypeCheck"/>\n` +
          `  <error line="1" severity="info" message="info one" source="InfoCheck"/>\n` +
          `  <error line="1" severity="ignore" message="ignored" source="IgnoredCheck"/>\n` +
          `</file>\n<file name="src/Other.java"><error line="3" severity="warning" message="w"/></file>`,
      ),
    });
    const { outcome, findings } = await runStage(ws, { checkstyle: 'build/*.xml', filter: 'nofilter' });
    expect(outcome.tools).toEqual({ checkstyle: '10.12.0' });
    expect(findings.map((f) => [f.location?.path, f.level, f.ruleId]).sort()).toEqual([
      ['src/Main.java', 'error', 'com.puppycrawl.tools.checkstyle.checks.javadoc.MissingJavadocTypeCheck'],
      ['src/Main.java', 'note', 'InfoCheck'],
      ['src/Other.java', 'warning', 'checkstyle'],
    ]);
    const javadoc = findings.find((f) => f.ruleId.endsWith('MissingJavadocTypeCheck'))!;
    expect(javadoc.message).toBe('Missing "javadoc" & more A');
    expect(javadoc.location).toMatchObject({ startLine: 1, startColumn: 2 });
    expect(outcome.state).toBe('failed');
  });

  it('refuses a DTD with entities (billion laughs), errored with the line', async () => {
    const evil = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n<checkstyle><file name="a"><error line="1" severity="error" message="&lol2;"/></file></checkstyle>`;
    const ws = await makeWorkspace({ 'cs.xml': evil }, { withNodeModules: false });
    const { outcome } = await runStage(ws, { checkstyle: 'cs.xml' });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toBe('checkstyle: cs.xml: line 2: <!DOCTYPE> refused: checkstyle reports need no DTD, and DTDs and entities are an XML attack vector');
  });

  it('refuses an undeclared entity reference and a wrong root', () => {
    expect(() => parseCheckstyle('<checkstyle><file name="a"><error message="&xxe;"/></file></checkstyle>')).toThrow('entity reference &xxe; refused');
    expect(() => parseCheckstyle('<testsuites/>')).toThrow('root element is <testsuites>, expected <checkstyle>');
    expect(() => parseCheckstyle('<checkstyle><file name="a"><error message="a & b"/></file></checkstyle>')).toThrow('bare "&"');
  });

  it('ignores comments and CDATA and reads both quote styles', () => {
    const r = parseCheckstyle(`<!-- c --><checkstyle><![CDATA[<file name="no">]]><file name='a.js'><error line='4' severity='warning' message='q "x"' source='s'/></file></checkstyle>`);
    expect(r.files).toEqual([{ name: 'a.js', errors: [{ line: 4, severity: 'warning', message: 'q "x"', source: 's' }] }]);
  });
});

describe('static-analysis tsc source', () => {
  it('type-checks with the workspace TypeScript: diagnostics with file:line:col, TS codes, version', async () => {
    const ws = await makeWorkspace({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', types: [] }, include: ['src'] }),
      'src/a.ts': 'export const n: number = "nope";\n',
      'src/b.ts': 'export const ok = 1;\n',
    });
    const { outcome, findings } = await runStage(ws, { tsc: true, filter: 'nofilter' });
    expect(outcome.state).toBe('failed');
    expect(outcome.tools?.typescript).toMatch(/^5\./);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'TS2322', level: 'error', location: { path: 'src/a.ts', startLine: 1, startColumn: 14 }, tool: { name: 'tsc' } });
    expect(findings[0]!.message).toContain("Type 'string' is not assignable to type 'number'");
  });

  it('is judged on every file in file mode too: a new error in an untouched file blocks, a known one does not', async () => {
    const ws = await makeWorkspace({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, types: [] }, include: ['src'] }),
      'src/old.ts': 'export const n: number = "old";\n',
      'src/lib.ts': 'export function twice(x: number): number {\n  return x * 2;\n}\n',
      'src/caller.ts': "import { twice } from './lib.js';\nexport const four = twice(2);\n",
    });
    const base = commitBase(ws);
    const atBase = await runStage(ws, { tsc: true, filter: 'nofilter' });
    // The change adds a parameter: the caller, a file the change did not touch, no longer type-checks.
    await writeFile(path.join(ws, 'src/lib.ts'), 'export function twice(x: number, by: number): number {\n  return x * by;\n}\n');
    const { outcome, findings } = await runStage(ws, { tsc: true, filter: 'file' }, { baseSha: base, baselineJson: atBase.outcome.baseline, baselineOrigin: 'store' });
    expect(findings.map((f) => `${f.location?.path}:${f.ruleId}:${f.baseline}:${f.inDiff}`).sort()).toEqual(['src/caller.ts:TS2554:new:false', 'src/old.ts:TS2322:unchanged:false']);
    expect(outcome.state).toBe('failed');
    expect(outcome.reason).toMatch(/^1 blocking finding\(s\) .*first: src\/caller\.ts:2:\d+ error TS2554/);
  });

  it('a tsconfig with no file to check judged nothing: errored, never a finding a baseline could make known', async () => {
    const ws = await makeWorkspace({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, types: [] }, include: ['nothing-here'] }),
      'src/a.ts': 'export const n: number = "nope";\n',
      'solution.json': JSON.stringify({ files: [], references: [{ path: './src' }] }),
      'src/tsconfig.json': JSON.stringify({ compilerOptions: { composite: true, types: [] } }),
    });
    const none = await runStage(ws, { tsc: true, filter: 'nofilter' });
    expect(none.outcome.state).toBe('errored');
    expect(none.outcome.reason).toBe(
      "judged nothing: tsc has no file to check in tsconfig.json (TS18003: No inputs were found in config file 'tsconfig.json'. Specified 'include' paths were '[\"nothing-here\"]' and 'exclude' paths were '[]'.); point tsc.project at a tsconfig whose files or include name the sources",
    );
    const solution = await runStage(ws, { tsc: { project: 'solution.json' }, filter: 'nofilter' });
    expect(solution.outcome.state).toBe('errored');
    expect(solution.outcome.reason).toContain('judged nothing: tsc has no file to check in solution.json (it only references 1 other project(s)');
    // The project's own files are counted, not the lib declarations the program also holds.
    const src = await runStage(ws, { tsc: { project: 'src/tsconfig.json' }, filter: 'nofilter' });
    expect(src.outcome.state).toBe('failed');
    expect(src.ctx.logger.text()).toMatch(/tsc 5\.\S+: 1 file\(s\) of src\/tsconfig\.json checked \(\d+ in the program with imports and lib declarations\), 1 diagnostic\(s\)/);
  });

  it('a diagnostic naming the workspace\'s absolute path reads and fingerprints alike in another checkout', async () => {
    const files = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { rootDir: 'src', noEmit: true, types: [] }, include: ['src', 'other.ts'] }),
      'src/a.ts': 'export const a = 1;\n',
      'other.ts': 'export const o = 1;\n',
    };
    const here = await runStage(await makeWorkspace(files), { tsc: true, filter: 'nofilter' });
    expect(here.findings.map((f) => `${f.ruleId} ${f.message.split('\n')[0]}`)).toEqual([
      "TS6059 File 'other.ts' is not under 'rootDir' 'src'. 'rootDir' is expected to contain all source files.",
    ]);
    const elsewhere = await runStage(await makeWorkspace(files), { tsc: true, filter: 'nofilter' }, { baselineJson: here.outcome.baseline, baselineOrigin: 'store' });
    expect(elsewhere.findings.map((f) => f.baseline)).toEqual(['unchanged']);
    expect(elsewhere.outcome.counts).toMatchObject({ new: 0, fixed: 0 });
  });

  it('a missing or broken tsconfig is errored with where', async () => {
    const ws = await makeWorkspace({ 'tsconfig.json': '{ "compilerOptions": { "strict": tru } }' });
    const missing = await runStage(ws, { tsc: { project: 'nope.json' } });
    expect(missing.outcome).toMatchObject({ state: 'errored', reason: 'tsc: nope.json does not exist in the workspace' });
    const broken = await runStage(ws, { tsc: true });
    expect(broken.outcome.state).toBe('errored');
    expect(broken.outcome.reason).toMatch(/^tsc: tsconfig\.json:1:\d+: /);
  });

  it('a workspace without TypeScript is errored with what to install', async () => {
    const ws = await makeWorkspace({ 'tsconfig.json': '{}' }, { withNodeModules: false });
    await mkdir(path.join(ws, 'node_modules'));
    const { outcome } = await runStage(ws, { tsc: true });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toContain('npm i -D typescript');
  });
});
