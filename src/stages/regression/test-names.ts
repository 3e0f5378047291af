// A test named the ways runners print it: Andon's id (`file › suite › name`), vitest's `a.test.ts > group > name`,
// pytest node ids (`tests/test_x.py::TestC::test_y[p]`) and dotted names (`tests.test_x.TestC.test_y`, surefire's
// classes). Quarantine entries are matched in any of these forms, and each entry that matches no test is told apart.
import { cleanName as clean } from './test-identity.js';

/** What a test is called in its report. */
export interface NamedTest {
  id: string;
  classname: string;
  name: string;
}

const PART_JOIN = '\u0001';
const SPLIT_ID = / › | > /;
/** A classname that is a dotted path of identifiers (pytest modules and classes, Java packages). */
const DOTTED = /^[\w$]+(?:\.[\w$]+)+$/;

/** The name without pytest's parameters: `test_y[1-a]` → `test_y`. */
function withoutParams(name: string): string {
  const at = name.indexOf('[');
  return at > 0 && name.endsWith(']') ? name.slice(0, at) : name;
}

/** Splits a dotted name on the dots before its parameters (`a.b.test_y[1.5]` → a, b, test_y[1.5]). */
function dottedParts(s: string): string[] {
  const at = s.indexOf('[');
  const head = at === -1 ? s : s.slice(0, at);
  const parts = head.split('.');
  if (at !== -1) parts[parts.length - 1] += s.slice(at);
  return parts;
}

/** The ways an entry can name a test, as part lists: a pytest node id, a dotted name, an id joined by › or >. */
function entryForms(entry: string): string[][] {
  const e = clean(entry);
  if (e.includes('::')) {
    const [file = '', ...rest] = e.split('::');
    const module = file.replace(/\.py$/, '').split('/').filter((p) => p !== '' && p !== '.');
    return [[...module, ...rest]];
  }
  const forms = [e.split(SPLIT_ID).map(clean)];
  if (!/[\s/]/.test(e) && DOTTED.test(withoutParams(e))) forms.push(dottedParts(e));
  return forms;
}

/** A test's part lists: its id split on › and >, and its classname's dots followed by its name. */
function testForms(t: NamedTest): string[][] {
  const forms = [t.id.split(SPLIT_ID)];
  if (DOTTED.test(t.classname)) forms.push([...t.classname.split('.'), clean(t.name)]);
  return forms;
}

/**
 * Quarantine entries in any form a runner prints a test id, matched as the whole name or its trailing parts; an entry
 * without pytest parameters matches every parametrisation. Which entries matched nothing is kept for the record.
 */
export class TestNameMatcher {
  private readonly byKey = new Map<string, number[]>();
  private readonly used: boolean[];

  constructor(private readonly entries: readonly string[]) {
    this.used = entries.map(() => false);
    entries.forEach((entry, k) => {
      for (const parts of entryForms(entry)) {
        const key = parts.join(PART_JOIN);
        const list = this.byKey.get(key);
        if (list) list.push(k);
        else this.byKey.set(key, [k]);
      }
    });
  }

  get empty(): boolean {
    return this.entries.length === 0;
  }

  /** Whether an entry names the test; every entry that does is marked as used. */
  matches(t: NamedTest): boolean {
    let hit = false;
    for (const parts of testForms(t)) {
      const last = parts[parts.length - 1] ?? '';
      const bare = withoutParams(last);
      for (let from = parts.length - 1; from >= 0; from--) {
        const head = parts.slice(from, -1);
        hit = this.mark([...head, last].join(PART_JOIN)) || hit;
        if (bare !== last) hit = this.mark([...head, bare].join(PART_JOIN)) || hit;
      }
    }
    return hit;
  }

  private mark(key: string): boolean {
    const ks = this.byKey.get(key);
    if (!ks) return false;
    for (const k of ks) this.used[k] = true;
    return true;
  }

  /** The entries that named no test. */
  unmatched(): string[] {
    return this.entries.filter((_, k) => !this.used[k]);
  }
}
