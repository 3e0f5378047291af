// The reports each test appears in, as interned lists: tests that share their reports share one list and one number.

/** A test lists at most this many reports (a test in more is in every shard: the first ones say enough). */
const MAX_REPORTS_PER_TEST = 8;

/** Report lists shared by the tests that appear in the same reports: one number per test instead of an array. */
export class ReportSets {
  readonly names: string[] = [];
  private readonly byName = new Map<string, number>();
  private readonly lists: number[][] = [];
  private readonly byKey = new Map<string, number>();

  private lastName = '';
  private lastReport = -1;
  private readonly single: number[] = [];

  report(name: string): number {
    // Reports are read one after the other: the same name comes thousands of times in a row.
    if (name === this.lastName && this.lastReport >= 0) return this.lastReport;
    let r = this.byName.get(name);
    if (r === undefined) {
      r = this.names.length;
      this.names.push(name);
      this.byName.set(name, r);
    }
    this.lastName = name;
    this.lastReport = r;
    return r;
  }

  /** The set of one report. */
  only(report: number): number {
    return (this.single[report] ??= this.set([report]));
  }

  set(list: number[]): number {
    const key = list.join(',');
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.lists.length;
      this.lists.push(list);
      this.byKey.set(key, id);
    }
    return id;
  }

  has(set: number, report: number): boolean {
    return (this.lists[set] as number[]).includes(report);
  }

  with(set: number, report: number): number {
    const list = this.lists[set] as number[];
    return list.length >= MAX_REPORTS_PER_TEST ? set : this.set([...list, report]);
  }

  private readonly pathLists = new Map<number, readonly string[]>();

  /** The report paths of a set; the same array for every test of the set. */
  paths(set: number): readonly string[] {
    let out = this.pathLists.get(set);
    if (!out) {
      out = (this.lists[set] as number[]).map((r) => this.names[r] as string);
      this.pathLists.set(set, out);
    }
    return out;
  }
}
