// Writes a run's report page to a file: the data from the store, the page assets, one atomic write.
import { writeFileAtomic } from '../../core/run-record.js';
import { buildReportData, type ReportInput } from './build-report.js';
import { pageAssets } from './page-assets.js';
import { renderReportHtml } from './write-html.js';

/** The report's file inside a run folder, beside run.json (outside the stage folders the record hashes). */
export const REPORT_FILE = 'report.html';

/** Writes the report of `input.serial` to `file`; returns the page's size in bytes. */
export async function writeRunReport(input: ReportInput, file: string): Promise<number> {
  const [data, assets] = await Promise.all([buildReportData(input), pageAssets()]);
  const pieces = renderReportHtml(data, assets);
  await writeFileAtomic(file, pieces);
  return pieces.reduce((n, p) => n + Buffer.byteLength(p), 0);
}
