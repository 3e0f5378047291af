import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/this-process.ts
import { hostname } from "node:os";
function thisProcess() {
  return { pid: process.pid, hostname: hostname(), node: process.version };
}
function processIsAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

export {
  thisProcess,
  processIsAlive
};
