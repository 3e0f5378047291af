// User patterns of content rules, compiled on re2js (RE2: linear time), refused with the pattern and its place when invalid.
import { RE2JS } from 're2js';
import { positionOf } from '../../core/text-position.js';

export const MAX_PATTERN_LENGTH = 2000;

export interface CompiledPattern {
  source: string;
  re: RE2JS;
  message?: string | undefined;
}

export interface PatternMatch {
  /** 1-based line and column of the start of the match. */
  line: number;
  column: number;
  text: string;
}

/**
 * Compiles a pattern, or returns why not. RE2 has no backreferences and no lookaround: they are refused
 * rather than emulated, because that is what keeps every rule linear in the size of the file.
 */
export function compilePattern(source: string): { ok: true; re: RE2JS } | { ok: false; why: string } {
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, why: `pattern is ${source.length} characters, over the limit of ${MAX_PATTERN_LENGTH}` };
  try {
    return { ok: true, re: RE2JS.compile(source, RE2JS.MULTILINE) };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const hint = /\\[1-9]|\(\?[=!<]|\(\?<[=!]/.test(source) || /invalid escape sequence: `\\[1-9]`|Perl syntax: `\(\?[=!<]`|named capture: `\(\?<[=!]/.test(msg)
      ? ' (RE2 runs every pattern in linear time, so it has no backreferences and no lookahead/lookbehind; rewrite the pattern without them)'
      : '';
    return { ok: false, why: `invalid pattern /${source}/: ${msg.replace(/^error parsing regexp: /, '')}${hint}` };
  }
}


/** Every match of a pattern, capped so one rule cannot flood the findings with one file. */
export function findAll(p: CompiledPattern, text: string, starts: () => number[], max = 100): PatternMatch[] {
  const out: PatternMatch[] = [];
  const m = p.re.matcher(text);
  // re2js's Matcher steps past empty matches itself, like Java's.
  while (out.length < max && m.find()) {
    const start = m.start();
    out.push({ ...positionOf(starts(), start), text: text.slice(start, Math.min(m.end(), start + 80)) });
  }
  return out;
}

export function matches(p: CompiledPattern, text: string): boolean {
  return p.re.matcher(text).find();
}
