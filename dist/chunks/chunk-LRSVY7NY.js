import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  _enum,
  array,
  boolean,
  literal,
  number,
  object,
  string,
  union
} from "./chunk-EXVQH3W4.js";

// src/stages/static-analysis/options.ts
var DEFAULT_MAX_REPORT_BYTES = 128 * 1024 * 1024;
var STATIC_ANALYSIS_DESCRIPTION = "ESLint, tsc, any SARIF or checkstyle report as findings; diff-aware, baseline-aware gate on new problems.";
var globs = (what) => union([string().min(1), array(string().min(1)).min(1)]).transform((v) => typeof v === "string" ? [v] : v).describe(`${what}: a glob or a list of globs relative to the workspace`);
var EslintOptions = object({
  patterns: array(string().min(1)).default(["."]).describe("files, folders or globs to lint, relative to `cwd` (like the arguments of `eslint`)"),
  cwd: string().min(1).default(".").describe("folder ESLint runs in, relative to the workspace (where its config is looked up)"),
  config: string().min(1).optional().describe("config file to use instead of the one ESLint finds (`eslint -c`)"),
  configType: _enum(["auto", "flat", "legacy"]).default("auto").describe("flat (eslint.config.*) or legacy (.eslintrc*); auto follows ESLINT_USE_FLAT_CONFIG and ESLint's own default")
}).strict();
var TscOptions = object({
  project: string().min(1).default("tsconfig.json").describe("the tsconfig to check (`tsc -p`), relative to the workspace")
}).strict();
var Eslint = union([literal(true), EslintOptions]).transform((v) => v === true ? EslintOptions.parse({}) : v).describe("run the ESLint installed in the workspace with its own config: `true` or options");
var Tsc = union([literal(true), TscOptions]).transform((v) => v === true ? TscOptions.parse({}) : v).describe("type-check with the workspace's TypeScript: `true` or { project }");
var StaticAnalysisOptions = object({
  eslint: Eslint.optional(),
  tsc: Tsc.optional(),
  sarif: globs("SARIF 2.1.0 files written by any tool (CodeQL, Semgrep, Ruff, Trivy, ...)").optional(),
  checkstyle: globs("checkstyle XML reports").optional(),
  filter: _enum(["added", "diff_context", "file", "nofilter"]).default("added").describe("which findings count: on lines the change added, near them (diff_context), in files it touched, or all (nofilter)"),
  failOn: _enum(["error", "warning", "note"]).default("error").describe("lowest level of a finding that fails the gate"),
  newOnly: boolean().optional().describe("block only findings not in the baseline; defaults to true when a baseline exists"),
  maxReportBytes: number().int().positive().default(DEFAULT_MAX_REPORT_BYTES).describe("largest SARIF or checkstyle file read; a bigger one is refused")
}).strict().refine((o) => o.eslint || o.tsc || o.sarif || o.checkstyle, {
  message: "name at least one source: eslint, tsc, sarif or checkstyle"
});

// src/core/strict-utf8.ts
import { isUtf8 } from "node:buffer";
var BOM = [239, 187, 191];
function decodeUtf8Strict(bytes) {
  const body = bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? bytes.subarray(3) : bytes;
  if (isUtf8(body)) return { ok: true, text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8") };
  const offset = firstInvalidUtf8(body);
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (body[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = Buffer.from(body.buffer, body.byteOffset + lineStart, offset - lineStart).toString("utf8");
  return { ok: false, offset: offset + (body === bytes ? 0 : 3), line, column: before.length + 1, byte: body[offset] };
}
function firstInvalidUtf8(b) {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 128) {
      i++;
      continue;
    }
    let need;
    let lo = 128;
    let hi = 191;
    if (c >= 194 && c <= 223) need = 1;
    else if (c >= 224 && c <= 239) {
      need = 2;
      if (c === 224) lo = 160;
      if (c === 237) hi = 159;
    } else if (c >= 240 && c <= 244) {
      need = 3;
      if (c === 240) lo = 144;
      if (c === 244) hi = 143;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === void 0) return i;
      if (k === 1 ? d < lo || d > hi : d < 128 || d > 191) return i;
    }
    i += need + 1;
  }
  return -1;
}

export {
  decodeUtf8Strict,
  STATIC_ANALYSIS_DESCRIPTION,
  StaticAnalysisOptions
};
