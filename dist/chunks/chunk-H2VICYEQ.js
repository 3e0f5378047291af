import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  TimeoutSeconds
} from "./chunk-PE5NFLL3.js";
import {
  _enum,
  array,
  boolean,
  number,
  object,
  record,
  string
} from "./chunk-QTHYIHUL.js";

// src/stages/spec/options.ts
var SPEC_DESCRIPTION = "Validates specs (Andon, spec-kit, OpenSpec), traces requirements to the tests of this run and flags code changed without its spec.";
var RuleLevel = _enum(["off", "note", "warning", "error"]);
var DEFAULT_LEXICON = [
  "fast",
  "quick",
  "quickly",
  "user-friendly",
  "easy",
  "easily",
  "simple",
  "intuitive",
  "etc.",
  "as appropriate",
  "as needed",
  "if possible",
  "where possible",
  "TBD",
  "robust",
  "efficient",
  "flexible",
  "seamless",
  "seamlessly",
  "reasonable",
  "adequate",
  "appropriate",
  "approximately",
  "and/or",
  "state-of-the-art",
  "minimal",
  "optimal"
];
var SpecOptions = object({
  format: _enum(["auto", "andon", "spec-kit", "openspec"]).default("auto").describe("Spec format: auto (detected per file and folder), andon, spec-kit or openspec."),
  paths: array(string().min(1)).min(1).optional().describe("Folders or globs (relative to the workspace) holding the specs; a folder that does not exist is an error. Default: those of openspec/, specs/ and .specify/specs/ that exist (of the configured format's), an error naming them when none does."),
  idPrefixes: array(string().regex(/^[A-Z][A-Z0-9]*$/, "an id prefix is upper-case letters and digits, e.g. REQ")).min(1).default(["REQ"]).describe("Prefixes of requirement ids in the Andon format: REQ makes REQ-12 an id."),
  rules: record(string(), RuleLevel).default({}).describe('Level per rule id, e.g. { "spec/ambiguous-wording": "error" }; "off" disables a rule.'),
  lexicon: array(string().min(1)).optional().describe("Ambiguous words and phrases to flag; replaces the default lexicon."),
  lexiconAdd: array(string().min(1)).default([]).describe("Words and phrases added to the (default or given) lexicon."),
  requireCoverage: _enum(["must", "all", "none"]).default("none").describe("Gate on traceability: must = requirements with MUST/SHALL and P1 stories need passing tests; all = every requirement; none = report only."),
  regressionStages: array(string()).optional().describe("Ids of the regression stages whose tests trace to requirements; default every stage with uses: regression."),
  changes: object({
    paths: array(string().min(1)).min(1).describe("Globs of code that must not change without a spec or change file changing too."),
    specPaths: array(string().min(1)).optional().describe("Globs whose change counts as a spec change; default the spec paths and openspec/changes/**."),
    level: _enum(["note", "warning", "error"]).default("warning").describe("Level of the finding.")
  }).strict().optional().describe("Change linkage: code changed under `paths` with no spec or change file changed is a finding."),
  failOn: _enum(["error", "warning", "none"]).default("error").describe("Lowest finding level that fails the stage."),
  newOnly: boolean().default(false).describe("Fail only on findings that are not in the baseline."),
  maxFileBytes: number().int().positive().default(4 * 1024 * 1024).describe("Spec files larger than this are refused with a finding instead of read."),
  maxFiles: number().int().positive().default(2e4).describe("Refuse to walk more spec files than this."),
  timeoutSeconds: TimeoutSeconds
}).strict();

export {
  SPEC_DESCRIPTION,
  DEFAULT_LEXICON,
  SpecOptions
};
