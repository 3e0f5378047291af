import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  ASKS_IN_ONE_SHELL,
  askGit,
  gitOut
} from "./chunk-X4N7ZENU.js";

// src/core/source-git.ts
var STATUS = ["status", "--porcelain=v2", "--branch", "--untracked-files=normal", "--", ".", ":(exclude).andon"];
var REFS = ["for-each-ref", "--format=%(refname) %(objectname) %(symref)", "refs/heads", "refs/remotes"];
var REMOTE_URL = ["config", "--get", "remote.origin.url"];
var HEAD_COMMIT = ["cat-file", "commit", "HEAD"];
async function askSourceQuestions(workspace, env) {
  const questions = [STATUS, REFS, ...env.GITHUB_REPOSITORY ? [] : [REMOTE_URL]];
  const answers = await askGit(workspace, ASKS_IN_ONE_SHELL ? [...questions, HEAD_COMMIT] : questions, env);
  const out = (r) => r?.ok ? r.stdout.trim() : void 0;
  const [status, refs] = answers;
  return {
    status,
    refs: out(refs),
    remoteUrl: env.GITHUB_REPOSITORY ? void 0 : out(answers[2]),
    headCommit: ASKS_IN_ONE_SHELL ? out(answers[questions.length]) : void 0
  };
}
function askHeadCommit(workspace, env) {
  return gitOut(workspace, HEAD_COMMIT, env);
}

export {
  askSourceQuestions,
  askHeadCommit
};
