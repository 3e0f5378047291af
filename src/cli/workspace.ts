// Resolves the workspace, the config and the store a command works on.
import path from 'node:path';
import { loadConfig, type LoadedConfig } from '../core/config.js';
import { FsStore } from '../core/store.js';
import { defaultRegistry } from '../stages/index.js';
import type { StageRegistry } from '../core/stage-kind.js';

export interface Workspace {
  root: string;
  registry: StageRegistry;
  config: LoadedConfig;
  store: FsStore;
}

export async function openWorkspace(cwd: string, configPath: string | undefined, env: Readonly<Record<string, string | undefined>> = {}): Promise<Workspace> {
  const registry = defaultRegistry();
  // The environment decides where a store may live (under RUNNER_TEMP on a runner).
  const config = await loadConfig(cwd, configPath, registry, env);
  return { root: cwd, registry, config, store: new FsStore(path.resolve(cwd, config.store.path)) };
}

/** The store without requiring a valid config (reading old runs must work when the config is broken). */
export async function openStore(cwd: string, configPath: string | undefined, storeFlag: string | undefined, env: Readonly<Record<string, string | undefined>> = {}): Promise<FsStore> {
  if (storeFlag) return new FsStore(path.resolve(cwd, storeFlag));
  try {
    return (await openWorkspace(cwd, configPath, env)).store;
  } catch {
    return new FsStore(path.resolve(cwd, '.andon/runs'));
  }
}
