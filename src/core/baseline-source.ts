// Where a stage's baseline comes from: a committed file, the base branch's last run in the store, or (on GitHub) the cache.

export interface BaselineRef {
  /** Where it came from, for the record and the report: "file", "store", "cache". */
  origin: string;
  /** One line that a person can follow, e.g. "run 20261125T190512345Z-3fa2 on main (abc1234)". */
  description: string;
  serial?: string;
  /** Reads one artifact of the baseline stage folder (e.g. "baseline.json"); null when absent. */
  read(name: string): Promise<Buffer | null>;
}

export interface BaselineSource {
  load(stageId: string): Promise<BaselineRef | null>;
}

/** Tries each source in order and returns the first baseline found. */
export function firstOf(sources: readonly BaselineSource[]): BaselineSource {
  return {
    async load(stageId) {
      for (const s of sources) {
        const b = await s.load(stageId);
        if (b) return b;
      }
      return null;
    },
  };
}
