// Compact per-test state: one slot per test in typed columns and an open-addressing index of id hashes, no object per test.
import type { TestOutcome } from './junit-stream.js';

const PAGE_BITS = 14;
const PAGE = 1 << PAGE_BITS;
/** Columns grow a page (16k tests) at a time: `ensure` is needed only when an index is a multiple of this. */
export const COLUMN_PAGE = PAGE;
const PAGE_MASK = PAGE - 1;

interface Column {
  get(i: number): number;
  set(i: number, v: number): void;
  ensure(n: number): void;
  readonly bytes: number;
}

/** Numbers in pages of 16k: grows without copying what is there, and costs 4 bytes a test. */
export class U32Column implements Column {
  private readonly pages: Uint32Array[] = [];
  constructor(private readonly initial = 0) {}
  get(i: number): number {
    return (this.pages[i >>> PAGE_BITS] as Uint32Array)[i & PAGE_MASK] as number;
  }
  set(i: number, v: number): void {
    (this.pages[i >>> PAGE_BITS] as Uint32Array)[i & PAGE_MASK] = v;
  }
  ensure(n: number): void {
    while (this.pages.length * PAGE < n) this.pages.push(new Uint32Array(PAGE).fill(this.initial));
  }
  get bytes(): number {
    return this.pages.length * PAGE * 4;
  }
}

/** Small numbers (outcomes, flags) in pages of 16k: 1 byte a test. */
export class U8Column implements Column {
  private readonly pages: Uint8Array[] = [];
  get(i: number): number {
    return (this.pages[i >>> PAGE_BITS] as Uint8Array)[i & PAGE_MASK] as number;
  }
  set(i: number, v: number): void {
    (this.pages[i >>> PAGE_BITS] as Uint8Array)[i & PAGE_MASK] = v;
  }
  ensure(n: number): void {
    while (this.pages.length * PAGE < n) this.pages.push(new Uint8Array(PAGE));
  }
  get bytes(): number {
    return this.pages.length * PAGE;
  }
}

export const OUTCOME_CODES: readonly TestOutcome[] = ['passed', 'failed', 'errored', 'skipped'];
export const PASSED = 0;
export const FAILED = 1;
export const ERRORED = 2;
export const SKIPPED = 3;
export const outcomeCode = (o: TestOutcome): number => OUTCOME_CODES.indexOf(o);
export const isFailingCode = (c: number): boolean => c === FAILED || c === ERRORED;

/** Bits of TestColumns.flags. */
export const FLAKY = 1;
export const DUPLICATE = 2;
export const HAS_MESSAGE = 4;
export const DETAILS_REPLACED = 8;
/** The report's line attribute was out of range and dropped (the finding says so). */
export const LINE_REFUSED = 16;

/** Bits of TestColumns.settled: the outcomes of the legs a test finished before the one being read. */
export const legBit = (code: number): number => 1 << code;

/** Duration not known. */
export const NO_MS = 0xffffffff;

/** The state of a test that merging runs changes; a report's journal snapshots it in a second set of these columns. */
export class TestColumns {
  readonly outcome = new U8Column();
  readonly flags = new U8Column();
  readonly runs = new U32Column();
  readonly failedRuns = new U32Column();
  readonly ms = new U32Column(NO_MS);
  /** 0 when the report gave none. */
  readonly line = new U32Column();
  /** The report last read for this id, and how many invocations of the id it held (TestCollector.add). */
  readonly seenIn = new U32Column();
  readonly invocations = new U32Column();
  /** Interned list of the legs the test appears in (ReportSets). */
  readonly reportSet = new U32Column();
  /**
   * The legs (report files, or hosts within one) a test ran in before the one `seenIn` names: a bit per outcome code
   * (legBit), and 1 + the interned list of `leg << 2 | outcome code` of each (0 when there was none).
   */
  readonly settled = new U8Column();
  readonly legs = new U32Column();

  ensure(n: number): void {
    for (const c of this.all()) c.ensure(n);
  }

  /** this[to] = from[at]. */
  copy(from: TestColumns, at: number, to: number): void {
    const mine = this.all();
    const theirs = from.all();
    for (let k = 0; k < mine.length; k++) (mine[k] as Column).set(to, (theirs[k] as Column).get(at));
  }

  get bytes(): number {
    return this.all().reduce((n, c) => n + c.bytes, 0);
  }

  private all(): Column[] {
    return [this.outcome, this.flags, this.runs, this.failedRuns, this.ms, this.line, this.seenIn, this.invocations, this.reportSet, this.settled, this.legs];
  }
}

/**
 * Tests by the 64-bit hash of their id (IdHasher): dense indices in the order tests were added, linear probing over a
 * power-of-two slot array kept at most half full, so a lookup is a couple of array reads whatever the count.
 */
export class TestIndex {
  readonly hashLo = new U32Column();
  readonly hashHi = new U32Column();
  private slots = new Int32Array(1024);
  private mask = 1023;
  size = 0;
  /** Slots looked at, over all lookups and inserts: the unit tests check it grows with the tests, not faster. */
  probes = 0;

  find(lo: number, hi: number): number {
    for (let s = lo & this.mask; ; s = (s + 1) & this.mask) {
      this.probes++;
      const v = this.slots[s] as number;
      if (v === 0) return -1;
      if (this.hashLo.get(v - 1) === lo && this.hashHi.get(v - 1) === hi) return v - 1;
    }
  }

  /** Adds the next index for a hash that is not in the index yet. */
  add(lo: number, hi: number): number {
    const i = this.size++;
    if (i % PAGE === 0) {
      this.hashLo.ensure(this.size);
      this.hashHi.ensure(this.size);
    }
    this.hashLo.set(i, lo);
    this.hashHi.set(i, hi);
    if (this.size * 2 > this.slots.length) this.grow();
    else this.place(i);
    return i;
  }

  private place(i: number): void {
    for (let s = this.hashLo.get(i) & this.mask; ; s = (s + 1) & this.mask) {
      this.probes++;
      if (this.slots[s] === 0) {
        this.slots[s] = i + 1;
        return;
      }
    }
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let i = 0; i < this.size; i++) this.place(i);
  }

  /** Removes the indices from `n` on (backward-shift deletion: no tombstones, lookups stay as short as before). */
  truncate(n: number): void {
    for (let i = this.size - 1; i >= n; i--) this.remove(i);
    this.size = n;
  }

  private remove(i: number): void {
    let s = this.hashLo.get(i) & this.mask;
    while (this.slots[s] !== i + 1) s = (s + 1) & this.mask;
    for (let next = (s + 1) & this.mask; this.slots[next] !== 0; next = (next + 1) & this.mask) {
      const home = this.hashLo.get((this.slots[next] as number) - 1) & this.mask;
      // Move the entry back into the hole when its home slot is not between the hole and where it sits.
      const between = s <= next ? s < home && home <= next : s < home || home <= next;
      if (!between) {
        this.slots[s] = this.slots[next] as number;
        s = next;
      }
    }
    this.slots[s] = 0;
  }

  get bytes(): number {
    return this.slots.length * 4 + this.hashLo.bytes + this.hashHi.bytes;
  }
}
