import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/core/git.ts
import { execFile } from "node:child_process";
function git(cwd, args, env, maxBuffer = 512 * 1024 * 1024) {
  return new Promise((resolve) => {
    const options = { cwd, maxBuffer, encoding: "utf8", ...env ? { env: { ...env, LC_ALL: "C" } } : {} };
    execFile("git", ["--no-optional-locks", ...args], options, (err, stdout, stderr) => {
      resolve({ ok: !err, stdout, stderr });
    });
  });
}
async function gitOut(cwd, args, env) {
  const r = await git(cwd, args, env);
  return r.ok ? r.stdout.trim() : void 0;
}

export {
  git,
  gitOut
};
