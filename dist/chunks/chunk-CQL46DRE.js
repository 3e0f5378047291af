import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  git,
  gitOut
} from "./chunk-AHBW6X22.js";

// src/core/source-git.ts
async function askSourceQuestions(workspace, env) {
  const [status, refs, remoteUrl] = await Promise.all([
    git(workspace, ["status", "--porcelain=v2", "--branch", "--untracked-files=normal", "--", ".", ":(exclude).andon"], env),
    gitOut(workspace, ["for-each-ref", "--format=%(refname) %(objectname) %(symref)", "refs/heads", "refs/remotes"], env),
    env.GITHUB_REPOSITORY ? Promise.resolve(void 0) : gitOut(workspace, ["config", "--get", "remote.origin.url"], env)
  ]);
  return { status, refs, remoteUrl };
}

export {
  askSourceQuestions
};
