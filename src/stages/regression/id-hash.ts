// 64-bit hashes of test ids, seeded per process: tests are looked up by hash so no id string has to stay in memory.
import { randomInt } from 'node:crypto';

/**
 * Two independent MurmurHash3-style 32-bit lanes over the id's UTF-16 code units. The seeds are random per process, so
 * nobody can write two test names that collide on purpose; by chance, two of a million ids collide with odds of about
 * 1 in 40 million. Results land in `lo` and `hi` (no allocation per id).
 */
export class IdHasher {
  lo = 0;
  hi = 0;
  private readonly seedLo: number;
  private readonly seedHi: number;

  constructor(seedLo = randomInt(2 ** 31), seedHi = randomInt(2 ** 31)) {
    this.seedLo = seedLo;
    this.seedHi = seedHi;
  }

  hash(s: string): void {
    let a = this.seedLo;
    let b = this.seedHi;
    const n = s.length;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const k = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
      a = mixLane(a, k);
      b = mixLane(b, Math.imul(k, 0x85ebca6b) ^ 0x5bd1e995);
    }
    if (i < n) {
      const k = s.charCodeAt(i);
      a ^= Math.imul(rotl(Math.imul(k, 0xcc9e2d51), 15), 0x1b873593);
      b ^= Math.imul(rotl(Math.imul(k ^ 0x5bd1e995, 0xcc9e2d51), 15), 0x1b873593);
    }
    this.lo = fmix(a ^ n) >>> 0;
    this.hi = fmix(b ^ n) >>> 0;
  }
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function mixLane(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = rotl(h, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
