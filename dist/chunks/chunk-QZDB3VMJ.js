import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  TimeoutSeconds
} from "./chunk-PE5NFLL3.js";
import {
  _enum,
  array,
  boolean,
  literal,
  number,
  object,
  string,
  union
} from "./chunk-QTHYIHUL.js";

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
  maxReportBytes: number().int().positive().default(DEFAULT_MAX_REPORT_BYTES).describe("largest report read (a SARIF or checkstyle file, or what ESLint or tsc report); a bigger one is refused"),
  timeoutSeconds: TimeoutSeconds
}).strict().refine((o) => o.eslint || o.tsc || o.sarif || o.checkstyle, {
  message: "name at least one source: eslint, tsc, sarif or checkstyle"
});
function configuredSources(o) {
  return ["eslint", "tsc", "sarif", "checkstyle"].filter((n) => o[n] !== void 0);
}
var INGESTED = ["sarif", "checkstyle"];
var NOT_AT_BASE = "an ingested report cannot be made again at the base; only a recorded run of the base commit has its findings";
function notJudgedAtBase(o) {
  return configuredSources(o).every((n) => INGESTED.includes(n)) ? NOT_AT_BASE : null;
}

export {
  STATIC_ANALYSIS_DESCRIPTION,
  StaticAnalysisOptions,
  configuredSources,
  INGESTED,
  NOT_AT_BASE,
  notJudgedAtBase
};
