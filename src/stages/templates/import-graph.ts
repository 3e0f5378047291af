// The scanned imports and exports of source files, cached by git blob id so a PR need only scan what it touched,
// and the import cycles among them (Tarjan's strongly connected components, iterative).
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readGuarded } from '../../core/guarded-read.js';
import type { Resolution } from './module-resolver.js';
import { isPythonFile } from './python-scanner.js';
import type { ImportRef, ScanResult } from './source-scanner.js';
import { scanSource } from './source-scanner.js';
import type { ReadResult } from './workspace-files.js';

/** Files whose imports the stage reads: JavaScript and TypeScript, and Python. */
export const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|pyi?)$/;
/** The languages SOURCE_FILE covers, as told to a user whose rule matched none of them. */
export const SOURCE_LANGUAGES = 'JavaScript, TypeScript and Python';
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** typeOnly as cached: 0 a value, 1 type-only, 2 inline `type` names only. */
const TypeFlag = z.union([z.literal(0), z.literal(1), z.literal(2)]);
type TypeFlag = z.infer<typeof TypeFlag>;
const Position = z.number().int().nonnegative();
/** One line of the scans cache, checked when read: the cache folder is a file anyone in the workspace can edit. */
const CachedScan = z.tuple([
  z.array(z.tuple([z.string(), Position, Position, z.enum(['import', 'export', 'dynamic', 'require']), TypeFlag])),
  z.array(z.string()),
  z.array(z.tuple([z.string(), Position, Position])),
]);
type CachedScan = z.infer<typeof CachedScan>;
/** A cache file bigger than this is not Andon's: it is ignored and rebuilt. */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

/** A cache file's text; '' when it is missing, not a regular file, a link or too big (the cache is then rebuilt). */
function readCacheFile(file: string): string {
  const read = readGuarded(file, { maxBytes: MAX_CACHE_BYTES, links: 'refuse', within: path.dirname(file) });
  return read.kind === 'ok' ? read.bytes.toString('utf8') : '';
}
const SCANS_SCHEMA = 'andon.templates-scans/v2';
const toFlag = (t: ImportRef['typeOnly']): TypeFlag => (t === 'inline' ? 2 : t ? 1 : 0);
const fromFlag = (f: TypeFlag): ImportRef['typeOnly'] => (f === 2 ? 'inline' : f === 1);
/** Scans are cached by blob id; the same bytes scan differently as Python, so its entries have their own keys. */
const cacheKey = (file: string, oid: string): string => (isPythonFile(file) ? `py:${oid}` : oid);

export type Scanned = { ok: true; scan: ScanResult } | { ok: false; why: string; missing: boolean };

/**
 * Scans of source files, cached by git blob id. The cache file holds one line per blob (`<oid>\t<json>`),
 * parsed only when that blob is asked for: a PR run looks at a handful of its 20,000 lines.
 */
