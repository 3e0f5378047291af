import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  nonBlockingFailures,
  stopsLine,
  verdictOf
} from "./chunk-R2DVGQ2Z.js";

// src/core/finalize.ts
function isInterrupted(record, isAlive, thisHost) {
  if (record.verdict !== "running") return false;
  const pid = record.host.pid;
  if (!pid) return false;
  if (record.host.hostname && record.host.hostname !== thisHost) return false;
  return !isAlive(pid);
}
function finalizeRecord(record, reason, clock) {
  const out = structuredClone(record);
  const at = clock.now().toISOString();
  let stoppedBy = null;
  for (const s of out.stages) {
    if (!stoppedBy && stopsLine(s)) stoppedBy = s.id;
    if (s.state !== "running" && s.state !== "pending") continue;
    const to = s.state === "pending" && stoppedBy ? "skipped" : "cancelled";
    const why = to === "skipped" ? `stopped by ${stoppedBy}` : s.state === "running" ? `interrupted: ${reason}` : `never ran: ${reason}`;
    out.transitions.push({ at, stage: s.id, from: s.state, to });
    s.state = to;
    s.reason = why;
    s.finishedAt = at;
    if (s.startedAt) s.durationMs = Math.max(0, Date.parse(at) - Date.parse(s.startedAt));
  }
  out.verdict = verdictOf(out.stages);
  out.nonBlockingFailures = nonBlockingFailures(out.stages);
  out.finishedAt = at;
  return out;
}

export {
  isInterrupted,
  finalizeRecord
};
