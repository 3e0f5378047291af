import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  REPORT_FILE,
  writeRunReport
} from "./chunk-APG3ZAGW.js";
import {
  remoteRuns
} from "./chunk-H3NI4GGU.js";
import {
  trendMarkdown
} from "./chunk-5E7CGWQF.js";
import {
  computeMetrics,
  loadRuns
} from "./chunk-HQUQ24RQ.js";
import "./chunk-VHGE7LZA.js";
import {
  describeMiss,
  reportArtifactName,
  withDeadline
} from "./chunk-UPPQ2J5F.js";
import "./chunk-WCIAZNSM.js";
import {
  cell
} from "./chunk-OXGU7SJ6.js";
import "./chunk-NWRU5D3X.js";
import "./chunk-SPBR4F3X.js";
import "./chunk-UVUI3JLA.js";
import "./chunk-4PTP22Z7.js";
import "./chunk-JBUSEVB6.js";
import "./chunk-MGRT4P43.js";
import "./chunk-R2DVGQ2Z.js";
import "./chunk-NLHABGJB.js";
import "./chunk-K4VEHVI3.js";
import "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import {
  errorMessage
} from "./chunk-HUTQD67Y.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-X4N7ZENU.js";
import "./chunk-TZYN2FJC.js";

// src/github/report-publish.ts
import path from "node:path";
async function historyOf(s, notes) {
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
async function publishReport(s) {
  const notes = [];
  const runs = await historyOf(s, notes);
  const factory = computeMetrics(runs, { source: s.github.repo || s.store.root });
  const file = path.join(s.store.runDir(s.record.serial), REPORT_FILE);
  const lines = [];
  try {
    await writeRunReport(
      {
        store: s.store,
        serial: s.record.serial,
        ...s.parentStore ? { parentStore: s.parentStore } : {},
        factory,
        now: /* @__PURE__ */ new Date(),
        // The step that wrote the record has finished it: nothing here is still running.
        isInterrupted: () => false
      },
      file
    );
  } catch (e) {
    s.logger.warn(`the HTML report was not written: ${errorMessage(e)}`);
    return `### Report

The HTML report could not be written: ${cell(errorMessage(e))}
`;
  }
  const name = reportArtifactName(s.record.serial);
  if (s.artifacts) {
    const service = s.artifacts;
    const up = await withDeadline(s.deadlineMs, () => service.upload(name, [file], path.dirname(file), s.retentionDays));
    if (up.kind === "done") {
      const url = `${s.github.serverUrl}/${s.github.repo}/actions/runs/${s.github.runId}/artifacts/${up.value.id}`;
      lines.push(`### Report`, "", `[HTML report of run \`${s.record.serial}\`](${url}) (artifact \`${name}\`: download, unzip, open ${REPORT_FILE}; it works offline).`, "");
    } else {
      const why = describeMiss(`upload of ${name}`, up);
      s.logger.warn(why);
      lines.push("### Report", "", `The HTML report is at \`${file}\` on the runner; ${cell(why)}.`, "");
    }
  } else {
    lines.push("### Report", "", `The HTML report is at \`${file}\` on the runner (artifact uploads are off here).`, "");
  }
  const trend = trendMarkdown(factory);
  if (trend) lines.push(trend);
  for (const n of notes) lines.push(`- ${cell(n, 500)}`);
  return `${lines.join("\n")}
`;
}
export {
  publishReport
};
