import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/core/git.ts
import { execFile } from "node:child_process";
import { platform } from "node:os";
function execOptions(cwd, env, maxBuffer = 512 * 1024 * 1024) {
  return { cwd, maxBuffer, encoding: "utf8", ...env ? { env: { ...env, LC_ALL: "C" } } : {} };
}
function git(cwd, args, env, maxBuffer = 512 * 1024 * 1024) {
  return new Promise((resolve) => {
    execFile("git", ["--no-optional-locks", ...args], execOptions(cwd, env, maxBuffer), (err, stdout, stderr) => {
      resolve({ ok: !err, stdout, stderr });
    });
  });
}
async function gitOut(cwd, args, env) {
  const r = await git(cwd, args, env);
  return r.ok ? r.stdout.trim() : void 0;
}
async function askGit(cwd, questions, env) {
  const batched = ASKS_IN_ONE_SHELL ? await askInOneShell(cwd, questions, env) : null;
  return batched ?? Promise.all(questions.map((q) => git(cwd, q, env)));
}
var ASKS_IN_ONE_SHELL = platform() !== "win32";
function askInOneShell(cwd, questions, env) {
  const mark = `@andon-${[0, 0, 0, 0].map(() => Math.random().toString(36).slice(2, 12)).join("")}@`;
  const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = questions.map((q) => `git --no-optional-locks ${q.map(quote).join(" ")} 2>/dev/null; printf '\\n%s %s\\n' ${quote(mark)} "$?"`).join("\n");
  return new Promise((resolve) => {
    execFile("/bin/sh", ["-c", script], execOptions(cwd, env), (err, stdout) => {
      if (err) return resolve(null);
      const parts = stdout.split(`
${mark} `);
      if (parts.length !== questions.length + 1) return resolve(null);
      const answers = [];
      for (let i = 0; i < questions.length; i++) {
        const text = i === 0 ? parts[0] : parts[i].slice(parts[i].indexOf("\n") + 1);
        const code = parts[i + 1].slice(0, parts[i + 1].indexOf("\n"));
        answers.push({ ok: code === "0", stdout: text, stderr: "" });
      }
      resolve(answers);
    });
  });
}

export {
  git,
  gitOut,
  askGit,
  ASKS_IN_ONE_SHELL
};
