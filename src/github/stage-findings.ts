// Reads the findings of a run back from its stages' findings.sarif, for the summary and the annotations.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BaselineState, Level, type Finding } from '../core/findings.js';
import type { RunRecord } from '../core/run-record.js';
import type { Store } from '../core/store.js';
import type { SarifLog } from '../report/sarif.js';

/** A findings.sarif bigger than this is left out of the summary and annotations (it is still uploaded). */
export const MAX_SARIF_BYTES = 64 * 1024 * 1024;

export interface StageSarif {
  stageId: string;
  file: string;
  log: SarifLog;
}

export async function readStageSarifs(store: Store, record: RunRecord, note: (m: string) => void): Promise<StageSarif[]> {
  const out: StageSarif[] = [];
  for (const st of record.stages) {
    const rel = `${st.id}/findings.sarif`;
    if (!st.artifacts.some((a) => a.path === rel)) continue;
    const file = path.join(store.runDir(record.serial), rel);
    try {
      const size = (await stat(file)).size;
      if (size > MAX_SARIF_BYTES) {
        note(`${rel} is ${size} bytes, over ${MAX_SARIF_BYTES}: left out of the summary and annotations`);
        continue;
      }
      const log = JSON.parse(await readFile(file, 'utf8')) as SarifLog;
      if (!Array.isArray(log.runs)) throw new Error('no runs');
      out.push({ stageId: st.id, file, log });
    } catch (e) {
      note(`${rel} is unreadable: ${(e as Error).message}`);
    }
  }
  return out;
}

function toFinding(stage: string, r: Record<string, unknown>): Finding | null {
  const level = Level.safeParse(r.level ?? 'warning');
  if (!level.success) return null;
  const baseline = BaselineState.safeParse(r.baselineState ?? 'new');
  const loc = (r.locations as { physicalLocation?: { artifactLocation?: { uri?: string }; region?: Record<string, number> } }[] | undefined)?.[0]
    ?.physicalLocation;
  const uri = loc?.artifactLocation?.uri;
  const region = loc?.region ?? {};
  const message = (r.message as { text?: string } | undefined)?.text ?? '';
  return {
    stage,
    ruleId: typeof r.ruleId === 'string' ? r.ruleId : 'unknown',
    level: level.data,
    message,
    ...(uri
      ? {
          location: {
            path: safeDecode(uri),
            ...(region.startLine ? { startLine: region.startLine } : {}),
            ...(region.startColumn ? { startColumn: region.startColumn } : {}),
            ...(region.endLine ? { endLine: region.endLine } : {}),
          },
        }
      : {}),
    fingerprint: String((r.partialFingerprints as Record<string, unknown> | undefined)?.['andon/v1'] ?? ''),
    baseline: baseline.success ? baseline.data : 'new',
    traceTo: [],
  };
}

function safeDecode(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

export function findingsOf(sarifs: readonly StageSarif[]): Finding[] {
  const out: Finding[] = [];
  for (const s of sarifs) {
    for (const run of s.log.runs) {
      for (const r of run.results ?? []) {
        const f = toFinding(s.stageId, r);
        if (f && f.baseline !== 'absent') out.push(f);
      }
    }
  }
  return out;
}
