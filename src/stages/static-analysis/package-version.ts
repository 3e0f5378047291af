// The version of a package as the workspace resolves it (its own node_modules), never Andon's copy.
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';

const PackageJson = z.object({ version: z.string() });

/** The version in `<pkg>/package.json` resolved from the workspace; undefined when it is not installed there. */
export function workspacePackageVersion(workspace: string, pkg: string): string | undefined {
  try {
    const parsed = PackageJson.safeParse(createRequire(path.join(workspace, 'package.json'))(`${pkg}/package.json`));
    return parsed.success ? parsed.data.version : undefined;
  } catch {
    return undefined;
  }
}
