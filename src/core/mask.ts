// Removes secret values from text before it reaches a log, a record or an artifact, the way the Actions runner
// does: by value, in the forms a value takes in output (base64 at any byte offset, JSON, URL and XML escapes),
// and also where terminal colour codes split it.
import { ANSI_CODE, hasAnsi } from './ansi.js';

const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_KEY|AUTH(?!OR))/i;
const MIN_SECRET_LENGTH = 4;
/** Shorter base64 pieces of a secret would mask unrelated base64 text more often than they hide anything. */
const MIN_BASE64_LENGTH = 6;
export const MASK = '***';

/** Whether an environment variable's name says it holds a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export class Masker {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | null = null;
  private longest = 0;

  /** Secrets from the environment: every variable whose name says it holds one, plus values given explicitly. */
  static fromEnv(env: Readonly<Record<string, string | undefined>>, extra: readonly string[] = []): Masker {
    const m = new Masker();
    for (const [name, value] of Object.entries(env)) {
      if (value && isSecretName(name)) m.add(value);
    }
    for (const v of extra) m.add(v);
    return m;
  }

  /** Registers a secret value and its encoded forms. */
  add(secret: string): void {
    // A multi-line secret is masked line by line, since output is masked a line at a time.
    for (const part of secret.split(/\r?\n/)) {
      const p = part.trim();
      if (p.length < MIN_SECRET_LENGTH) continue;
      for (const form of encodedForms(p)) {
        if (form.length >= MIN_SECRET_LENGTH) this.secrets.add(form);
      }
    }
    this.pattern = null;
  }

  /** How many distinct forms are masked (a secret counts once per form). */
  get size(): number {
    return this.secrets.size;
  }

  /** The length of the longest masked form: a text cut into pieces must overlap by this much less one. */
  get longestForm(): number {
    if (this.secrets.size === 0) return 0;
    this.compiled();
    return this.longest;
  }

  mask(text: string): string {
    if (this.secrets.size === 0 || text.length === 0) return text;
    const pattern = this.compiled();
    if (!hasAnsi(text)) return text.replace(pattern, MASK);
    return maskAcrossCodes(text, pattern);
  }

  /**
   * Where to cut a long text that is written in pieces, at or after `want`: never inside a secret or a colour code,
   * so each piece can be masked on its own. The caller keeps at least `longestForm` characters after `want`.
   */
  safeCut(text: string, want: number): number {
    let cut = want;
    for (const m of text.matchAll(ANSI_CODE)) if (m.index < cut && cut < m.index + m[0].length) cut = m.index + m[0].length;
    if (this.secrets.size === 0) return cut;
    for (const [from, to] of secretSpans(text, this.compiled())) if (from < cut && cut < to) cut = to;
    return cut;
  }

  /** A copy of a JSON-like value with every string in it (object keys too) masked. */
  maskDeep<T>(value: T): T {
    if (this.secrets.size === 0) return value;
    return this.walk(JSON.parse(JSON.stringify(value) ?? 'null')) as T;
  }

  private walk(v: unknown): unknown {
    if (typeof v === 'string') return this.mask(v);
    if (Array.isArray(v)) return v.map((x) => this.walk(x));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const key = this.mask(k);
        // An own "__proto__" key (JSON.parse makes one) must stay a key, not become the prototype.
        Object.defineProperty(out, key, { value: this.walk(x), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  }

  private compiled(): RegExp {
    if (!this.pattern) {
      const parts = [...this.secrets].sort((a, b) => b.length - a.length);
      this.longest = parts[0]?.length ?? 0;
      this.pattern = new RegExp(parts.map(escapeRegExp).join('|'), 'g');
    }
    return this.pattern;
  }
}

/**
 * Where secrets stand in a text read without its colour codes, as [from, to) spans of the text itself: a code
 * inside a secret does not hide it.
 */
function secretSpans(text: string, pattern: RegExp): [number, number][] {
  // origin[i]: where the i-th character of the code-free text stands in `text`.
  const origin: number[] = [];
  let plain = '';
  let last = 0;
  for (const m of text.matchAll(ANSI_CODE)) {
    for (let i = last; i < m.index; i++) origin.push(i);
    plain += text.slice(last, m.index);
    last = m.index + m[0].length;
  }
  for (let i = last; i < text.length; i++) origin.push(i);
  plain += text.slice(last);
  return [...plain.matchAll(pattern)].map((m) => [origin[m.index]!, origin[m.index + m[0].length - 1]! + 1]);
}

/** Masks secrets across colour codes; the codes inside a masked span are kept after it, so colours stay balanced. */
function maskAcrossCodes(text: string, pattern: RegExp): string {
  let out = '';
  let at = 0;
  for (const [from, to] of secretSpans(text, pattern)) {
    out += text.slice(at, from) + MASK + (text.slice(from, to).match(ANSI_CODE)?.join('') ?? '');
    at = to;
  }
  return at === 0 ? text : out + text.slice(at);
}

/** The forms a value takes when a tool prints it encoded: the runner masks the same ones. */
export function encodedForms(secret: string): Set<string> {
  const forms = new Set<string>([secret]);
  // JSON and JavaScript string escapes; some writers also escape '/' or every non-ASCII character.
  const json = JSON.stringify(secret).slice(1, -1);
  forms.add(json);
  forms.add(json.replace(/\//g, '\\/'));
  forms.add(json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  forms.add(secret.replace(/"/g, '\\"'));
  // Markdown as a job summary writes untrusted text: every ASCII punctuation character backslash-escaped.
  forms.add(secret.replace(/[!-/:-@[-`{-~]/g, '\\$&'));
  // XML and HTML text.
  forms.add(secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;'));
  // URL encodings: encodeURIComponent, RFC 3986 (also !'()*), form encoding (+ for space), lower-case hex digits.
  let uri: string | undefined;
  try {
    uri = encodeURIComponent(secret);
  } catch {
    // A lone surrogate has no URL form.
  }
  if (uri !== undefined) {
    const strict = uri.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    for (const u of [uri, strict]) {
      forms.add(u);
      forms.add(u.replace(/%20/g, '+'));
      forms.add(u.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()));
    }
  }
  for (const b of base64Forms(secret)) forms.add(b);
  return forms;
}

/**
 * Base64 of the value as it appears inside a longer encoded text: the value can start at any of the three byte
 * offsets of a 3-byte group, so each offset gives other digits. Only whole groups are kept, so the digits match
 * whatever bytes stand before and after the value (padding and the digits shared with neighbours are left out).
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [];
  for (let skip = 0; skip <= 2; skip++) {
    const body = bytes.subarray(skip);
    const whole = body.subarray(0, body.length - (body.length % 3));
    const b64 = whole.toString('base64');
    if (b64.length < MIN_BASE64_LENGTH) continue;
    out.push(b64, b64.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
