// The legs each test ran in, as interned lists: tests that share their legs share one list and one number. A leg is one
// report file, or one host of a file that holds the suites of several machines (a merged report).

/** A test lists at most this many legs (a test in more is in every shard: the first ones say enough). */
const MAX_REPORTS_PER_TEST = 8;

interface Leg {
  path: string;
  host: string;
}

/** Leg lists shared by the tests that ran in the same legs: one number per test instead of an array. */
export class ReportSets {
  private readonly legs: Leg[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly lists: number[][] = [];
  private readonly listByKey = new Map<string, number>();
  /** Hosts seen per report file: a host is named in a leg's name only when its file has several. */
  private readonly hosts = new Map<string, Set<string>>();

  private lastPath = '';
  private lastHost = '';
  private lastLeg = -1;
  private readonly single: number[] = [];

  /** The leg of a test case read from `path` in a suite run on `host` ('' when the report names none). */
  leg(path: string, host = ''): number {
    // Reports are read one after the other: the same leg comes thousands of times in a row.
    if (path === this.lastPath && host === this.lastHost && this.lastLeg >= 0) return this.lastLeg;
    const key = `${path}\0${host}`;
    let r = this.byKey.get(key);
    if (r === undefined) {
      r = this.legs.length;
      this.legs.push({ path, host });
      this.byKey.set(key, r);
      let hosts = this.hosts.get(path);
      if (!hosts) this.hosts.set(path, (hosts = new Set()));
      hosts.add(host);
    }
    this.lastPath = path;
    this.lastHost = host;
    this.lastLeg = r;
    return r;
  }

  /** How a leg is named in the record: its report file, and its host when the file holds several. */
  name(leg: number): string {
    const l = this.legs[leg] as Leg;
    return (this.hosts.get(l.path)?.size ?? 1) > 1 ? `${l.path} (hostname ${l.host || 'none'})` : l.path;
  }

  /** The set of one leg. */
  only(leg: number): number {
    return (this.single[leg] ??= this.set([leg]));
  }

  /** Interns a list of numbers (legs, or legs with their outcomes): the same list gets the same id. */
  set(list: number[]): number {
    const key = list.join(',');
    let id = this.listByKey.get(key);
    if (id === undefined) {
      id = this.lists.length;
      this.lists.push(list);
      this.listByKey.set(key, id);
    }
    return id;
  }

  list(set: number): readonly number[] {
    return this.lists[set] as number[];
  }

  has(set: number, leg: number): boolean {
    return this.list(set).includes(leg);
  }

  /** The set with one more entry; a set already at the cap stays as it is. */
  with(set: number, entry: number): number {
    const list = this.list(set);
    return list.length >= MAX_REPORTS_PER_TEST ? set : this.set([...list, entry]);
  }

  private readonly pathLists = new Map<number, readonly string[]>();
  private readonly nameLists = new Map<number, readonly string[]>();

  /** The report files of a set of legs, each once; the same array for every test of the set. */
  paths(set: number): readonly string[] {
    let out = this.pathLists.get(set);
    if (!out) {
      out = [...new Set(this.list(set).map((r) => (this.legs[r] as Leg).path))];
      this.pathLists.set(set, out);
    }
    return out;
  }

  /** The names of the legs of a set (a report file, with its host where the file has several). */
  names(set: number): readonly string[] {
    let out = this.nameLists.get(set);
    if (!out) {
      out = this.list(set).map((r) => this.name(r));
      this.nameLists.set(set, out);
    }
    return out;
  }
}
