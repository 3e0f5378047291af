// Run serials: unique, sortable by time, never reused; on GitHub derived from run id and attempt.
import { randomBytes } from 'node:crypto';

const LOCAL = /^(\d{8}T\d{9}Z)-([0-9a-f]{6})$/;
const GITHUB = /^gh-(\d{1,20})-(\d{1,4})$/;

/** A local serial: UTC time to the millisecond plus 24 random bits, e.g. 20261125T190512345Z-3fa2c1. */
export function localSerial(now: Date, random: () => string = () => randomBytes(3).toString('hex')): string {
  const iso = now.toISOString(); // 2026-11-25T19:05:12.345Z
  const stamp = iso.slice(0, 19).replace(/[-:]/g, '') + iso.slice(20, 23) + 'Z';
  return `${stamp}-${random()}`;
}

/** The serial of a GitHub workflow run attempt: every step and job of that attempt shares it. */
export function githubSerial(runId: string, attempt: number | string): string {
  if (!/^\d+$/.test(runId)) throw new Error(`GITHUB_RUN_ID is not a number: ${runId}`);
  return `gh-${runId}-${Number(attempt) || 1}`;
}

export type ParsedSerial =
  | { kind: 'local'; time: Date }
  | { kind: 'github'; runId: string; attempt: number };

export function parseSerial(serial: string): ParsedSerial | null {
  const l = LOCAL.exec(serial);
  if (l) {
    const s = l[1]!;
    const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
    return { kind: 'local', time: new Date(iso) };
  }
  const g = GITHUB.exec(serial);
  if (g) return { kind: 'github', runId: g[1]!, attempt: Number(g[2]) };
  return null;
}

export function isValidSerial(serial: string): boolean {
  return parseSerial(serial) !== null;
}

/** Orders serials by time: local ones by their stamp, GitHub ones by run id then attempt. */
export function compareSerials(a: string, b: string): number {
  const pa = parseSerial(a);
  const pb = parseSerial(b);
  if (pa?.kind === 'github' && pb?.kind === 'github') {
    const d = BigInt(pa.runId) - BigInt(pb.runId);
    if (d !== 0n) return d < 0n ? -1 : 1;
    return pa.attempt - pb.attempt;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
