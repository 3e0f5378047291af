// One measurement of bench/regression.bench.ts in its own process, so its peak RSS is its own: prints one JSON line.
import { createReadStream, readFileSync } from 'node:fs';
import { readJunitReport } from '../src/stages/regression/junit-stream.js';
import { readReports } from '../src/stages/regression/read-reports.js';
import { TestCollector } from '../src/stages/regression/test-collector.js';
import { parseBaselineFile, toBaselineFile } from '../src/stages/regression/baseline-file.js';
import { classify } from '../src/stages/regression/classify.js';
import type { TestRecord } from '../src/stages/regression/test-collector.js';

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
      const c = new TestCollector('/nonexistent-workspace');
      const [r] = await readReports([{ rel: 'r.xml', abs: file, mtimeMs: 0, bytes: 0 }], c, { maxReportBytes: Number.MAX_SAFE_INTEGER });
      if (r?.error) throw new Error(r.error);
      return { testcases: r?.testcases ?? 0, extra: { tests: c.tests.size } };
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
      const tests = new Map<string, TestRecord>();
      const base: TestRecord[] = [];
      for (let i = 0; i < n; i++) {
        const id = `test/mod${i % 2000}.test.ts › Suite ${i % 500} › does thing ${i}`;
        base.push({ id, suite: '', classname: '', name: '', outcome: i % 50 === 0 ? 'failed' : 'passed', flaky: false, runs: 1, failedRuns: 0, reports: [], durationMs: 5 });
        // 1% of the tests are renamed between the runs, so removed/new tests are exercised too.
        const cur = i % 100 === 0 ? `${id} (renamed)` : id;
        tests.set(cur, { id: cur, suite: '', classname: '', name: '', outcome: i % 40 === 0 ? 'failed' : 'passed', flaky: false, runs: 1, failedRuns: 0, reports: [] });
      }
      const bytes = Buffer.from(JSON.stringify(toBaselineFile('unit', base)));
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const parsed = parseBaselineFile(bytes);
      if (!parsed.ok) throw new Error(parsed.why);
      const t1 = performance.now();
      const c = classify(tests, parsed.entries, ['regression', 'new-failure'], () => false);
      const t2 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      return {
        testcases: c.items.length,
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