export class SourceIndex {
  private readonly memo = new Map<string, Scanned>();
  private readonly fresh = new Map<string, string>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly read: (rel: string) => ReadResult,
    private readonly oids: ReadonlyMap<string, string>,
    private readonly cached: ReadonlyMap<string, string>,
    /** Whether what is scanned is kept for the cache file (no point building entries nobody writes). */
    private readonly keep: boolean,
  ) {}

  static async open(read: (rel: string) => ReadResult, oids: ReadonlyMap<string, string>, cacheFile: string | null): Promise<SourceIndex> {
    const cached = new Map<string, string>();
    if (cacheFile) {
      const text = readCacheFile(cacheFile);
      // No cache or another format: every file is scanned, which is only slower.
      if (text.startsWith(`${SCANS_SCHEMA}\n`)) {
        for (const line of text.split('\n')) {
          const tab = line.indexOf('\t');
          if (tab > 0) cached.set(line.slice(0, tab), line.slice(tab + 1));
        }
      }
    }
    return new SourceIndex(read, oids, cached, cacheFile !== null);
  }

  scan(file: string): Scanned {
    let hit = this.memo.get(file);
    if (hit) return hit;
    const oid = this.oids.get(file);
    const key = oid === undefined ? undefined : cacheKey(file, oid);
    const line = key === undefined ? undefined : this.cached.get(key);
    let c: CachedScan | undefined;
    if (line !== undefined) {
      try {
        const parsed = CachedScan.safeParse(JSON.parse(line));
        c = parsed.success ? parsed.data : undefined;
      } catch {
        c = undefined;
      }
    }
    if (c) {
      this.hits++;
      hit = {
        ok: true,
        scan: {
          imports: c[0].map(([specifier, l, column, kind, t]) => ({ specifier, line: l, column, kind, typeOnly: fromFlag(t) })),
          exports: c[1],
          problems: c[2].map(([message, l, column]) => ({ message, line: l, column })),
        },
      };
    } else {
      this.misses++;
      const r = this.read(file);
      if (!r.ok) hit = { ok: false, why: r.why, missing: r.missing };
      else {
        const scan = scanSource(r.text, file);
        hit = { ok: true, scan };
        if (key !== undefined && this.keep) {
          const entry: CachedScan = [scan.imports.map((i) => [i.specifier, i.line, i.column, i.kind, toFlag(i.typeOnly)]), scan.exports, scan.problems.map((p) => [p.message, p.line, p.column])];
          this.fresh.set(key, JSON.stringify(entry));
        }
      }
    }
    this.memo.set(file, hit);
    return hit;
  }

  /**
   * Writes the cache atomically: what this run scanned plus the older entries of blobs still in the workspace
   * (a run scans only what its rules need). A failure to write only costs speed later.
   */
  async save(cacheFile: string): Promise<void> {
    const live = new Set<string>();
    for (const [file, oid] of this.oids) live.add(cacheKey(file, oid));
    const all = new Map<string, string>();
    for (const [oid, json] of this.cached) if (live.has(oid)) all.set(oid, json);
    for (const [oid, json] of this.fresh) all.set(oid, json);
    if (this.misses === 0 && all.size === this.cached.size) return;
    const lines = [SCANS_SCHEMA];
    for (const [oid, json] of all) lines.push(`${oid}\t${json}`);
    await writeAtomic(cacheFile, `${lines.join('\n')}\n`);
  }
}

async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

/**
 * The resolved import graph of every source file, in compressed rows: the edges of node n are
 * offsets[n] .. offsets[n+1]-1 of the edge arrays. Flat typed arrays keep a 20,000-file graph cheap to load.
 */
export interface ImportGraph {
  files: string[];
  index: Map<string, number>;
  offsets: Int32Array;
  targets: Int32Array;
  lines: Int32Array;
  columns: Int32Array;
  /** 1: the edge is erased at run time (type-only import, or from a declaration file), so it makes no cycle. */
  typeOnly: Uint8Array;
  /** Nodes with a relative or aliased import that resolved to no file: a new file may resolve it. */
  unresolved: Uint8Array;
  /** Nodes that could not be read or parsed, with why: reported as findings by whoever checks them. */
  problems: Map<number, NodeProblem>;
}

export type NodeProblem = z.infer<typeof NodeProblem>;

const GRAPH_SCHEMA = 'andon.templates-graph/v4';
const Count = z.number().int().nonnegative();
const NodeProblem = z.union([
  z.object({ kind: z.literal('parse'), message: z.string(), line: z.number().int(), column: z.number().int() }),
  z.object({ kind: z.literal('unreadable'), why: z.string() }),
]);
const GraphFile = z.object({
  schema: z.literal(GRAPH_SCHEMA),
  /** Digest of what resolution depends on beyond the files (tsconfig paths, verbatimModuleSyntax). */
  resolution: z.string(),
  files: z.array(z.string()),
  /** Blob id of each node when it was scanned; '' when it was not a clean tracked file. */
  oids: z.array(z.string()),
  /** Number of edges of each node, then flat [to, line, column, typeOnly] quadruples in node order. */
  counts: z.array(Count),
  edges: z.array(z.number()),
  unresolved: z.array(Count),
  problems: z.array(z.tuple([Count, NodeProblem])),
});
type GraphFile = z.infer<typeof GraphFile>;

/** Whether a cached graph holds together: one entry per node, every edge a quadruple pointing at a node. */
function wholeGraph(g: GraphFile): boolean {
  const n = g.files.length;
  if (g.oids.length !== n || g.counts.length !== n) return false;
  let edges = 0;
  for (const c of g.counts) edges += c;
  if (g.edges.length !== edges * 4) return false;
  for (let k = 0; k < g.edges.length; k += 4) {
    const to = g.edges[k]!;
    if (!Number.isInteger(to) || to < 0 || to >= n || !Number.isInteger(g.edges[k + 1]) || !Number.isInteger(g.edges[k + 2]) || (g.edges[k + 3] !== 0 && g.edges[k + 3] !== 1)) return false;
  }
  return g.unresolved.every((u) => u < n) && g.problems.every(([node]) => node < n);
}

