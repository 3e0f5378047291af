// One measurement of bench/regression.bench.ts in its own process, so its peak RSS is its own: prints one JSON line.
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BaselineWriter } from '../src/stages/regression/baseline-file.js';
import { BaselineMatch, ClassTally, classOf } from '../src/stages/regression/classify.js';
import { readJunitReport } from '../src/stages/regression/junit-stream.js';
import { readReports } from '../src/stages/regression/read-reports.js';
import { TestCollector } from '../src/stages/regression/test-collector.js';
import { Spill } from '../src/stages/regression/test-spill.js';

const [mode = '', file = ''] = process.argv.slice(2);

function countCases(node: unknown): number {
  // Walks a parsed DOM-like object and counts every "testcase" entry, as the peers' report builders do.
  if (node === null || typeof node !== 'object') return 0;
  let n = 0;
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === 'testcase') n += Array.isArray(v) ? v.length : 1;
    if (Array.isArray(v)) for (const x of v) n += countCases(x);
    else n += countCases(v);
  }
  return n;
}

async function measure(): Promise<{ testcases: number; bytes?: number; extra?: Record<string, number> }> {
  switch (mode) {
    case 'andon': {
      let n = 0;
      const s = await readJunitReport(file, () => n++);
      return { testcases: n, bytes: s.bytes };
    }
    case 'andon-collect': {
      // The stage's whole ingest: reader, failure bodies reduced to stack places, merge by test id.
      const spill = new Spill();
      const c = new TestCollector('/nonexistent-workspace', spill);
      const [r] = await readReports([{ rel: 'r.xml', abs: file, within: path.dirname(file), identity: '', bytes: 0 }], c, { maxReportBytes: Number.MAX_SAFE_INTEGER });
      spill.close();
      if (r?.error) throw new Error(r.error);
      return { testcases: r?.testcases ?? 0, extra: { tests: c.size, bytesPerTest: c.bytes / c.size } };
    }
    case 'saxes': {
      const { SaxesParser } = await import('saxes');
      const p = new SaxesParser();
      let n = 0;
      p.on('opentag', (t) => {
        if (t.name === 'testcase') n++;
      });
      for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1024 * 1024 })) p.write(chunk as string);
      p.close();
      return { testcases: n };
    }
    case 'xml2js': {
      const { parseStringPromise } = await import('xml2js');
      const doc: unknown = await parseStringPromise(readFileSync(file, 'utf8'));
      return { testcases: countCases(doc) };
    }
    case 'fast-xml-parser': {
      const { XMLParser } = await import('fast-xml-parser');
      const doc: unknown = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(file, 'utf8'));
      return { testcases: countCases(doc) };
    }
    case 'classify': {
      const n = Number(file || 200_000);
      const dir = mkdtempSync(path.join(tmpdir(), 'andon-bench-classify-'));
      const spill = new Spill(dir);
      const tests = new TestCollector('/ws', spill);
      const base = new BaselineWriter(path.join(dir, 'baseline.json'), 'unit');
      for (let i = 0; i < n; i++) {
        const name = `does thing ${i}`;
        base.add(`test/mod${i % 2000}.test.ts › Suite ${i % 500} › ${name}`, i % 50 === 0 ? 'failed' : 'passed', 5, false);
        // 1% of the tests are renamed between the runs, so removed/new tests are exercised too.
        tests.add({ suites: [`Suite ${i % 500}`], classname: '', name: i % 100 === 0 ? `${name} (renamed)` : name, file: `test/mod${i % 2000}.test.ts`, outcome: i % 40 === 0 ? 'failed' : 'passed', flaky: false, reruns: 0 }, 'r.xml');
      }
      await base.close();
      const bytes = readFileSync(path.join(dir, 'baseline.json'));
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const read = await BaselineMatch.read(bytes, tests, dir);
      if (!('match' in read)) throw new Error(read.why);
      const t1 = performance.now();
      const m = read.match;
      const tally = new ClassTally(['regression', 'new-failure'], true);
      for (let i = 0; i < tests.size; i++) tally.count(classOf(tests.outcome(i), tests.isFlaky(i), m.baseOutcome(i), true, false));
      for (const _ of m.removedTests()) tally.count('removed');
      const t2 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      m.close();
      spill.close();
      rmSync(dir, { recursive: true, force: true });
      return {
        testcases: tests.size + m.removed,
        extra: { parseMs: t1 - t0, classifyMs: t2 - t1, totalMs: t2 - t0, totalCpuMs: (cpu.user + cpu.system) / 1000, baselineBytes: bytes.length },
      };
    }
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

const started = performance.now();
const cpu0 = process.cpuUsage();
const r = await measure();
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  JSON.stringify({ mode, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024, ...r }) + '\n',
);
