import { describe, expect, it } from 'vitest';
import { isSecretName, MASK, Masker } from '../../../src/core/mask.js';

// A space, a slash and a double quote: each changes the value's encoded forms.
const SECRET = 'pa ss/wo"rd-9Z&q';

const masker = () => Masker.fromEnv({ MY_API_KEY: SECRET, PATH: '/usr/bin' });

describe('the masker', () => {
  it('masks a secret-like variable by value, in plain text', () => {
    expect(masker().mask(`token=${SECRET}; path=/usr/bin`)).toBe(`token=${MASK}; path=/usr/bin`);
  });

  it.each([
    ['JSON-escaped', JSON.stringify({ k: SECRET })],
    ['JSON-escaped with \\/', JSON.stringify({ k: SECRET }).replace(/\//g, '\\/')],
    ['URL-encoded', `https://x.test/?k=${encodeURIComponent(SECRET)}&next=1`],
    ['form-encoded', new URLSearchParams({ k: SECRET, n: '1' }).toString()],
    ['URL-encoded in lower-case hex', encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
    ['XML-escaped', `<failure message="${SECRET.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/>`],
  ])('masks it %s', (_form, text) => {
    const out = masker().mask(text);
    expect(out).toContain(MASK);
    expect(out).not.toMatch(/wo.{0,6}rd/);
  });

  it('masks its base64 at every byte offset inside a longer base64 text, padded or not, in both alphabets', () => {
    const m = masker();
    for (const prefix of ['', 'u', 'us', 'user:', 'Basic user:']) {
      for (const suffix of ['', '!', '?~~~']) {
        const bytes = Buffer.from(prefix + SECRET + suffix);
        for (const encoded of [bytes.toString('base64'), bytes.toString('base64url')]) {
          const out = m.mask(`Authorization: ${encoded}`);
          expect(out, `${prefix}|${suffix}`).toContain(MASK);
          // What is left of the encoding around the mask decodes to at most a few bytes of the secret's ends.
          const left = out.slice('Authorization: '.length).split(MASK);
          expect(left.join('').length, `${prefix}|${suffix}`).toBeLessThanOrEqual(Math.ceil(((prefix.length + suffix.length + 4) * 4) / 3) + 4);
        }
      }
    }
  });

  it('masks a secret that a colour code splits, keeping the codes so colours stay balanced', () => {
    const split = `${SECRET.slice(0, 6)}\u001b[31m${SECRET.slice(6)}\u001b[0m done`;
    expect(masker().mask(split)).toBe(`${MASK}\u001b[31m\u001b[0m done`);
    expect(masker().mask(`\u001b]0;title\u0007${SECRET}`)).toBe(`\u001b]0;title\u0007${MASK}`);
  });

  it('masks every string of a JSON value, keys too, and the result stays that value', () => {
    const value = { tests: [{ name: `logs in with ${SECRET}` }], [SECRET]: 1, n: 3, ok: true, nil: null };
    const out = masker().maskDeep(value);
    expect(out).toEqual({ tests: [{ name: `logs in with ${MASK}` }], [MASK]: 1, n: 3, ok: true, nil: null });
    expect(JSON.stringify(out)).not.toContain('rd-9Z');
    const withProto = masker().maskDeep(JSON.parse('{"__proto__": {"polluted": 1}, "a": "x"}') as Record<string, unknown>);
    expect(Object.keys(withProto)).toEqual(['__proto__', 'a']);
    expect((withProto as { polluted?: number }).polluted).toBeUndefined();
  });

  it('masks values registered explicitly, line by line, and leaves short values and non-secret names alone', () => {
    const m = Masker.fromEnv({ GIT_AUTHOR_NAME: 'Ada Lovelace', SHORT_TOKEN: 'abc' }, ['ghs_explicit_token_value\nsecond-line-secret']);
    expect(m.mask('Ada Lovelace used ghs_explicit_token_value and second-line-secret and abc')).toBe(`Ada Lovelace used ${MASK} and ${MASK} and abc`);
    expect(isSecretName('GIT_AUTHOR_NAME')).toBe(false);
    expect(isSecretName('OAUTH_CLIENT_SECRET')).toBe(true);
    expect(isSecretName('INPUT_GITHUB-TOKEN')).toBe(true);
  });

  it('says where a long text can be cut so that no piece holds part of a secret', () => {
    const m = masker();
    const text = `${'x'.repeat(100)}${SECRET}${'y'.repeat(100)}`;
    expect(m.safeCut(text, 105)).toBe(100 + SECRET.length);
    expect(m.safeCut(text, 50)).toBe(50);
    expect(m.safeCut('ab\u001b[31mcd', 4)).toBe(7);
  });
});
