// Inputs for the fuzz suite: text and values as a broken tool or an attacker writes them, near the shapes readers expect.
import fc from 'fast-check';

/** ANDON_FUZZ_SCALE=50 runs a deeper probe by hand; `npm test` keeps the suite to a few seconds. */
const SCALE = Math.max(1, Number(process.env.ANDON_FUZZ_SCALE) || 1);
/** Runs per property: enough to meet the edge cases below every run, few enough to keep `npm test` quick. */
export const RUNS = 100 * SCALE;
/** For properties that write a file and read it back per run. */
export const FILE_RUNS = 50 * SCALE;

/** Strings that have broken parsers before: prototype keys, numbers past exact integers, markup, escapes, controls. */
export const nastyToken = fc.constantFrom(
  '__proto__', 'constructor', 'prototype', 'toString', '', ' ', '\u0000', '\uFFFD', '\uD800', '\u202E', '\r\n', '\t',
  '../..', '/', '/dev/zero', '.git', '9007199254740993', '1e400', '-0', 'NaN', 'Infinity', '0x10', '007',
  '%YAML 1.1', '---', '...', '*a', '&a', '<<', '!!binary', '!!js/function', '? ', '{', '[', ']', '}', ':', '#', '|', '>',
  '<', '>', '&amp;', '&#0;', '&#x110000;', '&bogus;', ']]>', '<![CDATA[', '<!DOCTYPE x [<!ENTITY e "e">]>', '<?xml?>',
  '%', '%zz', '%2e%2e/', 'file:///etc/passwd', '\\', '"', "'", '`', '${x}', '{0}', '{name}', '**', '[[', '(a+)+$',
  '```', '#', '- [ ]', '**FR-1**', 'REQ-1', 'US1', '[NEEDS CLARIFICATION: x]', '\u001b[31m', '::set-output name=x::y',
);

/** Short strings, mostly from the nasty ones. */
export const hostileString = fc.oneof(
  { weight: 3, arbitrary: nastyToken },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(nastyToken, { maxLength: 4 }).map((a) => a.join('')) },
);

/** Numbers where a line, a count or a time goes wrong. */
export const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, 1.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE, -0),
  fc.integer(),
  fc.double({ noNaN: true }),
);

/** A JSON-like value of hostile pieces. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A text with a few hostile tokens inserted at random places: near-valid input is where readers break. */
export function mutated(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(text, fc.array(fc.tuple(fc.nat(), hostileString), { maxLength: 4 }))
    .map(([t, edits]) => edits.reduce((acc, [at, s]) => acc.slice(0, at % (acc.length + 1)) + s + acc.slice(at % (acc.length + 1)), t));
}

/** Raw bytes of a text with some bytes made invalid UTF-8. */
export function withBadBytes(text: fc.Arbitrary<string>): fc.Arbitrary<Buffer> {
  return fc
    .tuple(text, fc.array(fc.tuple(fc.nat(), fc.constantFrom(0x80, 0xc0, 0xc3, 0xed, 0xf4, 0xf8, 0xff, 0x00)), { maxLength: 3 }))
    .map(([t, edits]) => {
      const b = Buffer.from(t);
      const out = [...b];
      for (const [at, byte] of edits) out.splice(at % (out.length + 1), 0, byte);
      return Buffer.from(out);
    });
}
