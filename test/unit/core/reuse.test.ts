// Reuse you can trust, on real temp git repos and real processes: every file a stage reads is an input, the run's own
// folders never are, a resume uses the cache, declared outputs come back, and a result is reused only when its folder
// still holds what its record hashed.
import { appendFile, cp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.js';
import { runLine, type LineOptions } from '../../../src/core/line.js';
import type { RunRecord } from '../../../src/core/run-record.js';
import { FsStageCache } from '../../../src/core/stage-cache.js';
import { FsStore } from '../../../src/core/store.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { thisProcess } from '../../../src/this-process.js';
import { makeTempDir } from '../../helpers/stage-context.js';
import { makeRepo, writeFiles } from '../../helpers/git-repo.js';

const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const node = JSON.stringify(process.execPath);
const states = (r: RunRecord) => r.stages.map((s) => `${s.id}:${s.state}`);
const stage = (r: RunRecord, id: string) => r.stages.find((s) => s.id === id)!;

async function setup(yml: string, files: Record<string, string>, storePath = '.andon/runs') {
  const ws = await makeRepo({ '.gitignore': '.andon/\n', 'andon.yml': yml, ...files });
  const registry = defaultRegistry();
  const config = parseConfig(yml, 'andon.yml', registry, 'andon.yml', { workspace: ws });
  const store = new FsStore(path.join(ws, storePath));
  const cache = new FsStageCache(path.join(ws, '.andon/cache'));
  const base = (extra: Partial<LineOptions> = {}): LineOptions => ({
    workspace: ws,
    config,
    registry,
    store,
    env,
    writer: thisProcess(),
    cache,
    statCacheFile: path.join(ws, '.andon/cache/file-hashes.json'),
    ...extra,
  });
  return { ws, store, cache, base };
}

/** A tool that writes reports/ruff.sarif: one F841 error when the file `bad` exists, none otherwise. */
const sarifWriter = `import fs from 'node:fs';
fs.mkdirSync('reports', { recursive: true });
const results = fs.existsSync('bad')
  ? [{ ruleId: 'F841', level: 'error', message: { text: 'local variable assigned but never used' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.py' }, region: { startLine: 1 } } }] }]
  : [];
fs.writeFileSync('reports/ruff.sarif', JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'ruff' } }, results }] }));
`;

const ruffLine = (sarifGlob: string) => `version: 1
line:
  - id: ruff
    uses: command
    with: { run: [${node}, gen.mjs], inputs: ["*.py", "bad"] }
  - id: sa
    uses: static-analysis
    with: { sarif: "${sarifGlob}", filter: nofilter }
`;

describe('every file a stage reads is an input', () => {
  it('a SARIF report in a git-ignored folder keys the stage that ingests it: a new error is never passed as reused', async () => {
    const { ws, base } = await setup(ruffLine('reports/ruff.sarif'), { '.gitignore': '.andon/\nreports/\n', 'gen.mjs': sarifWriter, 'a.py': 'x = 1\n' });
    await runLine(base());
    await runLine(base());
    const steady = await runLine(base());
    expect(states(steady)).toEqual(['ruff:reused', 'sa:reused']);
    // The tool's input changes; the report it writes now holds an error.
    await writeFiles(ws, { bad: '' });
    const broken = await runLine(base());
    expect(states(broken)).toEqual(['ruff:passed', 'sa:failed']);
    expect(stage(broken, 'sa').reason).toContain('F841');
    const manifest = JSON.parse(await readFile(path.join(base().store.stageDir(broken.serial, 'sa'), 'inputs.json'), 'utf8'));
    expect(Object.keys(manifest.files)).toEqual(['reports/ruff.sarif']);
  });

  it('a result that read a file its digest did not cover is never reused or cached, and its record says so', async () => {
    // `**/*.sarif` does not look inside the ignored reports/ folder, but the reader finds the report there.
    const { base, store } = await setup(ruffLine('**/*.sarif'), { '.gitignore': '.andon/\nreports/\n', 'gen.mjs': sarifWriter, 'a.py': 'x = 1\n' });
    const first = await runLine(base());
    expect(states(first)).toEqual(['ruff:passed', 'sa:passed']);
    expect(stage(first, 'sa').notReusable).toContain('reports/ruff.sarif (not an input)');
    const log = await readFile(path.join(store.stageDir(first.serial, 'sa'), 'log.txt'), 'utf8');
    expect(log).toContain('this result will not be reused');
    const second = await runLine(base());
    expect(states(second)).toEqual(['ruff:reused', 'sa:passed']);
    const resumed = await runLine(base({ resume: { serial: second.serial, fromStage: 'ruff' } }));
    expect(stage(resumed, 'sa').state).toBe('passed');
  });

  it('the scripts a command runs are its inputs by construction', async () => {
    const yml = `version: 1\nline:\n  - id: check\n    uses: command\n    with: { run: [${node}, scripts/check.mjs], inputs: ["src/**"] }\n`;
    const { ws, base } = await setup(yml, { 'scripts/check.mjs': 'process.exit(0);\n', 'src/a.ts': 'a\n' });
    await runLine(base());
    expect(states(await runLine(base()))).toEqual(['check:reused']);
    await writeFiles(ws, { 'scripts/check.mjs': 'process.exit(1);\n' });
    const changed = await runLine(base());
    expect(states(changed)).toEqual(['check:failed']);
  });
});

describe('the test files a regression stage reads for their @spec tags', () => {
  const report = '<testsuite name="s"><testcase classname="c" name="gives a discount" file="tests/a.test.ts"/></testsuite>';
  const line = (inputs: string) => `version: 1\nline:\n  - id: unit\n    uses: regression\n    with: { reports: ["reports/*.xml"]${inputs} }\n`;

  it('keep its result from reuse until they are inputs, and the record names them', async () => {
    const files = { '.gitignore': '.andon/\n', 'reports/r.xml': report, 'tests/a.test.ts': '// @spec FR-001\nit("gives a discount", () => {});\n' };
    const bare = await setup(line(''), files);
    const first = await runLine(bare.base());
    expect(stage(first, 'unit').notReusable).toContain('tests/a.test.ts (not an input)');
    expect(stage(await runLine(bare.base()), 'unit').state).toBe('passed');

    const named = await setup(line(', inputs: ["tests/**"]'), files);
    expect(stage(await runLine(named.base()), 'unit').notReusable).toBeUndefined();
    expect(stage(await runLine(named.base()), 'unit').state).toBe('reused');
  });
});

describe('the run store and the stage cache are never inputs', () => {
  it('a custom store.path inside the repository does not make every run new', async () => {
    const yml = `version: 1\nline:\n  - id: all\n    uses: command\n    with: { run: [${node}, "-e", ""], inputs: ["**"] }\nstore: { path: ci/andon-runs }\n`;
    const { base } = await setup(yml, { 'src/a.ts': 'a\n' }, 'ci/andon-runs');
    await runLine(base());
    const again = await runLine(base());
    expect(states(again)).toEqual(['all:reused']);
  });
});

describe('a resume uses the stage cache', () => {
  it('for every stage after --from whose inputs are unchanged; the --from stage runs', async () => {
    const yml = `version: 1
line:
  - id: lint
    uses: command
    with: { run: [${node}, "-e", ""], inputs: ["src/**"] }
  - id: unit
    uses: command
    with: { run: [${node}, "-e", "require('fs').appendFileSync('unit-ran.log', 'x')"], inputs: ["src/**"] }
  - id: build
    uses: command
    with: { run: [${node}, "-e", ""], inputs: ["src/**"] }
`;
    const { ws, base } = await setup(yml, { '.gitignore': '.andon/\n*.log\n', 'src/a.ts': 'a\n' });
    const first = await runLine(base());
    const resumed = await runLine(base({ resume: { serial: first.serial, fromStage: 'lint' } }));
    expect(states(resumed)).toEqual(['lint:passed', 'unit:reused', 'build:reused']);
    expect(stage(resumed, 'unit').reason).toContain(`passed result of ${first.serial} from the stage cache`);
    expect(await readFile(path.join(ws, 'unit-ran.log'), 'utf8')).toBe('x');
  });
});

describe('declared outputs', () => {
  const yml = `version: 1
line:
  - id: gen
    uses: command
    with:
      run: [${node}, "-e", "const fs=require('fs'); if (fs.existsSync('gen-ran.log')) process.exit(7); fs.writeFileSync('gen-ran.log','x'); fs.mkdirSync('reports/sub',{recursive:true}); fs.writeFileSync('reports/sub/out.txt','v1'); fs.writeFileSync('reports/run.sh','#!/bin/sh'); fs.chmodSync('reports/run.sh',0o755)"]
      inputs: ["src/**"]
    outputs: ["reports/**"]
  - id: check
    uses: command
    with: { run: [${node}, "-e", "process.exit(require('fs').readFileSync('reports/sub/out.txt','utf8')==='v1'?0:1)"], inputs: ["reports/**"] }
`;

  it('are kept with the result and restored into the workspace when it is reused', async () => {
    const { ws, store, base } = await setup(yml, { '.gitignore': '.andon/\nreports/\n*.log\n', 'src/a.ts': 'a\n' });
    const first = await runLine(base());
    expect(states(first)).toEqual(['gen:passed', 'check:passed']);
    expect(stage(first, 'gen').artifacts.map((a) => a.path)).toContain('gen/outputs/reports/sub/out.txt');
    await rm(path.join(ws, 'reports'), { recursive: true });
    const second = await runLine(base());
    // gen did not run again (it would exit 7), yet its outputs are back and the stage reading them is reused.
    expect(states(second)).toEqual(['gen:reused', 'check:reused']);
    expect(stage(second, 'gen').reason).toContain('outputs restored: 2 written');
    expect(await readFile(path.join(ws, 'reports/sub/out.txt'), 'utf8')).toBe('v1');
    expect((statSync(path.join(ws, 'reports/run.sh')).mode & 0o777).toString(8)).toBe('755');
    expect(await store.verify(second)).toEqual([]);
    // From a resume too.
    await rm(path.join(ws, 'reports'), { recursive: true });
    const resumed = await runLine(base({ cache: null, resume: { serial: second.serial, fromStage: 'check' } }));
    expect(states(resumed)).toEqual(['gen:reused', 'check:passed']);
  });

  it('of a stage that failed or never started are only the files it wrote; a passed stage keeps what it left as it found it too', async () => {
    // gen writes reports/a.txt every time (the same bytes), and reports/b.txt unless the input file `quiet` exists.
    const write = "const fs=require('fs'); fs.mkdirSync('reports',{recursive:true}); fs.writeFileSync('reports/a.txt','same'); if (!fs.existsSync('quiet')) fs.writeFileSync('reports/b.txt','b')";
    const writing = `version: 1
line:
  - id: gen
    uses: command
    with: { run: ${JSON.stringify([process.execPath, '-e', write])}, inputs: ["src/**", "quiet"] }
    outputs: ["reports/**"]
  - id: broken
    uses: command
    with: { run: [definitely-not-a-program-xyz], inputs: ["src/**", "quiet"] }
    outputs: ["reports/**"]
`;
    const { ws, store, base } = await setup(writing, { '.gitignore': '.andon/\nreports/\n', 'src/a.ts': 'a\n' });
    const log = (r: RunRecord, id: string) => readFile(path.join(store.stageDir(r.serial, id), 'log.txt'), 'utf8');
    const kept = (r: RunRecord, id: string) => stage(r, id).artifacts.map((a) => a.path).filter((p) => p.includes('/outputs/'));
    const first = await runLine(base());
    expect(states(first)).toEqual(['gen:passed', 'broken:errored']);
    expect(kept(first, 'gen')).toEqual(['gen/outputs/reports/a.txt', 'gen/outputs/reports/b.txt']);
    // The stage that could not start wrote nothing: gen's files are not its outputs.
    expect(kept(first, 'broken')).toEqual([]);
    expect(await log(first, 'broken')).toContain('outputs kept: 0 file(s); not kept, the stage did not write them (left from an earlier run): reports/a.txt, reports/b.txt');
    // gen runs again and passes without rewriting b.txt (as make leaves an up-to-date file): what later stages read
    // after it is both files, and a reuse puts both back; the log says which one it found as it was.
    await writeFiles(ws, { quiet: '' });
    const second = await runLine(base());
    expect(stage(second, 'gen').state).toBe('passed');
    expect(kept(second, 'gen')).toEqual(['gen/outputs/reports/a.txt', 'gen/outputs/reports/b.txt']);
    expect(await log(second, 'gen')).toContain('outputs kept: 2 file(s); 1 of them as the stage found them (not written in this run): reports/b.txt');
  });

  it('are never restored through a symlink', async () => {
    const { ws, base } = await setup(yml, { '.gitignore': '.andon/\nreports/\n*.log\n', 'src/a.ts': 'a\n' });
    await runLine(base());
    const outside = await makeTempDir('andon-outside-');
    await rm(path.join(ws, 'reports'), { recursive: true });
    await symlink(outside, path.join(ws, 'reports'));
    const again = await runLine(base());
    // The cached result cannot restore its outputs, so gen runs (and refuses to run twice, exit 7).
    expect(stage(again, 'gen').state).toBe('failed');
    expect(stage(again, 'gen').reason).toContain('could not restore its outputs: reports is a symlink');
    expect(await readdir(outside)).toEqual([]);
  });

  it('only what the stage declares is ever written back: a file its process put in its own folder refuses the result', async () => {
    // The stage's own process writes its report, and also a file into its stage folder's outputs/ (hashed with its
    // artifacts all the same, so the folder verifies).
    const plant = `const fs=require('fs');fs.mkdirSync('reports',{recursive:true});fs.writeFileSync('reports/r.txt','ok');
const runs='.andon/runs';const s=fs.readdirSync(runs).filter((d)=>fs.existsSync(runs+'/'+d+'/gen')).sort().pop();
fs.mkdirSync(runs+'/'+s+'/gen/outputs',{recursive:true});fs.writeFileSync(runs+'/'+s+'/gen/outputs/package.json','planted');`;
    const planting = `version: 1\nline:\n  - id: gen\n    uses: command\n    with: { run: ${JSON.stringify([process.execPath, '-e', plant])}, inputs: ["src/**"] }\n    outputs: ["reports/**"]\n`;
    const { ws, base } = await setup(planting, { '.gitignore': '.andon/\nreports/\n', 'src/a.ts': 'a\n', 'package.json': '{"name":"real"}\n' });
    const first = await runLine(base());
    expect(stage(first, 'gen').artifacts.map((a) => a.path)).toContain('gen/outputs/package.json');
    await rm(path.join(ws, 'reports'), { recursive: true });
    const second = await runLine(base());
    expect(stage(second, 'gen').state).toBe('passed');
    expect(stage(second, 'gen').reason).toContain("could not restore its outputs: outputs/package.json is not one of the stage's declared outputs (reports/**)");
    expect(await readFile(path.join(ws, 'package.json'), 'utf8')).toBe('{"name":"real"}\n');
  });

  it('a parent that ran a fork\'s code never writes its outputs into the workspace', async () => {
    const { ws, base } = await setup(yml, { '.gitignore': '.andon/\nreports/\n*.log\n', 'src/a.ts': 'a\n' });
    const first = await runLine(base({ cache: null }));
    await rm(path.join(ws, 'reports'), { recursive: true });
    const resumed = await runLine(base({ cache: null, resume: { serial: first.serial, fromStage: 'check' }, parentUntrusted: true }));
    expect(stage(resumed, 'gen').state).toBe('failed');
    expect(stage(resumed, 'gen').reason).toContain('ran code from a fork: its outputs are not written into this workspace');
  });
});

describe('reuse is verified against the recorded artifact hashes', () => {
  const yml = `version: 1
line:
  - id: s1
    uses: command
    with: { run: [${node}, "-e", "console.log('s1 ok')"], inputs: ["src/**"] }
  - id: s2
    uses: command
    with: { run: [${node}, "-e", ""], inputs: ["src/**"] }
`;

  it('a parent whose stage folder was edited, cut short, grown, replaced by a link or deleted is run again, and the record says why', async () => {
    const { store, base } = await setup(yml, { 'src/a.ts': 'a\n' });
    const noCache = (extra: Partial<LineOptions>) => base({ cache: null, ...extra });
    const parent = await runLine(noCache({}));
    const s1 = store.stageDir(parent.serial, 's1');
    const resume = () => runLine(noCache({ resume: { serial: parent.serial, fromStage: 's2' } }));

    expect(states(await resume())).toEqual(['s1:reused', 's2:passed']);

    await appendFile(path.join(s1, 'log.txt'), 'forged\n');
    await writeFile(path.join(s1, 'result.json'), '{"exitCode":0}');
    const edited = await resume();
    expect(states(edited)).toEqual(['s1:passed', 's2:passed']);
    expect(stage(edited, 's1').reason).toContain(`re-run: the result of ${parent.serial} is not trusted: s1/log.txt was modified since it was recorded`);

    // The run that re-ran it is whole and reusable; then a file is added to its folder.
    expect(states(await runLine(noCache({ resume: { serial: edited.serial, fromStage: 's2' } })))[0]).toBe('s1:reused');
    const e1 = store.stageDir(edited.serial, 's1');
    await writeFile(path.join(e1, 'extra.txt'), 'x');
    const grown = await runLine(noCache({ resume: { serial: edited.serial, fromStage: 's2' } }));
    expect(stage(grown, 's1').reason).toContain('s1/extra.txt is not among its recorded artifacts');
    await rm(path.join(e1, 'extra.txt'));

    // The folder as a symlink to an exact copy: not trusted either.
    const copy = await makeTempDir('andon-copy-');
    await cp(e1, path.join(copy, 's1'), { recursive: true });
    await rm(e1, { recursive: true });
    await symlink(path.join(copy, 's1'), e1);
    const linked = await runLine(noCache({ resume: { serial: edited.serial, fromStage: 's2' } }));
    expect(stage(linked, 's1').state).toBe('passed');
    expect(stage(linked, 's1').reason).toContain('its stage folder is a symlink');

    await rm(e1);
    const deleted = await runLine(noCache({ resume: { serial: edited.serial, fromStage: 's2' } }));
    expect(states(deleted)).toEqual(['s1:passed', 's2:passed']);
    expect(stage(deleted, 's1').reason).toContain('its stage folder is missing');
    expect(await store.verify(deleted)).toEqual([]);
  });

  it('a stage cache entry whose files were edited is not reused', async () => {
    const { ws, base } = await setup(yml, { 'src/a.ts': 'a\n' });
    await runLine(base());
    const entries = path.join(ws, '.andon/cache/stages/s1');
    const [hex] = await readdir(entries);
    await writeFile(path.join(entries, hex!, 'files/log.txt'), 's1 forged\n');
    const again = await runLine(base());
    expect(states(again)).toEqual(['s1:passed', 's2:reused']);
    expect(stage(again, 's1').reason).toContain('is not trusted: s1/log.txt was modified since it was recorded');
    // The run that replaced it put an honest entry back.
    expect(states(await runLine(base()))).toEqual(['s1:reused', 's2:reused']);
  });
});

describe('what a resume says about a stage without inputs', () => {
  it('names what the user can do for that kind', async () => {
    const yml = `version: 1\nline:\n  - id: free\n    uses: command\n    with: { run: [${node}, "-e", ""] }\n  - id: next\n    uses: command\n    with: { run: [${node}, "-e", ""] }\n`;
    const { base } = await setup(yml, {});
    const first = await runLine(base());
    const again = await runLine(base({ resume: { serial: first.serial, fromStage: 'next' } }));
    expect(stage(again, 'free').reason).toContain('no inputs declared: list the files its result depends on in `with.inputs`');
  });
});
