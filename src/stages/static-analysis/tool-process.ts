// Runs ESLint or tsc in a process of their own (dist/tool-child.js) with the stage's environment: the user's config
// and plugins never run inside Andon, never see the runner's credentials, and a deadline or a signal stops them (the
// runner ends the whole process group). The report comes back as a file, read under a size cap and validated.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Esbuild from 'esbuild';
import type { z } from 'zod';
import { errorMessage, InternalError } from '../../core/errors.js';
import { describeRefusal, readGuarded } from '../../core/guarded-read.js';
import { ANDON_NODE, type ProcessResult } from '../../core/process-runner.js';
import type { SourceContext } from './source.js';
import type { EslintRequest, TscRequest } from './tool-report.js';

const CHILD = 'tool-child.js';

let fromSource: Promise<string> | undefined;

/** The child script: beside the bundle (dist/ or dist/chunks/), or built from its TypeScript source when Andon runs from source. */
function childScript(): Promise<string> {
  for (const rel of [`./${CHILD}`, `../${CHILD}`]) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return Promise.resolve(p);
  }
  const source = fileURLToPath(new URL('./tool-child.ts', import.meta.url));
  if (!existsSync(source)) throw new InternalError(`the static-analysis tool process ${CHILD} is missing beside ${fileURLToPath(import.meta.url)}`);
  return (fromSource ??= buildFromSource(source));
}

/** Tests and benches run from source: bundle the child once per content, as scripts/build.mjs does for dist/. */
async function buildFromSource(source: string): Promise<string> {
  // A computed specifier, so the bundler leaves it alone: this branch only runs from source, where esbuild is installed.
  const esbuild = 'esbuild';
  const { build } = (await import(esbuild)) as typeof Esbuild;
  const out = await build({ entryPoints: [source], bundle: true, write: false, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent' });
  const code = out.outputFiles[0]!.contents;
  const file = path.join(tmpdir(), `andon-tool-child-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, code);
    await rename(tmp, file);
  }
  return file;
}

export type ToolOutcome<T> = { ok: true; report: T } | { ok: false; reason: string };

function lastLine(tail: string): string {
  const lines = tail.split('\n').map((l) => l.trim()).filter(Boolean);
  const l = lines[lines.length - 1] ?? '';
  return l.length > 200 ? `${l.slice(0, 197)}...` : l;
}

/** Why a process ended without a report: how it ended and the last thing it said. */
function endedEarly(label: string, res: ProcessResult): string {
  const how = res.exitCode !== null ? `exit code ${res.exitCode}` : `signal ${res.signal}`;
  const said = lastLine(res.tail);
  const oom = /heap out of memory|Allocation failed/i.test(res.tail) ? ' (out of memory)' : '';
  return `${label} ended before reporting${oom} (${how})${said ? `: ${said}` : ''}`;
}

/**
 * Runs one tool request in its own process and returns its validated report. Every way the process can end
 * without a good report (cancelled, crashed, out of memory, exited early, wrote too much or garbage) is a reason.
 */
export async function runToolProcess<T>(request: EslintRequest | TscRequest, schema: z.ZodType<T>, sc: SourceContext, label: string): Promise<ToolOutcome<T>> {
  const script = await childScript();
  const dir = await mkdtemp(path.join(tmpdir(), 'andon-tool-'));
  try {
    const requestFile = path.join(dir, 'request.json');
    const reportFile = path.join(dir, 'report.json');
    writeFileSync(requestFile, JSON.stringify({ ...request, reportFile }), { mode: 0o600 });
    const res = await sc.runner.run([ANDON_NODE, script, requestFile], { cwd: sc.workspace, env: sc.env, signal: sc.signal });
    if (res.cancelled || sc.signal.aborted) return { ok: false, reason: `${label} was stopped before it reported` };
    if (res.spawnError) return { ok: false, reason: `${label} could not be started: ${res.spawnError}` };
    const read = readGuarded(reportFile, { maxBytes: sc.maxReportBytes, links: 'refuse' });
    if (read.kind === 'missing') return { ok: false, reason: endedEarly(label, res) };
    if (read.kind === 'too-large') return { ok: false, reason: `${label} reported ${read.size} bytes, more than maxReportBytes (${read.max}); not read` };
    if (read.kind !== 'ok') return { ok: false, reason: `${label}'s report ${describeRefusal(read)}` };
    let json: unknown;
    try {
      json = JSON.parse(read.bytes.toString('utf8'));
    } catch (err) {
      return { ok: false, reason: `${label} reported something that is not JSON: ${errorMessage(err)}` };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, reason: `${label} reported something unreadable: ${issue ? `${issue.path.join('.') || 'report'}: ${issue.message}` : 'wrong shape'}` };
    }
    return { ok: true, report: parsed.data };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
