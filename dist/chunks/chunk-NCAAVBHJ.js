import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  _enum,
  array,
  boolean,
  number,
  object,
  string
} from "./chunk-4FVKWYBG.js";

// src/core/findings.ts
var Level = _enum(["error", "warning", "note"]);
var BaselineState = _enum(["new", "unchanged", "absent", "unknown"]);
var MAX_POSITION = 2 ** 31 - 1;
var Location = object({
  path: string(),
  startLine: number().int().positive().optional(),
  startColumn: number().int().positive().optional(),
  endLine: number().int().positive().optional(),
  endColumn: number().int().positive().optional()
});
var RelatedLocation = object({
  path: string(),
  startLine: number().int().positive().optional(),
  startColumn: number().int().positive().optional(),
  message: string().optional()
});
var ToolInfo = object({
  name: string(),
  version: string().optional(),
  informationUri: string().optional()
});
var Finding = object({
  stage: string(),
  ruleId: string(),
  level: Level,
  message: string(),
  location: Location.optional(),
  related: array(RelatedLocation).optional(),
  fingerprint: string(),
  baseline: BaselineState,
  traceTo: array(string()),
  /** Whether the finding lies in what the change touched; undefined when no diff filter applied. */
  inDiff: boolean().optional(),
  /** The tool that reported it; SARIF runs are grouped by it. Defaults to Andon itself. */
  tool: ToolInfo.optional(),
  /** A finding kept but whose location was refused (e.g. outside the workspace), with why. */
  note: string().optional(),
  helpUri: string().optional()
});
var FindingCounts = object({
  error: number().int().nonnegative(),
  warning: number().int().nonnegative(),
  note: number().int().nonnegative(),
  new: number().int().nonnegative()
});
function findingCountsOf(counts) {
  const parsed = FindingCounts.safeParse(counts.findings);
  return parsed.success ? parsed.data : null;
}
function countFindings(findings) {
  const counts = { error: 0, warning: 0, note: 0, new: 0 };
  for (const f of findings) {
    if (f.baseline === "absent") continue;
    counts[f.level]++;
    if (f.baseline === "new") counts.new++;
  }
  return counts;
}
var levelRank = { error: 0, warning: 1, note: 2 };
var ageRank = { new: 0, unknown: 1, unchanged: 2, absent: 3 };
function compareFindings(a, b) {
  const na = ageRank[a.baseline];
  const nb = ageRank[b.baseline];
  if (na !== nb) return na - nb;
  if (levelRank[a.level] !== levelRank[b.level]) return levelRank[a.level] - levelRank[b.level];
  const pa = a.location?.path ?? "";
  const pb = b.location?.path ?? "";
  if (pa !== pb) return pa < pb ? -1 : 1;
  return (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0);
}

// src/core/process-runner.ts
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";

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

// src/core/process-runner.ts
var ANDON_NODE = process.execPath;
var KILL_GRACE_MS = 2e3;
var MAX_LINE_CHARS = 64 * 1024;
function shellArgv(command) {
  return ["bash", "-c", command];
}
var LineSplitter = class {
  constructor(emit, masker) {
    this.emit = emit;
    this.masker = masker;
  }
  emit;
  masker;
  rest = "";
  push(chunk) {
    const text = this.rest + chunk;
    const lines = text.split("\n");
    this.rest = lines.pop() ?? "";
    for (const l of lines) this.emit(l);
    if (this.rest.length > MAX_LINE_CHARS) {
      const cut = this.masker.safeCut(this.rest, this.rest.length - this.masker.longestForm - 256);
      this.emit(this.rest.slice(0, cut));
      this.rest = this.rest.slice(cut);
    }
  }
  end() {
    if (this.rest) this.emit(this.rest);
    this.rest = "";
  }
};
var nodeProcessRunner = {
  run(argv, options) {
    const started = performance.now();
    const masker = options.masker ?? new Masker();
    const tailChars = options.tailChars ?? 8e3;
    let tail = "";
    let log;
    if (options.logFile) log = createWriteStream(options.logFile, { flags: "a" });
    const stdoutChunks = [];
    let stdoutBytes = 0;
    const maxCapture = options.maxCaptureBytes ?? 256 * 1024 * 1024;
    return new Promise((resolve) => {
      let timedOut = false;
      let cancelled = false;
      let spawnError;
      const [cmd, ...args] = argv;
      if (!cmd) throw new Error("empty argv");
      const child = spawn(cmd, args, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ["ignore", "pipe", "pipe"],
        detached: process.platform !== "win32"
      });
      const killTree = (sig) => {
        if (child.pid === void 0) return;
        try {
          process.kill(-child.pid, sig);
        } catch {
          try {
            child.kill(sig);
          } catch {
          }
        }
      };
      const onLine = (stream) => (raw) => {
        const line = raw.replace(/\r$/, "");
        const plain = masker.mask(stripAnsi(line));
        tail += plain + "\n";
        if (tail.length > tailChars * 2) tail = tail.slice(-tailChars);
        log?.write(plain + "\n");
        options.onLine?.(masker.mask(line), stream);
      };
      const out = new LineSplitter(onLine("stdout"), masker);
      const err = new LineSplitter(onLine("stderr"), masker);
      child.stdout.setEncoding("utf8");
      child.stderr.setEncoding("utf8");
      child.stdout.on("data", (c) => {
        if (options.captureStdout && stdoutBytes < maxCapture) {
          const b = Buffer.from(c);
          stdoutBytes += b.length;
          stdoutChunks.push(b);
        }
        out.push(c);
      });
      child.stderr.on("data", (c) => err.push(c));
      let timer;
      let killTimer;
      let killAt = null;
      const stop = () => {
        if (killAt !== null) return;
        killTree("SIGTERM");
        killAt = performance.now() + KILL_GRACE_MS;
        killTimer = setTimeout(() => killTree("SIGKILL"), KILL_GRACE_MS);
      };
      const groupAlive = () => {
        if (child.pid === void 0 || process.platform === "win32") return false;
        try {
          process.kill(-child.pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (options.timeoutMs && options.timeoutMs > 0) {
        timer = setTimeout(() => {
          timedOut = true;
          stop();
        }, options.timeoutMs);
      }
      const onAbort = () => {
        cancelled = true;
        stop();
      };
      if (options.signal) {
        if (options.signal.aborted) onAbort();
        else options.signal.addEventListener("abort", onAbort, { once: true });
      }
      child.on("error", (e) => {
        spawnError = e.message;
      });
      child.on("close", (code, sig) => {
        if (timer) clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        options.signal?.removeEventListener("abort", onAbort);
        out.end();
        err.end();
        const finish = () => resolve({
          argv: [...argv],
          exitCode: code,
          signal: sig,
          timedOut,
          cancelled,
          spawnError,
          durationMs: Math.round(performance.now() - started),
          tail: tail.slice(-tailChars),
          stdout: options.captureStdout ? Buffer.concat(stdoutChunks).toString("utf8") : void 0
        });
        const done = () => log ? log.end(finish) : finish();
        if (killAt !== null && groupAlive()) {
          setTimeout(() => {
            killTree("SIGKILL");
            done();
          }, Math.max(0, killAt - performance.now()));
        } else done();
      });
    });
  }
};

export {
  Level,
  BaselineState,
  MAX_POSITION,
  Finding,
  findingCountsOf,
  countFindings,
  compareFindings,
  stripAnsi,
  Masker,
  ANDON_NODE,
  KILL_GRACE_MS,
  shellArgv,
  nodeProcessRunner
};
