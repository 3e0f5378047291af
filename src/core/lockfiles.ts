// The files that say which packages a JavaScript workspace has installed: every npm, pnpm, yarn and bun lockfile.
// One list serves whatever keys a result by the installed versions (the static-analysis stage's inputs and ESLint's
// per-file results, a judgement made at the base with the workspace's dependencies).
export const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'] as const;
