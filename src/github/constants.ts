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
  needs: 'needs',
  checkRuns: 'check-runs',
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
  ref: 'ref',
  event: 'event',
  fork: 'fork',
  pr: 'pr',
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
const SERIAL = String.raw`(?:gh-\d{1,20}-\d{1,4}|\d{8}T\d{9}Z-[0-9a-f]{6})`;
const STAGE_ARTIFACT = new RegExp(String.raw`^andon-(${SERIAL})-([a-z0-9][a-z0-9-]*)(?:\.(\d{1,3}))?$`);
const PIECE_ARTIFACT = new RegExp(String.raw`^andon-(${SERIAL})\.record\.([0-9a-f]{16}(?:\.\d{1,3})?)$`);

/**
 * A stage folder: `andon-<serial>-<stage-id>`; the serial carries run id and attempt, so a re-run never collides with its
 * parent. When a half-made artifact holds the name (an upload that died after it was created), the next try is
 * `andon-<serial>-<stage-id>.<n>`.
 */
export function stageArtifactName(serial: string, stageId: string, retry = 0): string {
  return checkedArtifactName(`andon-${serial}-${stageId}${retry > 0 ? `.${retry + 1}` : ''}`);
}

/**
 * One immutable piece of a run's record: `andon-<serial>.record.<first 16 hex of the piece's sha256>` (`.<n>` on a
 * retry under a fresh name). The dot is never in a stage id or a serial, so a piece can never take a stage's name,
 * whatever the stage is called (`record`, `report`, ...). Named by content: uploading the same piece twice is a no-op.
 */
export function recordPieceName(serial: string, contentSha256: string, retry = 0): string {
  return checkedArtifactName(`andon-${serial}.record.${contentSha256.slice(0, 16)}${retry > 0 ? `.${retry + 1}` : ''}`);
}

export type ArtifactKind = { kind: 'stage'; serial: string; stageId: string } | { kind: 'piece'; serial: string };

/** What an artifact name holds, or null for an artifact that is not Andon's. */
export function parseArtifactName(name: string): ArtifactKind | null {
  const p = PIECE_ARTIFACT.exec(name);
  if (p) return { kind: 'piece', serial: p[1]! };
  const s = STAGE_ARTIFACT.exec(name);
  if (s) return { kind: 'stage', serial: s[1]!, stageId: s[2]! };
  return null;
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

/** A stage's tool cache folder in @actions/cache: one entry per content, restored by prefix, newest first. */
export function toolCachePrefix(stageId: string): string {
  return `andon-tools-${stageId}-`;
}

/** Baselines in @actions/cache: one entry per stage, commit judged and serial; restored by prefix, newest first. */
export function baselineCachePrefix(stageId: string, sha: string): string {
  return `andon-baseline-${stageId}-${sha}-`;
}

export function baselineCacheKey(stageId: string, sha: string, serial: string): string {
  return `${baselineCachePrefix(stageId, sha)}${serial}`;
}

/** A stage kind's judgement at a base commit, by its key (base commit, kind, options, tool and dependency versions). */
export function baseJudgementCacheKey(key: string): string {
  return `andon-base-judgement-${key}`;
}

/** GitHub's caps per step (GITHUB.md). */
export const Limits = {
  annotationsPerLevel: 10,
  annotationMessageChars: 4096,
} as const;

/** How long Andon waits for any one service call before it warns and moves on. */
export const DEFAULT_SERVICE_DEADLINE_MS = 120_000;
