// The report readers of the static-analysis stage read through the stage's reader, so what they read is checked
// against the inputs digest; a URI that cannot be resolved refuses that finding's location, never the stage.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings.js';
import { staticAnalysisStage } from '../../../src/stages/static-analysis/index.js';
import { StaticAnalysisOptions } from '../../../src/stages/static-analysis/options.js';
import { makeStageContext } from '../../helpers/stage-context.js';
import { makeWorkspace } from './fixture-repo.js';

const sarif = JSON.stringify({
  version: '2.1.0',
  runs: [
    {
      tool: { driver: { name: 't' } },
      originalUriBaseIds: { BROKEN: { uri: 'file://[bad/' } },
      results: [
        { ruleId: 'r1', level: 'warning', message: { text: 'under a base that is no URI' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.js', uriBaseId: 'BROKEN' } } }] },
        { ruleId: 'r2', level: 'warning', message: { text: 'a stray escape' }, locations: [{ physicalLocation: { artifactLocation: { uri: '%E0%A4%A' } } }] },
      ],
    },
  ],
});
const checkstyle = '<?xml version="1.0"?><checkstyle version="8.0"><file name="a.js"><error line="1" severity="warning" message="m" source="x"/></file></checkstyle>';

async function runStage(files: Record<string, string>, options: Record<string, unknown>) {
  const ws = await makeWorkspace(files, { withNodeModules: false });
  const ctx = await makeStageContext({ workspace: ws, options: StaticAnalysisOptions.parse({ filter: 'nofilter', ...options }), stageId: 'sa', uses: 'static-analysis' });
  const outcome = await staticAnalysisStage.run(ctx);
  return { ctx, outcome, findings: (outcome.findings ?? []) as Finding[] };
}

const nothingDigested = { kind: 'static-analysis', options: {}, tools: {}, extra: null, files: {} };

describe('static-analysis report readers', () => {
  it('keep a finding whose URI cannot be resolved, with the location refused and the reason', async () => {
    const { outcome, findings } = await runStage({ 'r.sarif': sarif, 'a.js': '' }, { sarif: 'r.sarif' });
    expect(outcome.state).toBe('passed');
    const r1 = findings.find((f) => f.ruleId === 'r1')!;
    expect(r1.location).toBeUndefined();
    expect(r1.note).toBe('location "a.js" against the base BROKEN ("file://[bad/") is not a valid URI; location refused');
    expect(findings.find((f) => f.ruleId === 'r2')).toBeDefined();
  });

  it('read SARIF and checkstyle reports through the stage reader, which records them', async () => {
    const { ctx, outcome } = await runStage({ 'reports/r.sarif': sarif, 'reports/cs.xml': checkstyle, 'a.js': '' }, { sarif: 'reports/*.sarif', checkstyle: 'reports/*.xml' });
    expect(outcome.state).toBe('passed');
    expect(ctx.reads.uncovered(nothingDigested).map((r) => r.path)).toEqual(['reports/cs.xml', 'reports/r.sarif']);
  });
});
