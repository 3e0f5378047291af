import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/core/ansi.ts
var ANSI_CODE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
function hasAnsi(text) {
  return text.includes("\x1B") || text.includes("\x9B");
}
function stripAnsi(text) {
  return hasAnsi(text) ? text.replace(ANSI_CODE, "") : text;
}

// src/core/mask.ts
var SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_KEY|AUTH(?!OR))/i;
var MIN_SECRET_LENGTH = 4;
var MIN_BASE64_LENGTH = 6;
var MASK = "***";
function isSecretName(name) {
  return SECRET_NAME.test(name);
}
var Masker = class _Masker {
  secrets = /* @__PURE__ */ new Set();
  pattern = null;
  longest = 0;
  /** Secrets from the environment: every variable whose name says it holds one, plus values given explicitly. */
  static fromEnv(env, extra = []) {
    const m = new _Masker();
    for (const [name, value] of Object.entries(env)) {
      if (value && isSecretName(name)) m.add(value);
    }
    for (const v of extra) m.add(v);
    return m;
  }
  /** Registers a secret value and its encoded forms. */
  add(secret) {
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
  get size() {
    return this.secrets.size;
  }
  /** The length of the longest masked form: a text cut into pieces must overlap by this much less one. */
  get longestForm() {
    if (this.secrets.size === 0) return 0;
    this.compiled();
    return this.longest;
  }
  mask(text) {
    if (this.secrets.size === 0 || text.length === 0) return text;
    const pattern = this.compiled();
    if (!hasAnsi(text)) return text.replace(pattern, MASK);
    return maskAcrossCodes(text, pattern);
  }
  /**
   * Where to cut a long text that is written in pieces, at or after `want`: never inside a secret or a colour code,
   * so each piece can be masked on its own. The caller keeps at least `longestForm` characters after `want`.
   */
  safeCut(text, want) {
    let cut = want;
    for (const m of text.matchAll(ANSI_CODE)) if (m.index < cut && cut < m.index + m[0].length) cut = m.index + m[0].length;
    if (this.secrets.size === 0) return cut;
    for (const [from, to] of secretSpans(text, this.compiled())) if (from < cut && cut < to) cut = to;
    return cut;
  }
  /** A copy of a JSON-like value with every string in it (object keys too) masked. */
  maskDeep(value) {
    if (this.secrets.size === 0) return value;
    return this.walk(JSON.parse(JSON.stringify(value) ?? "null"));
  }
  walk(v) {
    if (typeof v === "string") return this.mask(v);
    if (Array.isArray(v)) return v.map((x) => this.walk(x));
    if (v !== null && typeof v === "object") {
      const out = {};
      for (const [k, x] of Object.entries(v)) {
        const key = this.mask(k);
        Object.defineProperty(out, key, { value: this.walk(x), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  }
  compiled() {
    if (!this.pattern) {
      const parts = [...this.secrets].sort((a, b) => b.length - a.length);
      this.longest = parts[0]?.length ?? 0;
      this.pattern = new RegExp(parts.map(escapeRegExp).join("|"), "g");
    }
    return this.pattern;
  }
};
function secretSpans(text, pattern) {
  const origin = [];
  let plain = "";
  let last = 0;
  for (const m of text.matchAll(ANSI_CODE)) {
    for (let i = last; i < m.index; i++) origin.push(i);
    plain += text.slice(last, m.index);
    last = m.index + m[0].length;
  }
  for (let i = last; i < text.length; i++) origin.push(i);
  plain += text.slice(last);
  return [...plain.matchAll(pattern)].map((m) => [origin[m.index], origin[m.index + m[0].length - 1] + 1]);
}
function maskAcrossCodes(text, pattern) {
  let out = "";
  let at = 0;
  for (const [from, to] of secretSpans(text, pattern)) {
    out += text.slice(at, from) + MASK + (text.slice(from, to).match(ANSI_CODE)?.join("") ?? "");
    at = to;
  }
  return at === 0 ? text : out + text.slice(at);
}
function encodedForms(secret) {
  const forms = /* @__PURE__ */ new Set([secret]);
  const json = JSON.stringify(secret).slice(1, -1);
  forms.add(json);
  forms.add(json.replace(/\//g, "\\/"));
  forms.add(json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
  forms.add(secret.replace(/"/g, '\\"'));
  forms.add(secret.replace(/[!-/:-@[-`{-~]/g, "\\$&"));
  forms.add(secret.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;"));
  let uri;
  try {
    uri = encodeURIComponent(secret);
  } catch {
  }
  if (uri !== void 0) {
    const strict = uri.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    for (const u of [uri, strict]) {
      forms.add(u);
      forms.add(u.replace(/%20/g, "+"));
      forms.add(u.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()));
    }
  }
  for (const b of base64Forms(secret)) forms.add(b);
  return forms;
}
function base64Forms(secret) {
  const bytes = Buffer.from(secret, "utf8");
  const out = [];
  for (let skip = 0; skip <= 2; skip++) {
    const body = bytes.subarray(skip);
    const whole = body.subarray(0, body.length - body.length % 3);
    const b64 = whole.toString("base64");
    if (b64.length < MIN_BASE64_LENGTH) continue;
    out.push(b64, b64.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return out;
}
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export {
  stripAnsi,
  Masker
};
