// Closing a record whose process did not finish it: the post step of an action, or a reader of a killed run.
import type { Clock } from './clock.js';
import { nonBlockingFailures, stopsLine, verdictOf } from './line-machine.js';
import type { RunRecord } from './run-record.js';

/** True when the record says it is running but the process that wrote it is gone. */
export function isInterrupted(record: RunRecord, isAlive: (pid: number) => boolean, thisHost: string): boolean {
  if (record.verdict !== 'running') return false;
  const pid = record.host.pid;
  if (!pid) return false;
  if (record.host.hostname && record.host.hostname !== thisHost) return false;
  return !isAlive(pid);
}

/**
 * Ends every stage that did not end: running → cancelled, pending → cancelled (or skipped when a blocking
 * stage had already stopped the line), each with a reason; then sets the verdict. Returns a new record.
 */
export function finalizeRecord(record: RunRecord, reason: string, clock: Clock): RunRecord {
  const out = structuredClone(record);
  const at = clock.now().toISOString();
  let stoppedBy: string | null = null;
  for (const s of out.stages) {
    if (!stoppedBy && stopsLine(s)) stoppedBy = s.id;
    if (s.state !== 'running' && s.state !== 'pending') continue;
    const to = s.state === 'pending' && stoppedBy ? 'skipped' : 'cancelled';
    const why = to === 'skipped' ? `stopped by ${stoppedBy}` : s.state === 'running' ? `interrupted: ${reason}` : `never ran: ${reason}`;
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
