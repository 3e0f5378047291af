import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  lineStarts,
  positionOf
} from "./chunk-HAB4HTVZ.js";

// src/core/script-scanner.ts
var REGEX_AFTER_KEYWORD = /* @__PURE__ */ new Set(["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await", "extends"]);
var isIdStart = (c) => c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95 || c === 36 || c > 127;
var isIdPart = (c) => isIdStart(c) || c >= 48 && c <= 57;
function tokenize(src, jsx, problems, at) {
  const toks = [];
  const n = src.length;
  const tplStack = [];
  let depth = 0;
  let i = 0;
  const problem = (message, offset) => {
    problems.push({ message, ...at(offset) });
  };
  const scanTemplate = (start) => {
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 96) {
        i++;
        return;
      } else if (c === 36 && src.charCodeAt(i + 1) === 123) {
        i += 2;
        tplStack.push(depth);
        depth++;
        return;
      } else i++;
    }
    problem("unterminated template literal", start);
  };
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (c === 47) {
      const d = src.charCodeAt(i + 1);
      if (d === 47) {
        const e = src.indexOf("\n", i);
        i = e === -1 ? n : e;
        continue;
      }
      if (d === 42) {
        const e = src.indexOf("*/", i + 2);
        if (e === -1) {
          problem("unterminated block comment", i);
          i = n;
        } else i = e + 2;
        continue;
      }
      const prev = toks[toks.length - 1];
      const division = prev !== void 0 && (prev.t === "num" || prev.t === "str" || prev.t === "tpl" || prev.t === "id" && !REGEX_AFTER_KEYWORD.has(prev.v) || prev.v === ")" || prev.v === "]" || prev.v === "}");
      if (!division) {
        let j = i + 1;
        let inClass = false;
        let closed = false;
        while (j < n) {
          const r = src.charCodeAt(j);
          if (r === 10 || r === 13) break;
          if (r === 92) j += 2;
          else {
            if (r === 91) inClass = true;
            else if (r === 93) inClass = false;
            else if (r === 47 && !inClass) {
              closed = true;
              break;
            }
            j++;
          }
        }
        if (closed) {
          i = j + 1;
          while (i < n && isIdPart(src.charCodeAt(i))) i++;
          toks.push({ t: "num", v: "re", at: i });
          continue;
        }
      }
      toks.push({ t: "p", v: "/", at: i });
      i++;
      continue;
    }
    if (c === 39 || c === 34) {
      const start = i;
      let j = i + 1;
      let value = "";
      let ok = false;
      let seg = j;
      while (j < n) {
        const r = src.charCodeAt(j);
        if (r === c) {
          value += src.slice(seg, j);
          ok = true;
          break;
        }
        if (r === 10 || r === 13) break;
        if (r === 92) {
          value += src.slice(seg, j);
          const esc = src[j + 1] ?? "";
          value += esc === "n" ? "\n" : esc === "t" ? "	" : esc === "\n" ? "" : esc;
          j += 2;
          seg = j;
          continue;
        }
        j++;
      }
      if (!ok) {
        if (!jsx) problem(`unterminated string literal`, start);
        i = start + 1;
        continue;
      }
      toks.push({ t: "str", v: value, at: start });
      i = j + 1;
      continue;
    }
    if (c === 96) {
      const start = i;
      const open = tplStack.length;
      i++;
      scanTemplate(start);
      const closed = tplStack.length === open && src.charCodeAt(i - 1) === 96 && i - 1 > start;
      toks.push(closed ? { t: "tpl", v: "`", at: start, lit: src.slice(start + 1, i - 1) } : { t: "tpl", v: "`", at: start });
      continue;
    }
    if (isIdStart(c)) {
      const s = i;
      i++;
      while (i < n && isIdPart(src.charCodeAt(i))) i++;
      toks.push({ t: "id", v: src.slice(s, i), at: s });
      continue;
    }
    if (c >= 48 && c <= 57) {
      const s = i;
      while (i < n && (isIdPart(src.charCodeAt(i)) || src.charCodeAt(i) === 46)) i++;
      toks.push({ t: "num", v: src.slice(s, i), at: s });
      continue;
    }
    if (c === 123) depth++;
    else if (c === 125) {
      if (tplStack.length > 0 && tplStack[tplStack.length - 1] === depth - 1) {
        tplStack.pop();
        depth--;
        const start = i;
        i++;
        scanTemplate(start);
        continue;
      }
      depth = Math.max(0, depth - 1);
    }
    toks.push({ t: "p", v: src[i], at: i });
    i++;
  }
  return toks;
}
var DECL = /* @__PURE__ */ new Set(["function", "class", "const", "let", "var", "interface", "type", "enum", "namespace", "module"]);
var PROMISE_MEMBERS = /* @__PURE__ */ new Set(["then", "catch", "finally"]);
function literal(tok) {
  if (!tok) return null;
  if (tok.t === "str") return tok;
  return tok.t === "tpl" && tok.lit !== void 0 ? { ...tok, v: tok.lit } : null;
}
function closing(toks, open) {
  let depth = 0;
  for (let m = open; m < Math.min(toks.length, open + 200); m++) {
    const v = toks[m].v;
    if (v === "(") depth++;
    else if (v === ")" && --depth === 0) return m;
  }
  return -1;
}
function clauseTypes(toks, from, to) {
  let names = 0;
  let typed = 0;
  let inBraces = false;
  for (let m = from; m < to; m++) {
    const t = toks[m];
    if (t.v === "{") inBraces = true;
    else if (t.v === "}") inBraces = false;
    else if (!inBraces && (t.v === "*" || t.t === "id")) return false;
    else if (inBraces && (t.t === "id" || t.t === "str")) {
      names++;
      const next = toks[m + 1];
      if (t.v === "type" && next && (next.t === "id" || next.t === "str") && !(next.v === "as" && (toks[m + 2]?.v === "," || toks[m + 2]?.v === "}"))) typed++;
      while (m + 1 < to && toks[m + 1].v !== "," && toks[m + 1].v !== "}") m++;
    }
  }
  return names > 0 && typed === names ? "inline" : false;
}
function readImport(toks, k, add) {
  const prev = toks[k - 1];
  const next = toks[k + 1];
  if (!next || next.v === ".") return k;
  if (next.v === "(") {
    const spec = literal(toks[k + 2]);
    if (!spec || toks[k + 3]?.v !== ")" && toks[k + 3]?.v !== ",") return k;
    const close = closing(toks, k + 1);
    const member = close === -1 ? void 0 : toks[close + 2];
    const inType = prev?.v === "typeof" || close !== -1 && toks[close + 1]?.v === "." && member?.t === "id" && !PROMISE_MEMBERS.has(member.v);
    add(spec, "dynamic", inType);
    return k;
  }
  if (next.t === "str") {
    add(next, "import", false);
    return k + 1;
  }
  const after = toks[k + 2]?.v;
  const typeKeyword = next.t === "id" && next.v === "type" && after !== "from" && after !== "," && after !== "=";
  const j = typeKeyword ? k + 2 : k + 1;
  if (toks[j]?.t === "id" && toks[j + 1]?.v === "=") {
    const spec = toks[j + 2]?.v === "require" && toks[j + 3]?.v === "(" ? literal(toks[j + 4]) : null;
    if (!spec) return k;
    add(spec, "require", typeKeyword);
    return j + 4;
  }
  for (let m = j; m < Math.min(toks.length, k + 400); m++) {
    const t = toks[m];
    if (t.t === "id" && t.v === "from" && toks[m + 1]?.t === "str") {
      add(toks[m + 1], "import", typeKeyword || clauseTypes(toks, j, m));
      return m + 1;
    }
    if (t.v === ";" || t.v === "(" || t.t === "id" && (t.v === "import" || t.v === "export") && m > k + 1) break;
  }
  return k;
}
function exportList(toks, open, names) {
  let m = open + 1;
  for (; m < toks.length && toks[m].v !== "}"; m++) {
    const t = toks[m];
    if (t.t !== "id" && t.t !== "str") continue;
    if (t.v === "type" && toks[m + 1]?.t === "id" && toks[m + 1].v !== "as") continue;
    if (toks[m + 1]?.v === "as") {
      m++;
      continue;
    }
    names.push(t.v);
  }
  return m;
}
function readExport(toks, k, add, exports) {
  const next = toks[k + 1];
  if (!next) return k;
  let j = k + 1;
  const typeOnly = next.t === "id" && next.v === "type" && (toks[k + 2]?.v === "{" || toks[k + 2]?.v === "*");
  if (typeOnly) j++;
  const first = toks[j];
  if (!first) return k;
  if (first.v === "*" || first.v === "{") {
    const open = j;
    if (first.v === "{") j = exportList(toks, j, exports);
    else if (toks[j + 1]?.v === "as" && (toks[j + 2]?.t === "id" || toks[j + 2]?.t === "str")) exports.push(toks[j + 2].v);
    for (let m = j; m < Math.min(toks.length, j + 8); m++) {
      if (toks[m].v === "from" && toks[m + 1]?.t === "str") {
        add(toks[m + 1], "export", typeOnly || (first.v === "{" ? clauseTypes(toks, open, m) : false));
        break;
      }
      if (toks[m].v === ";") break;
    }
    return k;
  }
  while (toks[j] && (toks[j].v === "declare" || toks[j].v === "abstract" || toks[j].v === "async")) j++;
  const d = toks[j];
  if (!d) return k;
  if (d.v === "default") exports.push("default");
  else if (d.v === "=") exports.push("export=");
  else if (d.t === "id" && DECL.has(d.v)) {
    let nameTok = toks[j + 1];
    if (nameTok?.v === "*") nameTok = toks[j + 2];
    if (nameTok?.t === "id") exports.push(nameTok.v);
  }
  return k;
}
function scanScript(src, fileName = "") {
  const imports = [];
  const exports = [];
  const problems = [];
  if (!src.includes("import") && !src.includes("require") && !src.includes("export") && !src.includes("<reference")) return { imports, exports, problems };
  let starts;
  const at = (offset) => positionOf(starts ??= lineStarts(src), offset);
  const jsx = /\.[jt]sx$/.test(fileName);
  const toks = tokenize(src, jsx, problems, at);
  const add = (tok, kind, typeOnly) => {
    imports.push({ specifier: tok.v, ...at(tok.at), kind, typeOnly });
  };
  if (src.includes("<reference")) {
    for (const m of src.matchAll(/^[ \t]*\/\/\/[ \t]*<reference[ \t]+path[ \t]*=[ \t]*(["'])([^"'\n]+)\1/gm)) {
      imports.push({ specifier: m[2], ...at(m.index + m[0].length - m[2].length - 1), kind: "import", typeOnly: true });
    }
  }
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k];
    if (tok.t !== "id") continue;
    const prev = toks[k - 1];
    if (prev && prev.t === "p" && prev.v === ".") continue;
    const next = toks[k + 1];
    if (tok.v === "require") {
      const spec = next?.v === "(" ? literal(toks[k + 2]) : null;
      if (spec && toks[k + 3]?.v === ")") {
        add(spec, "require", false);
        k += 3;
      }
    } else if (tok.v === "import") k = readImport(toks, k, add);
    else if (tok.v === "export") k = readExport(toks, k, add, exports);
  }
  return { imports, exports, problems };
}

export {
  scanScript
};
