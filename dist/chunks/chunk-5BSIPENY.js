import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  TimeoutSeconds
} from "./chunk-PE5NFLL3.js";
import {
  Rule
} from "./chunk-JYNWK4DA.js";
import {
  Level
} from "./chunk-NLHABGJB.js";
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

// src/stages/templates/options.ts
var TEMPLATES_DESCRIPTION = "Checks the codebase against its own rules (units, naming, content, imports, one way per concern, templates), gates what a change introduced, and keeps the agent context in AGENTS.md fresh.";
var TemplatesOptions = object({
  rulesFile: string().min(1).default(".andon/templates.yml").describe("Rules file relative to the workspace; ignored when `rules` is given inline."),
  rules: array(Rule).optional().describe("Rules inline, instead of the rules file."),
  templatesDir: string().min(1).default(".andon/templates").describe("Folder of the template kinds: <templatesDir>/<kind>/ holds the files of one unit with {name} placeholders."),
  exclude: array(string().min(1)).default([]).describe("Globs of workspace paths no rule checks (node_modules and .git never are)."),
  filter: _enum(["added", "diff_context", "file", "nofilter"]).default("file").describe("Which findings a change owns: on touched lines (added, diff_context), in touched files (file) or all (nofilter)."),
  newOnly: boolean().default(true).describe("Block only on findings new against the baseline."),
  failOn: Level.default("error").describe("The lowest level that blocks: error, warning or note."),
  scope: _enum(["auto", "full", "changed"]).default("auto").describe("What is checked: full = the whole workspace; changed = touched files, what imports them and their units, the rest carried from the baseline; auto = changed when a base commit and a baseline are known and filter is file or added."),
  context: _enum(["off", "check"]).default("off").describe("check: the stage fails when the agent context block in contextFiles is stale (run `andon context`)."),
  contextFiles: array(string().min(1)).min(1).default(["AGENTS.md"]).describe("Files holding the agent context block, e.g. AGENTS.md, CLAUDE.md, .github/copilot-instructions.md."),
  cache: union([string().min(1), literal(false)]).default(".andon/cache/templates").describe("Folder for the import graph cache (keyed by each file's content id); false turns it off."),
  allowEmpty: boolean().default(false).describe("true: a run where no rule matches any file passes (a repository not grown into its rules yet); otherwise it is errored, since the stage judged nothing."),
  maxFileBytes: number().int().positive().default(1024 * 1024).describe("Files bigger than this are not read; each is reported as a finding."),
  timeoutSeconds: TimeoutSeconds
}).strict();

export {
  TEMPLATES_DESCRIPTION,
  TemplatesOptions
};
