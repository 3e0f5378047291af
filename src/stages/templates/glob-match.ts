// Glob matchers as bare regular expressions: picomatch's own matcher function allocates a result per call,
// which over tens of thousands of paths per rule is most of the cost.
import picomatch from 'picomatch';

export type Matcher = (p: string) => boolean;

export function globMatcher(globs: readonly string[]): Matcher {
  if (globs.length === 0) return () => false;
  if (globs.some((g) => g === '**' || g === '**/*')) return () => true;
  const res = globs.map((g) => picomatch.makeRe(g, { dot: true }));
  if (res.length === 1) {
    const re = res[0]!;
    return (p) => re.test(p);
  }
  return (p) => {
    for (const re of res) if (re.test(p)) return true;
    return false;
  };
}
