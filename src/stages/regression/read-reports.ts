// Reads every found report into the collector; a report that cannot be read is recorded, the others still count.
import { closeSync } from 'node:fs';
import { JunitReadError, readJunitReport } from './junit-stream.js';
import { openReport, reportRefusal, type FoundReport } from './report-files.js';
import type { CollectedCase, TestCollector } from './test-collector.js';
import { stackCandidates } from './test-location.js';

export interface ReportOutcome {
  path: string;
  bytes?: number;
  suites?: number;
  testcases?: number;
  error?: string;
}

export async function readReports(
  reports: readonly FoundReport[],
  collector: TestCollector,
  options: { maxReportBytes: number; retry?: boolean },
): Promise<ReportOutcome[]> {
  const out: ReportOutcome[] = [];
  for (const r of reports) {
    // Opened again through the guard: the file found may have been swapped for a link or a FIFO since.
    const opened = openReport(r.abs, r.within);
    if (opened.kind !== 'ok') {
      out.push({ path: r.rel, error: `${r.rel}: ${reportRefusal(opened)}` });
      continue;
    }
    // A report that fails half-way must not leave half its tests behind: its changes are journaled and undone.
    collector.begin();
    try {
      const summary = await readJunitReport(
        r.abs,
        (tc) => {
          // Failure bodies are reduced to their stack places at once, so memory does not grow with long messages.
          const c = tc as CollectedCase & { details?: string };
          if (c.details !== undefined) {
            c.stack = stackCandidates(c.details);
            c.details = undefined;
          }
          collector.add(c, r.rel, options.retry ?? false);
        },
        { displayPath: r.rel, maxBytes: options.maxReportBytes, opened },
      );
      collector.commit();
      out.push({ path: r.rel, bytes: summary.bytes, suites: summary.suites, testcases: summary.testcases });
    } catch (e) {
      collector.rollback();
      if (!(e instanceof JunitReadError)) throw e;
      out.push({ path: r.rel, error: e.message });
    } finally {
      closeSync(opened.fd);
    }
  }
  return out;
}