export interface GraphInput {
  /** Source files of the workspace, sorted. */
  files: readonly string[];
  oids: ReadonlyMap<string, string>;
  index: SourceIndex;
  resolve: (specifier: string, from: string) => Resolution;
  resolution: string;
  /** The project keeps `import { type A }` as a load of its module (tsconfig verbatimModuleSyntax). */
  verbatimModuleSyntax: boolean;
  /** Paths a change touched: never taken from the cached graph. */
  touched?: ReadonlySet<string>;
}

export interface GraphBuild {
  graph: ImportGraph;
  /** Nodes scanned and resolved again (the rest came from the cached graph). */
  rebuilt: number;
  reused: number;
}

/** [to, line, column, typeOnly] quadruples of one node's resolved imports, and whether one did not resolve. */
function resolveNode(file: string, input: GraphInput, index: Map<string, number>): { quads: number[]; unresolved: boolean; problem?: NodeProblem } {
  const s = input.index.scan(file);
  const quads: number[] = [];
  let unresolved = false;
  if (!s.ok) return s.missing ? { quads, unresolved } : { quads, unresolved, problem: { kind: 'unreadable', why: s.why } };
  const p = s.scan.problems[0];
  // A declaration file is never loaded; under verbatimModuleSyntax inline type names keep their module loaded.
  const declaration = DECLARATION_FILE.test(file);
  const erased = (t: ImportRef['typeOnly']): boolean => declaration || t === true || (t === 'inline' && !input.verbatimModuleSyntax);
  // A Python name may become a module when files come (from pkg import x, then pkg/x.py): redone on any new file set.
  if (isPythonFile(file) && s.scan.imports.length > 0) unresolved = true;
  for (const imp of s.scan.imports) {
    const r = input.resolve(imp.specifier, file);
    if (r.kind === 'file') {
      const to = index.get(r.path);
      if (to !== undefined) quads.push(to, imp.line, imp.column, erased(imp.typeOnly) ? 1 : 0);
    } else if (r.kind === 'unresolved') unresolved = true;
  }
  return p ? { quads, unresolved, problem: { kind: 'parse', ...p } } : { quads, unresolved };
}

/**
 * Builds the graph, taking from a cached one every node whose blob is unchanged and that the change did not
 * touch. When files came or went, nodes that had unresolved imports or imported a file now gone are redone.
 */
