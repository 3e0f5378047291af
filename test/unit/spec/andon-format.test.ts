import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { goodAndonSpec, runSpec, workspaceWith } from './helpers.js';

describe('spec stage: Andon format', () => {
  it('passes a well-formed spec and reads its requirements with their criteria', async () => {
    const ws = await workspaceWith({ 'specs/login.md': goodAndonSpec });
    const { outcome, findings, ctx } = await runSpec(ws);
    expect(findings.filter((f) => f.level !== 'note')).toEqual([]);
    expect(outcome.state).toBe('passed');
    expect(outcome.counts).toMatchObject({ specs: 1, requirements: 2 });
    const model = JSON.parse(await readFile(path.join(ctx.outDir, 'spec-model.json'), 'utf8'));
    expect(model.requirements.map((r: { id: string; criteria: number; normative: boolean }) => [r.id, r.criteria, r.normative])).toEqual([
      ['REQ-1', 3, true],
      ['REQ-2', 3, true],
    ]);
  });

  it('reads bold ids with a configured prefix and flags one without acceptance criteria', async () => {
    const ws = await workspaceWith({
      'specs/pay.md': `---\nid: pay\ntitle: Payments\nstatus: draft\n---\n# Payments\n\n**PAY-1** The system MUST charge the card once.\n\n- Given a card\n- Then it is charged once\n\n**PAY-2** The system MUST email a receipt.\n`,
    });
    const { findings, outcome } = await runSpec(ws, { idPrefixes: ['PAY'] });
    const missing = findings.filter((f) => f.ruleId === 'spec/no-acceptance-criteria');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toContain('PAY-2');
    expect(missing[0]!.location).toMatchObject({ path: 'specs/pay.md', startLine: 13, startColumn: 3 });
    expect(outcome.state).toBe('passed'); // a warning by default does not fail the gate
  });

  it('flags ambiguous wording with the exact column span, skipping inline code, and honours lexiconAdd', async () => {
    const ws = await workspaceWith({
      'specs/a.md': `---\nid: a\ntitle: A\nstatus: draft\n---\n# A\n\n## REQ-1: Speed\n\nThe page MUST load fast, etc. and be \`fast\` in code.\n\n- Then it is blazing\n`,
    });
    const { findings } = await runSpec(ws, { lexiconAdd: ['blazing'] });
    const amb = findings.filter((f) => f.ruleId === 'spec/ambiguous-wording');
    expect(amb.map((f) => [f.location?.startLine, f.location?.startColumn, f.location?.endColumn])).toEqual([
      [10, 20, 24],
      [10, 26, 30],
      [12, 14, 21],
    ]);
    expect(amb[0]!.level).toBe('warning');
  });

  it('reports duplicate ids across files, broken id references and broken file links', async () => {
    const ws = await workspaceWith({
      'specs/one.md': `---\nid: one\ntitle: One\nstatus: draft\n---\n# One\n\n## REQ-1: First\n\nMUST work, see REQ-9 and [design](design.md).\n\n- Given x\n`,
      'specs/two.md': `---\nid: two\ntitle: Two\nstatus: draft\n---\n# Two\n\n## REQ-1: Again\n\nMUST work as REQ-1 says; [ok](one.md).\n\n- Given y\n`,
    });
    const { findings, outcome } = await runSpec(ws);
    const dup = findings.filter((f) => f.ruleId === 'spec/duplicate-id');
    expect(dup).toHaveLength(1);
    expect(dup[0]!.location?.path).toBe('specs/two.md');
    const broken = findings.filter((f) => f.ruleId === 'spec/broken-reference').map((f) => f.message);
    expect(broken).toEqual(['REQ-9 is referenced but not defined in the spec set', 'link design.md points to a file that does not exist']);
    expect(outcome.state).toBe('failed');
  });

  it('flags empty sections and lets rules be turned off or raised', async () => {
    const ws = await workspaceWith({
      'specs/e.md': `---\nid: e\ntitle: E\nstatus: draft\n---\n# E\n\n## Notes\n\n## REQ-1: Thing\n\nMUST be fast.\n\n- Given z\n`,
    });
    const base = await runSpec(ws);
    expect(base.findings.filter((f) => f.ruleId === 'spec/empty-section').map((f) => f.location?.startLine)).toEqual([8]);
    expect(base.outcome.state).toBe('passed');
    const tuned = await runSpec(ws, { rules: { 'spec/empty-section': 'off', 'spec/ambiguous-wording': 'error' } });
    expect(tuned.findings.some((f) => f.ruleId === 'spec/empty-section')).toBe(false);
    expect(tuned.outcome.state).toBe('failed');
  });

  it('refuses an unknown rule id instead of ignoring it', async () => {
    const ws = await workspaceWith({ 'specs/login.md': goodAndonSpec });
    const { outcome } = await runSpec(ws, { rules: { 'spec/ambigous-wording': 'off' } });
    expect(outcome.state).toBe('errored');
    expect(outcome.reason).toContain('spec/ambigous-wording');
  });

  it('writes SARIF-ready findings with stable fingerprints and compares them with a baseline', async () => {
    const ws = await workspaceWith({ 'specs/a.md': `---\nid: a\ntitle: A\nstatus: draft\n---\n# A\n\n## REQ-1: X\n\nMUST be quick.\n\n- Given q\n` });
    const first = await runSpec(ws);
    const again = await runSpec(ws);
    expect(again.findings.map((f) => f.fingerprint)).toEqual(first.findings.map((f) => f.fingerprint));
    expect(first.outcome.baseline).toMatchObject({ schema: 'andon.findings-baseline/v1', stage: 'spec' });
  });
});
