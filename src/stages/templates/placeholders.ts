// `{name}` placeholders in rule and template text: parsing, case forms, binding and rendering.

export const PLACEHOLDER_CASES = ['kebab', 'camel', 'pascal', 'snake', 'upper'] as const;
export type PlaceholderCase = (typeof PLACEHOLDER_CASES)[number];

export type Binding = Readonly<Record<string, string>>;

export interface PlaceholderUse {
  name: string;
  form: PlaceholderCase | undefined;
  /** Offset of the `{` in the text. */
  index: number;
  raw: string;
}

// `{name}` or `{name:pascal}`; nothing else in braces is a placeholder, so `${x}` and `{ a }` in code pass through.
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)(?::([a-z]+))?\}/g;

export function placeholdersIn(text: string): PlaceholderUse[] {
  const out: PlaceholderUse[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    // `${name}` is a template literal in code, not ours.
    if (m.index > 0 && text[m.index - 1] === '$') continue;
    out.push({ name: m[1]!, form: m[2] as PlaceholderCase | undefined, index: m.index, raw: m[0] });
  }
  return out;
}

/** Splits a name into lower-case words: `userProfile`, `user-profile`, `UserProfile` → [user, profile]. */
export function words(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function inCase(value: string, form: PlaceholderCase): string {
  const w = words(value);
  switch (form) {
    case 'kebab':
      return w.join('-');
    case 'snake':
      return w.join('_');
    case 'upper':
      return w.join('_').toUpperCase();
    case 'camel':
      return w.map((x, i) => (i === 0 ? x : cap(x))).join('');
    case 'pascal':
      return w.map(cap).join('');
  }
}

function cap(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** Placeholders used in `text` that `bound` does not provide, or whose case form is unknown. */
export function unboundIn(text: string, bound: ReadonlySet<string>): string[] {
  const bad: string[] = [];
  for (const p of placeholdersIn(text)) {
    if (!bound.has(p.name)) bad.push(`${p.raw} (not bound${bound.size ? `; bound here: ${[...bound].map((b) => `{${b}}`).join(', ')}` : ': this rule has no pattern that binds placeholders'})`);
    else if (p.form !== undefined && !(PLACEHOLDER_CASES as readonly string[]).includes(p.form)) {
      bad.push(`${p.raw} (unknown case "${p.form}"; use one of ${PLACEHOLDER_CASES.join(', ')})`);
    }
  }
  return bad;
}

/** Replaces every bound placeholder; unbound ones stay as written (validation refuses them earlier). */
export function render(text: string, binding: Binding): string {
  if (!text.includes('{')) return text;
  return text.replace(PLACEHOLDER, (raw, name: string, form: string | undefined, offset: number) => {
    if (offset > 0 && text[offset - 1] === '$') return raw;
    const v = binding[name];
    if (v === undefined) return raw;
    return form ? inCase(v, form as PlaceholderCase) : v;
  });
}