export async function buildGraph(input: GraphInput, cacheFile: string | null, save: boolean): Promise<GraphBuild> {
  const files = [...input.files];
  const n = files.length;
  const index = new Map<string, number>();
  files.forEach((f, i) => index.set(f, i));
  const perNode: (number[] | Int32Array | undefined)[] = new Array(n);
  const unresolved = new Uint8Array(n);
  const problems = new Map<number, NodeProblem>();
  let old: GraphFile | null = null;
  if (cacheFile) {
    // A cache that is missing, unreadable, of another format or does not hold together is rebuilt, which is only slower.
    try {
      const parsed = GraphFile.safeParse(JSON.parse(readCacheFile(cacheFile)));
      if (parsed.success && parsed.data.resolution === input.resolution && wholeGraph(parsed.data)) old = parsed.data;
    } catch {
      old = null;
    }
  }
  let reused = 0;
  if (old) {
    const oldUnresolved = new Uint8Array(old.files.length);
    for (const o of old.unresolved) oldUnresolved[o] = 1;
    const oldProblems = new Map(old.problems);
    const sameSet = old.files.length === n && old.files.every((f, i) => f === files[i]);
    const toNew = new Int32Array(old.files.length);
    for (let o = 0; o < old.files.length; o++) toNew[o] = sameSet ? o : (index.get(old.files[o]!) ?? -1);
    const edges = Int32Array.from(old.edges);
    let at = 0;
    for (let o = 0; o < old.files.length; o++) {
      const count = old.counts[o] ?? 0;
      const from = at;
      at += count * 4;
      const m = toNew[o]!;
      if (m === -1) continue;
      const f = old.files[o]!;
      if (input.touched?.has(f)) continue;
      const oid = old.oids[o];
      if (!oid || input.oids.get(f) !== oid) continue;
      if (!sameSet && oldUnresolved[o]) continue;
      const quads = edges.subarray(from, at);
      let lost = false;
      if (!sameSet) {
        const remapped = new Int32Array(quads);
        for (let k = 0; k < remapped.length; k += 4) {
          const to = toNew[remapped[k]!]!;
          if (to === -1) {
            lost = true;
            break;
          }
          remapped[k] = to;
        }
        if (lost) continue;
        perNode[m] = remapped;
      } else perNode[m] = quads;
      if (oldUnresolved[o]) unresolved[m] = 1;
      const problem = oldProblems.get(o);
      if (problem) problems.set(m, problem);
      reused++;
    }
  }
  let rebuilt = 0;
  for (let k = 0; k < n; k++) {
    if (perNode[k]) continue;
    const r = resolveNode(files[k]!, input, index);
    perNode[k] = r.quads;
    if (r.unresolved) unresolved[k] = 1;
    if (r.problem) problems.set(k, r.problem);
    rebuilt++;
  }
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) offsets[k + 1] = offsets[k]! + perNode[k]!.length / 4;
  const m = offsets[n]!;
  const targets = new Int32Array(m);
  const lines = new Int32Array(m);
  const columns = new Int32Array(m);
  const typeOnly = new Uint8Array(m);
  for (let k = 0; k < n; k++) {
    const q = perNode[k]!;
    let e = offsets[k]!;
    for (let j = 0; j < q.length; j += 4, e++) {
      targets[e] = q[j]!;
      lines[e] = q[j + 1]!;
      columns[e] = q[j + 2]!;
      typeOnly[e] = q[j + 3]!;
    }
  }
  if (cacheFile && save && rebuilt > 0) {
    const flat: number[] = new Array(m * 4);
    for (let e = 0; e < m; e++) {
      flat[e * 4] = targets[e]!;
      flat[e * 4 + 1] = lines[e]!;
      flat[e * 4 + 2] = columns[e]!;
      flat[e * 4 + 3] = typeOnly[e]!;
    }
    const body: GraphFile = {
      schema: GRAPH_SCHEMA,
      resolution: input.resolution,
      files,
      oids: files.map((f) => (input.touched?.has(f) ? '' : (input.oids.get(f) ?? ''))),
      counts: Array.from({ length: n }, (_, k) => offsets[k + 1]! - offsets[k]!),
      edges: flat,
      unresolved: [...unresolved.keys()].filter((k) => unresolved[k] === 1),
      problems: [...problems],
    };
    await writeAtomic(cacheFile, JSON.stringify(body));
  }
  return { graph: { files, index, offsets, targets, lines, columns, typeOnly, unresolved, problems }, rebuilt, reused };
}

/**
 * Strongly connected components with more than one node, or a node importing itself: each one is a cycle.
 * Iterative Tarjan over the edges that `use` admits.
 */
export function findCycles(g: ImportGraph, use: (edge: number) => boolean): number[][] {
  const n = g.files.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  const frameNode: number[] = [];
  const frameEdge: number[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    frameNode.push(root);
    frameEdge.push(g.offsets[root]!);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frameNode.length) {
      const top = frameNode.length - 1;
      const v = frameNode[top]!;
      const e = frameEdge[top]!;
      if (e < g.offsets[v + 1]!) {
        frameEdge[top] = e + 1;
        if (!use(e)) continue;
        const w = g.targets[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frameNode.push(w);
          frameEdge.push(g.offsets[w]!);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      frameNode.pop();
      frameEdge.pop();
      if (frameNode.length) {
        const p = frameNode[frameNode.length - 1]!;
        low[p] = Math.min(low[p]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        let self = false;
        if (comp.length === 1) for (let k = g.offsets[v]!; k < g.offsets[v + 1]!; k++) if (g.targets[k] === v && use(k)) self = true;
        if (comp.length > 1 || self) out.push(comp);
      }
    }
  }
  return out;
}

/** One concrete cycle through `start` inside a component: the nodes (start ... start) and the first edge taken. */
export function cyclePath(g: ImportGraph, start: number, members: ReadonlySet<number>, use: (edge: number) => boolean): { nodes: number[]; firstEdge: number } {
  const prev = new Map<number, [node: number, edge: number]>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      const w = g.targets[e]!;
      if (!use(e) || !members.has(w)) continue;
      if (w === start) {
        const back = [v];
        let firstEdge = e;
        for (let x = v; x !== start; ) {
          const [p, pe] = prev.get(x)!;
          firstEdge = pe;
          x = p;
          back.push(x);
        }
        return { nodes: [...back.reverse(), start], firstEdge };
      }
      if (!prev.has(w)) {
        prev.set(w, [v, e]);
        queue.push(w);
      }
    }
  }
  return { nodes: [start], firstEdge: -1 };
}
