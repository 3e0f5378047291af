import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  Level
} from "./chunk-NLHABGJB.js";
import {
  _enum,
  array,
  boolean,
  discriminatedUnion,
  literal,
  object,
  string,
  union
} from "./chunk-QTHYIHUL.js";

// src/core/did-you-mean.ts
function distance(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
function nearest(word, candidates) {
  let best;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== void 0 && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : void 0;
}
function didYouMean(word, candidates) {
  const n = nearest(word, candidates);
  return n ? ` (did you mean "${n}"?)` : "";
}

// src/stages/templates/rule-schema.ts
var RULE_KINDS = ["unit", "naming", "content", "imports", "one-way", "template"];
var SOURCE_GLOBS = ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py,pyi}"];
var globs = (what) => array(string().min(1)).min(1).describe(what);
var common = {
  id: string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a rule id is lower-case letters, digits and dashes, e.g. "feature-unit"').describe("Unique id of the rule; names its findings (ruleId) and its drift figure."),
  message: string().min(1).describe("What the rule asks for, in one line; told in findings and in the agent context. May use the placeholders of the rule's pattern."),
  level: Level.default("error").describe("error | warning | note; which levels block is the stage's failOn option."),
  exclude: array(string().min(1)).default([]).describe("Globs of workspace paths this rule ignores.")
};
var UnitRule = object({
  ...common,
  kind: literal("unit"),
  pattern: string().min(1).describe('Unit folder pattern, e.g. "src/features/{name}/"; each {placeholder} binds one path segment.'),
  require: array(string().min(1)).default([]).describe(`Files every unit must have, relative to the unit folder; may use the pattern's placeholders, e.g. "{name}.service.ts".`),
  allow: array(string().min(1)).optional().describe("Globs of other files a unit may have; when given, every file neither required nor allowed is forbidden."),
  forbid: array(string().min(1)).default([]).describe("Globs of files a unit must not have.")
}).strict();
var NamingRule = object({
  ...common,
  kind: literal("naming"),
  files: globs("Globs of the files (and, with target folders/both, their folders) whose names are checked."),
  case: _enum(["kebab", "camel", "pascal", "snake"]).describe("The case every dot-separated part of a name must be in."),
  target: _enum(["files", "folders", "both"]).default("files").describe("Check file names, the folders that hold them, or both.")
}).strict();
var UserPattern = union([
  string().min(1),
  object({ pattern: string().min(1), message: string().min(1).optional() }).strict()
]);
var ContentRule = object({
  ...common,
  kind: literal("content"),
  files: globs("Globs of the files whose content is checked."),
  header: string().min(1).optional().describe("Text every file must start with (after a shebang line, if any)."),
  headings: array(string().min(1)).optional().describe('Markdown headings every file must have, in this order, e.g. "## Decision".'),
  forbid: array(UserPattern).default([]).describe("Patterns (RE2 syntax, linear time) that must not occur; each match is a finding."),
  require: array(UserPattern).default([]).describe("Patterns (RE2 syntax) that must occur at least once.")
}).strict().refine((r) => r.header !== void 0 || (r.headings?.length ?? 0) > 0 || r.forbid.length > 0 || r.require.length > 0, {
  message: "a content rule needs at least one of header, headings, forbid, require"
});
var LayerRule = object({
  from: globs('Globs of the importing files, e.g. "src/domain/**".'),
  disallow: globs('Globs of files (or bare package names) those files must not import, e.g. "src/infra/**".')
}).strict();
var EntryPointRule = object({
  unit: string().min(1).describe('Unit folder pattern, e.g. "src/features/{name}/".'),
  entry: array(string().min(1)).min(1).describe('Files of the unit that code outside it may import, e.g. "index.ts".')
}).strict();
var ImportsRule = object({
  ...common,
  kind: literal("imports"),
  files: array(string().min(1)).min(1).default(SOURCE_GLOBS).describe("Globs of the source files whose imports are checked."),
  layers: array(LayerRule).default([]).describe("Layer rules: files matching `from` must not import what matches `disallow`."),
  cycles: boolean().default(false).describe("true: import cycles among the files are violations."),
  entryPoints: array(EntryPointRule).default([]).describe("Units whose files outside code may import only through their entry files.")
}).strict().refine((r) => r.layers.length > 0 || r.cycles || r.entryPoints.length > 0, {
  message: "an imports rule needs at least one of layers, cycles: true, entryPoints"
});
var OneWayRule = object({
  ...common,
  kind: literal("one-way"),
  concern: string().min(1).describe('The concern, e.g. "HTTP" or "dates".'),
  modules: array(string().min(1)).min(1).describe('Packages or modules that serve the concern, e.g. ["axios", "node-fetch"]; only `through` may import them.'),
  through: globs('The files that are the one way, e.g. ["src/lib/http.ts"].'),
  files: array(string().min(1)).min(1).default(SOURCE_GLOBS).describe("Globs of the source files checked.")
}).strict();
var TemplateRule = object({
  ...common,
  kind: literal("template"),
  template: string().regex(/^[a-z0-9][a-z0-9-]*$/, "a template kind is lower-case letters, digits and dashes").describe("The template folder name under the templates folder (.andon/templates/<template>/)."),
  pattern: string().min(1).describe('Unit folder pattern the template applies to, e.g. "src/features/{name}/".')
}).strict();
var Rule = discriminatedUnion("kind", [UnitRule, NamingRule, ContentRule, ImportsRule, OneWayRule, TemplateRule], {
  error: (iss) => {
    if (iss.code !== "invalid_union") return void 0;
    const input = iss.input;
    const kind = input && typeof input === "object" ? input.kind : void 0;
    if (typeof kind !== "string") return `a rule needs a kind: one of ${RULE_KINDS.join(", ")}`;
    return `unknown rule kind "${kind}"${didYouMean(kind, RULE_KINDS)}; kinds are ${RULE_KINDS.join(", ")}`;
  }
});
var RulesFile = object({
  version: literal(1).default(1).describe("Format version of the rules file."),
  exclude: array(string().min(1)).default([]).describe("Globs every rule ignores (node_modules and .git always are)."),
  rules: array(Rule).describe("The rules.")
}).strict();

export {
  didYouMean,
  RULE_KINDS,
  Rule,
  RulesFile
};
