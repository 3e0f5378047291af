// The run store: the interface and the embedded filesystem implementation (<store>/<serial>/run.json + stage folders).
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from './errors.js';
import { describeRefusal, readGuarded } from './guarded-read.js';
import { RECORD_SCHEMA, RunRecord, serializeRecord, writeFileAtomic, writeFileAtomicSync, type ArtifactEntry } from './run-record.js';
import { compareSerials, isValidSerial } from './serial.js';
import { writeFailureOf } from './write-failure.js';

export interface ArtifactProblem {
  path: string;
  problem: 'missing' | 'modified' | 'unrecorded';
  expected?: string;
  actual?: string;
}

export interface Store {
  readonly root: string;
  runDir(serial: string): string;
  stageDir(serial: string, stageId: string): string;
  /** Claims a new serial; fails if it was ever used. */
  reserve(serial: string): Promise<void>;
  hasRun(serial: string): Promise<boolean>;
  writeRecord(record: RunRecord): Promise<void>;
  /** The same, at once: for a process that is ending and cannot wait. */
  writeRecordSync(record: RunRecord): void;
  loadRecord(serial: string): Promise<RunRecord>;
  /** Every readable run, newest first; `skipped` hears of each folder whose record cannot be read, and why. */
  listRuns(skipped?: (serial: string, why: string) => void): Promise<RunRecord[]>;
  /** Hashes every file of a stage folder as the record lists them. */
  hashStage(serial: string, stageId: string): Promise<ArtifactEntry[]>;
  /** Compares the files of a run with the hashes its record holds. */
  verify(record: RunRecord): Promise<ArtifactProblem[]>;
}

export const RECORD_FILE = 'run.json';
/** Far more than any record needs; a bigger run.json is not Andon's. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  // Stage artifacts are mostly small: one synchronous read beats a stream; big ones are streamed.
  try {
    const st = statSync(file);
    if (st.size <= 8 * 1024 * 1024) {
      const bytes = readFileSync(file);
      return Promise.resolve({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    }
  } catch (e) {
    return Promise.reject(e);
  }
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    let bytes = 0;
    createReadStream(file)
      .on('data', (c) => {
        h.update(c);
        bytes += c.length;
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: h.digest('hex'), bytes }));
  });
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(abs, base)));
    else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(path.relative(base, abs).split(path.sep).join('/'));
  }
  return out.sort();
}

function recordVersion(schema: string): number {
  return Number(/^andon\.run\/v(\d+)$/.exec(schema)?.[1] ?? Number.NaN);
}

/** A store that cannot be written is the machine's state, for the user to fix: said as such, never as a bug. */
function storeWriteError(e: unknown, root: string): unknown {
  const failure = writeFailureOf(e);
  return failure ? new UserError(`cannot write the run store ${root}: ${failure.what}; ${failure.fix}`) : e;
}

function checkSerial(serial: string): void {
  if (!isValidSerial(serial)) throw new UserError(`"${serial}" is not an Andon serial (e.g. 20261125T190512345Z-3fa2c1 or gh-123456789-1)`);
}

export class FsStore implements Store {
  readonly root: string;
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  runDir(serial: string): string {
    checkSerial(serial);
    return path.join(this.root, serial);
  }

  stageDir(serial: string, stageId: string): string {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(stageId)) throw new UserError(`"${stageId}" is not a stage id`);
    return path.join(this.runDir(serial), stageId);
  }

  async reserve(serial: string): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
      await mkdir(this.runDir(serial));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError(`serial ${serial} is already used in ${this.root}; serials are never reused`);
      throw storeWriteError(e, this.root);
    }
  }

  async hasRun(serial: string): Promise<boolean> {
    try {
      await stat(path.join(this.runDir(serial), RECORD_FILE));
      return true;
    } catch {
      return false;
    }
  }

  async writeRecord(record: RunRecord): Promise<void> {
    try {
      await writeFileAtomic(path.join(this.runDir(record.serial), RECORD_FILE), serializeRecord(record));
    } catch (e) {
      throw storeWriteError(e, this.root);
    }
  }

  writeRecordSync(record: RunRecord): void {
    writeFileAtomicSync(path.join(this.runDir(record.serial), RECORD_FILE), serializeRecord(record));
  }

  async loadRecord(serial: string): Promise<RunRecord> {
    const file = path.join(this.runDir(serial), RECORD_FILE);
    // Never through a link, a FIFO or a device: a record put there by someone else is not read.
    const read = readGuarded(file, { maxBytes: MAX_RECORD_BYTES, links: 'refuse', within: this.root });
    if (read.kind === 'missing') throw new UserError(`no run ${serial} in ${this.root}`);
    if (read.kind !== 'ok') throw new UserError(`the run record ${describeRefusal(read)}`, { file });
    const text = read.bytes.toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new UserError(`run record is not valid JSON: ${(e as Error).message}`, { file });
    }
    const schema = (json as { schema?: unknown } | null)?.schema;
    if (typeof schema === 'string' && schema !== RECORD_SCHEMA && Number.isFinite(recordVersion(schema))) {
      // Another version of the contract: say which, instead of the first field that happens not to match.
      const newer = recordVersion(schema) > recordVersion(RECORD_SCHEMA);
      throw new UserError(`run ${serial} is recorded as ${schema}; this Andon reads ${RECORD_SCHEMA}${newer ? ': a newer Andon wrote it, upgrade to read it' : ''}`, { file });
    }
    const parsed = RunRecord.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new UserError(`not an andon.run/v1 record: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim(), { file });
    }
    return parsed.data;
  }

  async listRuns(skipped?: (serial: string, why: string) => void): Promise<RunRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch {
      return [];
    }
    const serials = names.filter(isValidSerial).sort((a, b) => compareSerials(b, a));
    const out: RunRecord[] = [];
    for (const s of serials) {
      try {
        out.push(await this.loadRecord(s));
      } catch (e) {
        // A folder without a readable record (reserved, never written) is not a run.
        skipped?.(s, (e as Error).message);
      }
    }
    return out;
  }

  async hashStage(serial: string, stageId: string): Promise<ArtifactEntry[]> {
    const dir = this.stageDir(serial, stageId);
    const files = await listFiles(dir);
    const out: ArtifactEntry[] = [];
    for (const f of files) {
      const { sha256, bytes } = await sha256File(path.join(dir, f));
      out.push({ path: `${stageId}/${f}`, sha256, bytes });
    }
    return out;
  }

  async verify(record: RunRecord): Promise<ArtifactProblem[]> {
    const problems: ArtifactProblem[] = [];
    const runDir = this.runDir(record.serial);
    for (const stage of record.stages) {
      const recorded = new Map(stage.artifacts.map((a) => [a.path, a]));
      const present = new Set((await listFiles(path.join(runDir, stage.id))).map((f) => `${stage.id}/${f}`));
      for (const a of stage.artifacts) {
        if (!present.has(a.path)) {
          problems.push({ path: a.path, problem: 'missing', expected: a.sha256 });
          continue;
        }
        const { sha256 } = await sha256File(path.join(runDir, a.path));
        if (sha256 !== a.sha256) problems.push({ path: a.path, problem: 'modified', expected: a.sha256, actual: sha256 });
      }
      if (stage.state !== 'running') {
        for (const p of present) if (!recorded.has(p)) problems.push({ path: p, problem: 'unrecorded' });
      }
    }
    return problems;
  }
}
