import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  git
} from "./chunk-X4N7ZENU.js";

// src/core/diff.ts
var emptyChangeSet = (note) => ({ base: null, files: /* @__PURE__ */ new Map(), note });
async function computeChangeSet(workspace, baseSha, env) {
  if (!baseSha) return emptyChangeSet("no base commit known: diff filters are not applied");
  const files = /* @__PURE__ */ new Map();
  const diff = await git(workspace, ["diff", "-U0", "--no-color", "--no-ext-diff", "-M", "--src-prefix=a/", "--dst-prefix=b/", baseSha, "--"], env);
  if (!diff.ok) return emptyChangeSet(`git diff against ${baseSha.slice(0, 12)} failed: ${diff.stderr.trim()}`);
  parseUnifiedDiff(diff.stdout, files);
  const untracked = await git(workspace, ["ls-files", "-z", "-o", "--exclude-standard"], env);
  if (untracked.ok) {
    for (const p of untracked.stdout.split("\0")) {
      if (p && !p.startsWith(".andon/")) files.set(p, { status: "untracked", added: [], allAdded: true });
    }
  }
  return { base: baseSha, files };
}
var C_ESCAPES = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };
function unquote(p) {
  if (!(p.startsWith('"') && p.endsWith('"'))) return p;
  const bytes = [];
  const body = p.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\") {
      bytes.push(...Buffer.from(ch, "utf8"));
      continue;
    }
    const next = body[i + 1] ?? "";
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
function headerPaths(line) {
  const rest = line.slice("diff --git ".length);
  const quoted = /^"((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"$/.exec(rest);
  if (quoted) return [unquote(`"${quoted[1]}"`).replace(/^a\//, ""), unquote(`"${quoted[2]}"`).replace(/^b\//, "")];
  const m = /^a\/(.*) b\/(.*)$/.exec(rest);
  return m ? [m[1], m[2]] : void 0;
}
function parseUnifiedDiff(text, into) {
  let current;
  let currentPath;
  let oldPath;
  const place = (path, change) => {
    if (currentPath !== void 0 && currentPath !== path && into.get(currentPath) === current) into.delete(currentPath);
    currentPath = path;
    current = change;
    into.set(path, change);
  };
  for (const line of text.split("\n")) {
    if (line.startsWith("diff --git ")) {
      current = void 0;
      currentPath = void 0;
      oldPath = void 0;
      const paths = headerPaths(line);
      if (paths) {
        oldPath = paths[0];
        place(paths[1], { status: paths[0] === paths[1] ? "modified" : "renamed", added: [], allAdded: false, ...paths[0] !== paths[1] ? { oldPath: paths[0] } : {} });
      }
      continue;
    }
    if (line.startsWith("new file mode") && current) {
      current.status = "added";
      current.allAdded = true;
      continue;
    }
    if (line.startsWith("deleted file mode") && current && currentPath !== void 0) {
      place(currentPath, { status: "deleted", added: [], allAdded: false });
      continue;
    }
    if (line.startsWith("rename from ")) {
      oldPath = unquote(line.slice("rename from ".length));
      if (current) {
        current.status = "renamed";
        current.oldPath = oldPath;
      }
      continue;
    }
    if (line.startsWith("rename to ") && current) {
      place(unquote(line.slice("rename to ".length)), current);
      continue;
    }
    if (line.startsWith("--- ")) {
      const p = unquote(line.slice(4));
      oldPath = p === "/dev/null" ? void 0 : p.replace(/^a\//, "");
      continue;
    }
    if (line.startsWith("+++ ")) {
      const p = unquote(line.slice(4));
      if (p === "/dev/null") {
        if (oldPath) place(oldPath, { status: "deleted", added: [], allAdded: false });
        current = void 0;
        currentPath = void 0;
        continue;
      }
      const path = p.replace(/^b\//, "");
      const status = oldPath === void 0 ? "added" : oldPath !== path ? "renamed" : "modified";
      const change = { status, added: [], allAdded: status === "added" };
      if (status === "renamed" && oldPath) change.oldPath = oldPath;
      place(path, change);
      continue;
    }
    if (line.startsWith("@@") && current) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === void 0 ? 1 : Number(m[2]);
      if (count > 0) current.added.push([start, start + count - 1]);
    }
  }
}
function inRanges(ranges, line, slack) {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = lo + hi >> 1;
    const [s, e] = ranges[mid];
    if (line < s - slack) hi = mid - 1;
    else if (line > e + slack) lo = mid + 1;
    else return true;
  }
  return false;
}
function inChange(changes, mode, path, line, contextLines = 3) {
  if (mode === "nofilter" || changes.base === null) return true;
  if (!path) return false;
  const f = changes.files.get(path);
  if (!f || f.status === "deleted") return false;
  if (mode === "file" || f.allAdded || line === void 0) return true;
  return inRanges(f.added, line, mode === "diff_context" ? contextLines : 0);
}
function changedFiles(changes) {
  return [...changes.files].filter(([, f]) => f.status !== "deleted").map(([p]) => p).sort();
}

export {
  emptyChangeSet,
  computeChangeSet,
  inChange,
  changedFiles
};
