// Publishes a run's HTML report from the line action: written beside the record, uploaded as an artifact whose name no
// stage can take, linked from the job summary with a one-line trend per stage over the branch's recent runs.
import path from 'node:path';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { RunRecord } from '../core/run-record.js';
import type { Store } from '../core/store.js';
import { REPORT_FILE, writeRunReport } from '../report/html/run-report.js';
import { computeMetrics } from '../report/metrics.js';
import { trendMarkdown } from '../report/metrics-text.js';
import { loadRuns } from '../report/run-data.js';
import type { ArtifactService } from './artifact-service.js';
import { reportArtifactName } from './constants.js';
import { describeMiss, withDeadline } from './deadline.js';
import { cell } from '../report/job-summary.js';
import { remoteRuns } from './remote-runs.js';

export interface PublishSettings {
  store: Store;
  record: RunRecord;
  /** Where the parent's stage folders are, when it was downloaded from another workflow run. */
  parentStore?: Store;
  /** Null when nothing is uploaded (upload off, no results service, a cancelled step). */
  artifacts: ArtifactService | null;
  retentionDays: number | null;
  deadlineMs: number;
  logger: Logger;
  github: { serverUrl: string; apiUrl: string; repo: string; runId: string; branch: string; token: string };
  /** Recent runs of the branch read for the trend. */
  history?: number;
}

/** The runs the trend is computed over: this store's, and with a token the branch's recent runs on GitHub. */
async function historyOf(s: PublishSettings, notes: string[]): Promise<RunRecord[]> {
  const local = await loadRuns(s.store);
  const bySerial = new Map(local.runs.map((r) => [r.serial, r]));
  if (s.github.token && s.github.repo && s.github.branch) {
    try {
      const remote = await remoteRuns({ repo: s.github.repo, token: s.github.token, apiUrl: s.github.apiUrl, branch: s.github.branch, last: s.history ?? 20, deadlineMs: s.deadlineMs });
      for (const r of remote.runs) if (!bySerial.has(r.serial)) bySerial.set(r.serial, r);
    } catch (e) {
      notes.push(`the trend covers this run only: the branch's earlier runs could not be read (${errorMessage(e)})`);
    }
  }
  return [...bySerial.values()];
}

/** Writes and uploads the report; returns the markdown for the job summary (link, trend, and what went wrong). */
export async function publishReport(s: PublishSettings): Promise<string> {
  const notes: string[] = [];
  const runs = await historyOf(s, notes);
  const factory = computeMetrics(runs, { source: s.github.repo || s.store.root });
  const file = path.join(s.store.runDir(s.record.serial), REPORT_FILE);
  const lines: string[] = [];
  try {
    await writeRunReport(
      {
        store: s.store,
        serial: s.record.serial,
        ...(s.parentStore ? { parentStore: s.parentStore } : {}),
        factory,
        now: new Date(),
        // The step that wrote the record has finished it: nothing here is still running.
        isInterrupted: () => false,
      },
      file,
    );
  } catch (e) {
    s.logger.warn(`the HTML report was not written: ${errorMessage(e)}`);
    return `### Report\n\nThe HTML report could not be written: ${cell(errorMessage(e))}\n`;
  }
  const name = reportArtifactName(s.record.serial);
  if (s.artifacts) {
    const service = s.artifacts;
    const up = await withDeadline(s.deadlineMs, () => service.upload(name, [file], path.dirname(file), s.retentionDays));
    if (up.kind === 'done') {
      const url = `${s.github.serverUrl}/${s.github.repo}/actions/runs/${s.github.runId}/artifacts/${up.value.id}`;
      lines.push(`### Report`, '', `[HTML report of run \`${s.record.serial}\`](${url}) (artifact \`${name}\`: download, unzip, open ${REPORT_FILE}; it works offline).`, '');
    } else {
      const why = describeMiss(`upload of ${name}`, up);
      s.logger.warn(why);
      lines.push('### Report', '', `The HTML report is at \`${file}\` on the runner; ${cell(why)}.`, '');
    }
  } else {
    lines.push('### Report', '', `The HTML report is at \`${file}\` on the runner (artifact uploads are off here).`, '');
  }
  const trend = trendMarkdown(factory);
  if (trend) lines.push(trend);
  for (const n of notes) lines.push(`- ${cell(n, 500)}`);
  return `${lines.join('\n')}\n`;
}
