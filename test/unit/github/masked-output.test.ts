// Secrets never leave the action: the job summary, annotations (message and title), outputs, group titles and log
// lines are masked in the runtime, in every form a secret takes, as a real runner would read them: the
// GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files and stdout.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodedForms } from '../../../src/core/mask.js';
import { RunnerRuntime } from '../../../src/github/action-runtime.js';
import type { ArtifactService } from '../../../src/github/artifact-service.js';
import { Output } from '../../../src/github/constants.js';
import { lineAction } from '../../../src/github/line-action.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { thisProcess } from '../../../src/this-process.js';
import { parseFileCommands } from '../../e2e/action-step.js';
import { makeRepo } from '../../helpers/git-repo.js';
import { makeTempDir } from '../../helpers/stage-context.js';

/** A space, a slash and a double quote: each changes the secret's form in JSON, URLs, Markdown and HTML. */
const SECRET = 'pa ss/w"rd-Zq9x';

async function runnerFiles() {
  const dir = await makeTempDir('andon-mask-rt-');
  const env = { GITHUB_OUTPUT: path.join(dir, 'out'), GITHUB_STATE: path.join(dir, 'state'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary') };
  for (const f of Object.values(env)) await writeFile(f, '');
  return env;
}

/** Every place a runner shows: stdout (the log, commands included), the summary, the outputs. */
async function everythingShown(files: Awaited<ReturnType<typeof runnerFiles>>, stdout: string[]): Promise<string> {
  return [stdout.join('\n'), await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'), await readFile(files.GITHUB_OUTPUT, 'utf8')].join('\n');
}

function expectNoForm(shown: string, secret: string): void {
  for (const form of encodedForms(secret)) expect(shown.includes(form), `the form ${JSON.stringify(form)} is shown: ${shown.slice(Math.max(0, shown.indexOf(form) - 300), shown.indexOf(form) + 100)}`).toBe(false);
}

describe('RunnerRuntime masks what it writes', () => {
  it('log lines, group titles, tool output, annotations, the summary and outputs; setSecret masks from then on', async () => {
    const files = await runnerFiles();
    const stdout: string[] = [];
    const rt = new RunnerRuntime({ ...files, DEPLOY_API_TOKEN: SECRET }, (l) => stdout.push(l));
    const json = JSON.stringify({ reason: `uses ${SECRET}` });
    rt.logger.info(`reason: ${SECRET}`);
    rt.logger.info(`two lines\n${SECRET}`);
    rt.logger.warn(`warned ${SECRET}`);
    rt.logger.error(`failed ${json}`);
    rt.logger.debug(`debug ${encodeURIComponent(SECRET)}`);
    rt.startGroup(`andon ▶ ${SECRET}`);
    rt.echoUntrusted(`tool: Authorization: Basic ${Buffer.from(`user:${SECRET}`).toString('base64')}`);
    rt.endGroup();
    rt.annotate({ level: 'error', title: `rule ${SECRET}`, message: `found ${SECRET.replace(/[!-/:-@[-`{-~]/g, '\\$&')} in the code`, file: 'src/a.ts', line: 3 });
    rt.appendSummary(`| stage | reason |\n| --- | --- |\n| a | ${SECRET.replace(/[!-/:-@[-`{-~]/g, '\\$&')} |\n<code>${SECRET.replace(/"/g, '&quot;')}</code>`);
    rt.setOutput(Output.stages, JSON.stringify([{ id: 'a', reason: SECRET }]));
    rt.setOutput(Output.verdict, SECRET);
    rt.setSecret('later-secret-42');
    rt.logger.info('said later: later-secret-42');
    const shown = await everythingShown(files, stdout);
    expectNoForm(shown.replace('::add-mask::later-secret-42', ''), SECRET);
    // The runner is told the later secret itself, once; everything else says it masked.
    expect(shown.split('later-secret-42')).toHaveLength(2);
    expect(stdout).toContain('::add-mask::later-secret-42');
    expect(stdout).toContain('said later: ***');
    const outputs = parseFileCommands(await readFile(files.GITHUB_OUTPUT, 'utf8'));
    expect(JSON.parse(outputs.stages!)).toEqual([{ id: 'a', reason: '***' }]);
    expect(outputs.verdict).toBe('***');
    expect(stdout.some((l) => l.startsWith('::error title=rule ***,file=src/a.ts,line=3::found *** in the code'))).toBe(true);
  });
});

describe('the line action masks through its runtime', () => {
  let server: Server;
  let apiUrl: string;
  beforeAll(async () => {
    // An API that echoes the token it was given in its error (a proxy or an enterprise server can): the message
    // becomes a note of the run.
    server = createServer((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `Bad credentials: ${(req.headers.authorization ?? '').replace(/^Bearer /, '')}` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a secret in a finding message, a stage reason and a note reaches no summary, annotation, output or log line', async () => {
    const write = `require('fs').mkdirSync('reports',{recursive:true});require('fs').writeFileSync('reports/scan.sarif',JSON.stringify({version:'2.1.0',runs:[{tool:{driver:{name:'scan'}},results:[{ruleId:'leak',level:'error',message:{text:'token '+process.env.DEPLOY_API_TOKEN+' found'},locations:[{physicalLocation:{artifactLocation:{uri:'src/a.ts'},region:{startLine:1}}}]}]}]}));console.log('printed',process.env.DEPLOY_API_TOKEN)`;
    const ws = await makeRepo({
      'src/a.ts': 'export const a = 1;\n',
      'andon.yml': `version: 1
line:
  - id: scan
    uses: command
    with: { run: [${JSON.stringify(process.execPath)}, -e, ${JSON.stringify(write)}] }
  - id: lint
    uses: static-analysis
    with: { sarif: reports/scan.sarif, filter: nofilter, newOnly: false }
`,
    });
    const files = await runnerFiles();
    const stdout: string[] = [];
    const env = {
      ...files,
      GITHUB_WORKSPACE: ws,
      GITHUB_RUN_ID: '88',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_REPOSITORY: 'acme/w',
      GITHUB_API_URL: apiUrl,
      RUNNER_TEMP: await makeTempDir('andon-mask-temp-'),
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NO_PROXY: '127.0.0.1',
      DEPLOY_API_TOKEN: SECRET,
      'INPUT_GITHUB-TOKEN': SECRET,
      INPUT_RESUME: 'gh-87-1',
    };
    const rt = new RunnerRuntime(env, (l) => stdout.push(l));
    const untouchable = new Proxy({} as ArtifactService, { get: () => () => Promise.reject(new Error('no artifact service here')) });
    const code = await lineAction({ runtime: rt, registry: defaultRegistry(), writer: thisProcess(), artifacts: untouchable, cache: () => { throw new Error('cache used'); } }, { kind: 'line' });
    expect(code, stdout.join('\n')).toBe(1);
    const shown = await everythingShown(files, stdout);
    // The three places it came through, each shown masked.
    expect(shown).toMatch(/parent run gh-87-1 could not be fetched \(.*401 Bad credentials: \*\*\*\)/);
    expect(shown).toMatch(/lint: failed \(1 blocking finding.*token \*\*\* found/);
    // Masked before it is rendered: the summary escapes Markdown punctuation, the mask's stars too.
    const summary = await readFile(files.GITHUB_STEP_SUMMARY, 'utf8');
    expect(summary).toContain('token \\*\\*\\* found');
    expect(summary).toContain('401 Bad credentials\\: \\*\\*\\*\\)');
    expect(stdout).toContain('printed ***');
    // The action tells the runner its token, which is the one line that must carry it.
    expect(stdout.filter((l) => l.includes(SECRET))).toEqual([`::add-mask::${SECRET}`]);
    expectNoForm(shown.replace(`::add-mask::${SECRET}`, ''), SECRET);
  });
});
