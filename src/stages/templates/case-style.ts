// Name cases of files and folders: kebab, camel, pascal, snake.
export type NameCase = 'kebab' | 'camel' | 'pascal' | 'snake';

const CASES: Record<NameCase, RegExp> = {
  kebab: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  camel: /^[a-z][a-zA-Z0-9]*$/,
  pascal: /^[A-Z][a-zA-Z0-9]*$/,
  snake: /^[a-z0-9]+(?:_[a-z0-9]+)*$/,
};

/**
 * The part of a file name the case applies to: before the first dot, so conventional suffixes
 * (`.service.ts`, `.test.ts`, `.d.ts`) do not count. Dot-files have no such part.
 */
export function stemOf(base: string): string | null {
  if (base.startsWith('.')) return null;
  const dot = base.indexOf('.');
  return dot === -1 ? base : base.slice(0, dot);
}

export function isInCase(name: string, c: NameCase): boolean {
  return CASES[c].test(name);
}
