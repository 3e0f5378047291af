// The names of every action input, output and saved state, and of every artifact and cache key: spelled here and nowhere else.

export const Input = {
  config: 'config',
  stage: 'stage',
  fromStage: 'from-stage',
  resume: 'resume',
  serial: 'serial',
  githubToken: 'github-token',
  retentionDays: 'retention-days',
  upload: 'upload',
  cache: 'cache',
  annotations: 'annotations',
  deadlineSeconds: 'service-deadline-seconds',
  workingDirectory: 'working-directory',
  repo: 'repo',
  download: 'download',
  rerunWorkflow: 'rerun-workflow',
} as const;
export type InputName = (typeof Input)[keyof typeof Input];

export const Output = {
  serial: 'serial',
  verdict: 'verdict',
  recordPath: 'record-path',
  sarifPath: 'sarif-path',
  stages: 'stages',
  runUrl: 'run-url',
  parentSerial: 'parent-serial',
  sha: 'sha',
} as const;
export type OutputName = (typeof Output)[keyof typeof Output];

/** Kept between the main and the post step of one action (GITHUB_STATE). */
export const State = {
  serial: 'andon-serial',
  storeRoot: 'andon-store',
  workspace: 'andon-workspace',
  settings: 'andon-settings',
} as const;
export type StateName = (typeof State)[keyof typeof State];

const ARTIFACT_FORBIDDEN = /["<>|*?\r\n\\/:]/;

/** `andon-<serial>-<stage-id>`: the serial carries run id and attempt, so a re-run never collides with its parent. */
export function stageArtifactName(serial: string, stageId: string): string {
  return checkedArtifactName(`andon-${serial}-${stageId}`);
}

export function recordArtifactName(serial: string): string {
  return checkedArtifactName(`andon-${serial}-record`);
}

/** `andon-<serial>-report.html`: a stage id has no dot, so no stage artifact can take this name. */
export function reportArtifactName(serial: string): string {
  return checkedArtifactName(`andon-${serial}-report.html`);
}

function checkedArtifactName(name: string): string {
  if (ARTIFACT_FORBIDDEN.test(name)) throw new Error(`artifact name ${JSON.stringify(name)} holds a character GitHub refuses`);
  return name;
}

/** Stage results in @actions/cache: keyed by stage id and inputs digest (≤ 512 characters, no commas). */
export function stageCacheKey(stageId: string, digest: string): string {
  return `andon-stage-${stageId}-${digest.replace(/^sha256:/, '')}`;
}

/** Baselines in @actions/cache: one entry per branch, stage and serial; restored by prefix, newest first. */
export function baselineCachePrefix(branch: string, stageId: string): string {
  return `andon-baseline-${branch.replace(/,/g, '_')}-${stageId}-`;
}

export function baselineCacheKey(branch: string, stageId: string, serial: string): string {
  return `${baselineCachePrefix(branch, stageId)}${serial}`;
}

/** GitHub's caps per step (GITHUB.md). */
export const Limits = {
  annotationsPerLevel: 10,
  annotationMessageChars: 4096,
} as const;

/** How long Andon waits for any one service call before it warns and moves on. */
export const DEFAULT_SERVICE_DEADLINE_MS = 120_000;
