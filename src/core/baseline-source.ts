// Where a stage's baseline comes from: a committed file, a recorded run of the base commit (store or, on GitHub, the
// cache), or the same stage kind run at the base commit. Every source but the committed file describes an ancestor.

export interface BaselineRef {
  /** Where it came from, for the record and the report: "file", "store", "cache", "base". */
  origin: string;
  /** One line that a person can follow, e.g. "run 20261125T190512345Z-3fa2 on main (abc1234)". */
  description: string;
  serial?: string;
  /** Reads one artifact of the baseline stage folder (e.g. "baseline.json"); null when absent. */
  read(name: string): Promise<Buffer | null>;
  /**
   * What keys the stage's inputs digest in place of the baseline's bytes, when the bytes are a function of it and
   * costly to make (a baseline computed at the base commit: made only when the stage runs, never to decide a reuse).
   */
  identity?: string;
  /** Why the base could not be judged, or null when it was; a stage then treats findings outside the change as of unknown age. */
  unavailable?(): Promise<string | null>;
}

/** What a baseline is asked for: the stage, and the base commit the change is judged against. */
export interface BaselineQuery {
  stageId: string;
  /** The stage's kind: a baseline another kind left under the same id is not this stage's. */
  uses: string;
  /** The base commit (an ancestor of HEAD), or null when none is known. */
  baseSha: string | null;
}

export interface BaselineSource {
  load(query: BaselineQuery): Promise<BaselineRef | null>;
}

/** Tries each source in order and returns the first baseline found. */
export function firstOf(sources: readonly BaselineSource[]): BaselineSource {
  return {
    async load(query) {
      for (const s of sources) {
        const b = await s.load(query);
        if (b) return b;
      }
      return null;
    },
  };
}
