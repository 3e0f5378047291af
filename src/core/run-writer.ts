// Keeps a run's record in memory and in the store: every stage transition is checked against the state
// machine and written at once, in order, so a reader (or a killed run) always finds a whole record.
import type { Clock } from './clock.js';
import { InternalError } from './errors.js';
import { assertTransition, type StageState } from './line-machine.js';
import type { RunRecord, StageRecord } from './run-record.js';
import type { Store } from './store.js';

export class RunWriter {
  private chain: Promise<void> = Promise.resolve();
  constructor(
    readonly record: RunRecord,
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  stage(id: string): StageRecord {
    const s = this.record.stages.find((x) => x.id === id);
    if (!s) throw new InternalError(`no stage ${id} in the record`);
    return s;
  }

  /** Moves a stage to a new state, checked against the state machine, and writes the record. */
  async move(id: string, to: StageState, reason: string, patch: Partial<StageRecord> = {}, completion = false): Promise<StageRecord> {
    const s = this.moveNow(id, to, reason, patch, completion);
    await this.flush();
    return s;
  }

  /** The move without the write: for a process that is ending, which then writes with writeNow. */
  moveNow(id: string, to: StageState, reason: string, patch: Partial<StageRecord> = {}, completion = false): StageRecord {
    const s = this.stage(id);
    assertTransition(id, s.state, to, completion);
    const at = this.clock.now().toISOString();
    this.record.transitions.push({ at, stage: id, from: s.state, to });
    Object.assign(s, patch);
    s.state = to;
    s.reason = reason;
    if (to === 'running') s.startedAt = at;
    else {
      s.finishedAt = at;
      // A result completed at the end of the line keeps its own time (the patch adds the completion's), not the line's.
      if (completion) return s;
      if (s.startedAt) s.durationMs = Math.max(0, Date.parse(at) - Date.parse(s.startedAt));
      else s.durationMs ??= 0;
    }
    return s;
  }

  /** Writes the record as it is now; writes never overtake each other (one that failed does not stop the next). */
  flush(): Promise<void> {
    const snapshot = structuredClone(this.record);
    const write = this.chain.catch(() => undefined).then(() => this.store.writeRecord(snapshot));
    this.chain = write;
    return write;
  }

  /** Writes the record at once, ahead of writes still queued: the process is ending and they will never run. */
  writeNow(): void {
    this.store.writeRecordSync(this.record);
  }
}
