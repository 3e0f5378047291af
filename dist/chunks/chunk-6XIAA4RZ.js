import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  defaultRegistry,
  loadConfig
} from "./chunk-5OCHSZKT.js";
import {
  FsStore
} from "./chunk-SPBR4F3X.js";

// src/cli/workspace.ts
import path from "node:path";
async function openWorkspace(cwd, configPath, env = {}) {
  const registry = defaultRegistry();
  const config = await loadConfig(cwd, configPath, registry, env);
  return { root: cwd, registry, config, store: new FsStore(path.resolve(cwd, config.store.path)) };
}
async function openStore(cwd, configPath, storeFlag, env = {}) {
  if (storeFlag) return new FsStore(path.resolve(cwd, storeFlag));
  try {
    return (await openWorkspace(cwd, configPath, env)).store;
  } catch {
    return new FsStore(path.resolve(cwd, ".andon/runs"));
  }
}

export {
  openWorkspace,
  openStore
};
