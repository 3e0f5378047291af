// Name cases of files and folders (kebab, camel, pascal, snake), and the parts of a name that a language or a
// framework fixes, which no case rule can ask to change: `__init__.py`, `_compat.py`, `__tests__/`, `[id].tsx`.
export type NameCase = 'kebab' | 'camel' | 'pascal' | 'snake';

const CASES: Record<NameCase, RegExp> = {
  kebab: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  camel: /^[a-z][a-zA-Z0-9]*$/,
  pascal: /^[A-Z][a-zA-Z0-9]*$/,
  snake: /^[a-z0-9]+(?:_[a-z0-9]+)*$/,
};

/**
 * The part of a file name the case applies to: before the first dot, so conventional suffixes
 * (`.service.ts`, `.test.ts`, `.d.ts`) do not count, and a route's brackets keep their dots (`[...slug].tsx`).
 * Dot-files have no such part.
 */
export function stemOf(base: string): string | null {
  if (base.startsWith('.')) return null;
  const close = base.startsWith('[') ? base.lastIndexOf(']') : -1;
  const dot = base.indexOf('.', close + 1);
  return dot === -1 ? base : base.slice(0, dot);
}

// What languages and tools fix around a name; the inner part is the name the case applies to.
const DECORATIONS: RegExp[] = [
  /^__(.+)__$/, // Python's dunder modules (__init__, __main__), Jest's __tests__ and __mocks__ folders
  /^\[\[\.\.\.(.+)\]\]$/, // optional catch-all routes: [[...all]]
  /^\[(?:\.\.\.)?(.+)\]$/, // dynamic routes: [id], [...slug]
  /^\((.+)\)$/, // route groups: (marketing)
  /^[@+$](.*)$/, // parallel routes (@modal), SvelteKit's +page, Remix's $id
  /^_(.+)$/, // private modules and folders: Python's _compat.py, Next.js's _app.tsx and _components/
];

/**
 * The name a case rule judges: the stem (of a file) or the whole name (of a folder), with one convention of
 * the language or framework taken off; null when nothing is left to judge (dot-files, a bare `$.tsx`).
 */
export function nameToJudge(base: string, target: 'file' | 'folder'): string | null {
  const name = target === 'file' ? stemOf(base) : base.startsWith('.') ? null : base;
  if (name === null) return null;
  for (const d of DECORATIONS) {
    const m = d.exec(name);
    if (m) return m[1] ? m[1] : null;
  }
  return name;
}

export function isInCase(name: string, c: NameCase): boolean {
  return CASES[c].test(name);
}
